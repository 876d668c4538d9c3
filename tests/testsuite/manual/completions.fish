# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_respond_global_optspecs
    string join \n color= h/help V/version
end

function __fish_respond_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_respond_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_respond_using_subcommand
    set -l cmd (__fish_respond_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c respond -n "__fish_respond_needs_command" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_needs_command" -s V -l version -d 'Print version'
complete -c respond -n "__fish_respond_needs_command" -f -a "new" -d 'Create a record for a newly published report and print its statutory last day'
complete -c respond -n "__fish_respond_needs_command" -f -a "validate" -d 'Check every record against the record format and report every problem'
complete -c respond -n "__fish_respond_needs_command" -f -a "render" -d 'Render every record to `out/<id>.md` and `out/<id>.html`, with `out/index.md` and `out/index.html`; writes nothing if any record is invalid'
complete -c respond -n "__fish_respond_needs_command" -f -a "serve" -d 'Preview the website, drafts included, in your browser as you edit: it reloads at each save and shows any problems in the records'
complete -c respond -n "__fish_respond_needs_command" -f -a "publish" -d 'Publish a draft\'s response: record the day in its file, render its public files, and say whether it was on time and where the copies must go; refuses an incomplete record'
complete -c respond -n "__fish_respond_needs_command" -f -a "check" -d 'The CI gate: every record\'s last day and status; fails when a statutory response is overdue or a record is invalid'
complete -c respond -n "__fish_respond_needs_command" -f -a "recommendations" -d 'The recommendations tracker: every recommendation, area for improvement and cause of concern, where it stands, what is past its target first; for the Police and Crime Panel'
complete -c respond -n "__fish_respond_needs_command" -f -a "calendar" -d 'An iCalendar file (for Outlook and other calendars) of the dates to come: each unpublished response\'s last day, the day set for the chief officer\'s comments, and the targets of open recommendations; writes nothing if any record is invalid'
complete -c respond -n "__fish_respond_needs_command" -f -a "templates" -d 'Write the default templates into `templates/` for editing (existing files are kept), and the schemas editors check records against into `schemas/`'
complete -c respond -n "__fish_respond_needs_command" -f -a "schema" -d 'Write the JSON Schemas of a record and of the office file into `schemas/`, where an editor finds them to complete and check the YAML as you type'
complete -c respond -n "__fish_respond_needs_command" -f -a "completions" -d 'Print a script that completes respond\'s commands and options in a shell, as you press Tab'
complete -c respond -n "__fish_respond_needs_command" -f -a "man" -d 'Print respond\'s manual page (roff, for `man`), or write one page for respond and one for each command into a folder'
complete -c respond -n "__fish_respond_needs_command" -f -a "help" -d 'Print this help, or the help of a command (`respond help new`)'
complete -c respond -n "__fish_respond_using_subcommand new" -l title -d 'The report\'s title as HMICFRS gives it' -r
complete -c respond -n "__fish_respond_using_subcommand new" -l published -d 'The day HMICFRS published the report, e.g. `2023-08-25`, `25/08/2023`, `25 August 2023`, or `today`' -r
complete -c respond -n "__fish_respond_using_subcommand new" -l type -d 'The type of inspection' -r -f -a "peel\t'PEEL (police effectiveness, efficiency and legitimacy)'
force-inspection\t'An inspection of this force'
national-thematic\t'A national thematic inspection'
national-inspection\t'A national inspection'
spotlight\t'A spotlight report'
joint-inspection\t'A joint inspection with other inspectorates'
custody\t'A custody inspection'
revisit\t'A revisit'
state-of-policing\t'The annual State of Policing'
commissioned\t'Commissioned by the commissioner or the Home Secretary'
fire\t'A fire and rescue inspection (no statutory 56-day duty)'
other\t'Anything else, described by `type_label`'"
complete -c respond -n "__fish_respond_using_subcommand new" -l reference -d 'An HMICFRS or office reference' -r
complete -c respond -n "__fish_respond_using_subcommand new" -l link -d 'The report\'s web address' -r
complete -c respond -n "__fish_respond_using_subcommand new" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand new" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand new" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand new" -l no-input -d 'Never ask: fail when a required value is missing, even at a terminal'
complete -c respond -n "__fish_respond_using_subcommand new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand validate" -l format -d 'How to print problems' -r -f -a "text\t'Compiler-style messages on standard error'
json\t'One JSON array of problems on standard output'"
complete -c respond -n "__fish_respond_using_subcommand validate" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand validate" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand validate" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand validate" -l deny-warnings -d 'Treat warnings as findings: exit 1 when there is any'
complete -c respond -n "__fish_respond_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand render" -l out -d 'Where to write the published responses (default: `out/` in the project)' -r -F
complete -c respond -n "__fish_respond_using_subcommand render" -l drafts -d 'Where to write the drafts, the responses not yet published (default: `drafts/` in the project, beside `out/`; never inside it)' -r -F
complete -c respond -n "__fish_respond_using_subcommand render" -l templates -d 'Templates that replace the defaults by name (default: `templates/` in the project)' -r -F
complete -c respond -n "__fish_respond_using_subcommand render" -l format -d 'Which files to write: a comma-separated list of `md`, `html` and `pdf`, or `all` (default: md,html)' -r -f -a "md\t'Markdown: `<id>.md` and `index.md`'
html\t'HTML: `<id>.html` and `index.html`'
pdf\t'PDF: `<id>.pdf`, each response as an accessible A4 document'
all\t'Every format: Markdown, HTML and PDF'"
complete -c respond -n "__fish_respond_using_subcommand render" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand render" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand render" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand render" -l check -d 'Write nothing; exit 1 and list the files that would change if `out/` is not up to date'
complete -c respond -n "__fish_respond_using_subcommand render" -l force -d 'Overwrite files in `out/` that respond did not write or that were changed by hand'
complete -c respond -n "__fish_respond_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand serve" -l port -d 'The port to listen on, on 127.0.0.1 only; 0 picks a free one' -r
complete -c respond -n "__fish_respond_using_subcommand serve" -l templates -d 'Templates that replace the defaults by name (default: `templates/` in the project)' -r -F
complete -c respond -n "__fish_respond_using_subcommand serve" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand serve" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand serve" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand serve" -l open -d 'Open the preview in your browser'
complete -c respond -n "__fish_respond_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand publish" -l on -d 'The day the response is published, e.g. `2026-12-02`, `02/12/2026` (default: today)' -r
complete -c respond -n "__fish_respond_using_subcommand publish" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand publish" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand publish" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand publish" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand check" -l warn-within -d 'Warn about responses due within this many days' -r
complete -c respond -n "__fish_respond_using_subcommand check" -l format -d 'How to print the table and problems' -r -f -a "text\t'A table on standard output, problems on standard error'
json\t'One JSON array of records on standard output'
github\t'GitHub Actions workflow annotations on standard output'"
complete -c respond -n "__fish_respond_using_subcommand check" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand check" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand check" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand recommendations" -l status -d 'Show only items with these statuses (repeat it, or separate them with commas; default: all)' -r -f -a "open\t''
in-progress\t''
complete\t''
superseded\t''
not-accepted\t''"
complete -c respond -n "__fish_respond_using_subcommand recommendations" -l record -d 'Records or folders to take the items from (repeatable; default: all of `data/`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand recommendations" -l format -d 'How to print the tracker' -r -f -a "text\t'An aligned table and a summary line on standard output, warnings on standard error'
json\t'One JSON object (`as_at`, `summary`, `rows`) on standard output'
csv\t'CSV for Excel (UTF-8 with a byte-order mark, CRLF line ends) on standard output'
md\t'A Markdown document on standard output'
html\t'An HTML document on standard output'"
complete -c respond -n "__fish_respond_using_subcommand recommendations" -l out -d 'Write the tracker to this file, whole, instead of standard output (e.g. `tracker.csv`; on Windows, safer than `>`, which PowerShell may write in another encoding)' -r -F
complete -c respond -n "__fish_respond_using_subcommand recommendations" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand recommendations" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand recommendations" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand recommendations" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand calendar" -l out -d 'The file to write, e.g. `calendar.ics`, replaced whole (default: standard output). Never inside `out/`: the calendar is for staff, not the website' -r -F
complete -c respond -n "__fish_respond_using_subcommand calendar" -l root -d 'The project folder, holding `data/office.yaml` and `data/inspections/` (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand calendar" -l today -d 'Take this date (YYYY-MM-DD) as today instead of today\'s date in Europe/London' -r
complete -c respond -n "__fish_respond_using_subcommand calendar" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand calendar" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand templates" -l out -d 'Where to write them (default: `templates/` in the project)' -r -F
complete -c respond -n "__fish_respond_using_subcommand templates" -l root -d 'The project folder (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand templates" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand templates" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand schema" -l out -d 'Where to write `record.schema.json` and `office.schema.json` (default: `schemas/` in the project)' -r -F
complete -c respond -n "__fish_respond_using_subcommand schema" -l root -d 'The project folder (default: the nearest folder at or above the current one that holds `data/office.yaml`)' -r -F
complete -c respond -n "__fish_respond_using_subcommand schema" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand completions" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand man" -l out -d 'The folder to write the pages into, created if missing (default: print respond\'s own page on standard output)' -r -F
complete -c respond -n "__fish_respond_using_subcommand man" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c respond -n "__fish_respond_using_subcommand help" -l color -d 'When to colour problems: `auto` (at a terminal, unless the NO_COLOR environment variable is set), `always` or `never`' -r -f -a "auto\t'At a terminal that shows colour, unless the `NO_COLOR` environment variable is set'
always\t'Always, even into a file or a pipe'
never\t'Never'"
complete -c respond -n "__fish_respond_using_subcommand help" -s h -l help -d 'Print help (see more with \'--help\')'
