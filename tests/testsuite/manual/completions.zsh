#compdef respond

autoload -U is-at-least

_respond() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_respond_commands" \
"*::: :->respond" \
&& ret=0
    case $state in
    (respond)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:respond-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
'--title=[The report'\''s title as HMICFRS gives it]:TITLE:_default' \
'--published=[The day HMICFRS published the report, e.g. \`2023-08-25\`, \`25/08/2023\`, \`25 August 2023\`, or \`today\`]:PUBLISHED:_default' \
'--type=[The type of inspection]:TYPE:((peel\:"PEEL (police effectiveness, efficiency and legitimacy)"
force-inspection\:"An inspection of this force"
national-thematic\:"A national thematic inspection"
national-inspection\:"A national inspection"
spotlight\:"A spotlight report"
joint-inspection\:"A joint inspection with other inspectorates"
custody\:"A custody inspection"
revisit\:"A revisit"
state-of-policing\:"The annual State of Policing"
commissioned\:"Commissioned by the commissioner or the Home Secretary"
fire\:"A fire and rescue inspection (no statutory 56-day duty)"
other\:"Anything else, described by \`type_label\`"))' \
'--reference=[An HMICFRS or office reference]:REFERENCE:_default' \
'--link=[The report'\''s web address]:LINK:_default' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'--no-input[Never ask\: fail when a required value is missing, even at a terminal]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
'--format=[How to print problems]:FORMAT:((text\:"Compiler-style messages on standard error"
json\:"One JSON array of problems on standard output"))' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'--deny-warnings[Treat warnings as findings\: exit 1 when there is any]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::paths -- Records or folders to check (default\: all of `data/`):_files' \
&& ret=0
;;
(render)
_arguments "${_arguments_options[@]}" : \
'--out=[Where to write the published responses (default\: \`out/\` in the project)]:DIR:_files' \
'--drafts=[Where to write the drafts, the responses not yet published (default\: \`drafts/\` in the project, beside \`out/\`; never inside it)]:DIR:_files' \
'--templates=[Templates that replace the defaults by name (default\: \`templates/\` in the project)]:DIR:_files' \
'*--format=[Which files to write\: a comma-separated list of \`md\`, \`html\` and \`pdf\`, or \`all\` (default\: md,html)]:FORMATS:((md\:"Markdown\: \`<id>.md\` and \`index.md\`"
html\:"HTML\: \`<id>.html\` and \`index.html\`"
pdf\:"PDF\: \`<id>.pdf\`, each response as an accessible A4 document"
all\:"Every format\: Markdown, HTML and PDF"))' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'--check[Write nothing; exit 1 and list the files that would change if \`out/\` is not up to date]' \
'--force[Overwrite files in \`out/\` that respond did not write or that were changed by hand]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::paths -- Records or folders to render (default\: all of `data/`):_files' \
&& ret=0
;;
(serve)
_arguments "${_arguments_options[@]}" : \
'--port=[The port to listen on, on 127.0.0.1 only; 0 picks a free one]:PORT:_default' \
'--templates=[Templates that replace the defaults by name (default\: \`templates/\` in the project)]:DIR:_files' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'--open[Open the preview in your browser]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(publish)
_arguments "${_arguments_options[@]}" : \
'--on=[The day the response is published, e.g. \`2026-12-02\`, \`02/12/2026\` (default\: today)]:DATE:_default' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':id -- The record to publish\: its id (its file name without `.yaml`), or its file:_default' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'--warn-within=[Warn about responses due within this many days]:DAYS:_default' \
'--format=[How to print the table and problems]:FORMAT:((text\:"A table on standard output, problems on standard error"
json\:"One JSON array of records on standard output"
github\:"GitHub Actions workflow annotations on standard output"))' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::paths -- Records or folders to check (default\: all of `data/`):_files' \
&& ret=0
;;
(recommendations)
_arguments "${_arguments_options[@]}" : \
'*--status=[Show only items with these statuses (repeat it, or separate them with commas; default\: all)]:STATUS:(open in-progress complete superseded not-accepted)' \
'*--record=[Records or folders to take the items from (repeatable; default\: all of \`data/\`)]:PATH:_files' \
'--format=[How to print the tracker]:FORMAT:((text\:"An aligned table and a summary line on standard output, warnings on standard error"
json\:"One JSON object (\`as_at\`, \`summary\`, \`rows\`) on standard output"
csv\:"CSV for Excel (UTF-8 with a byte-order mark, CRLF line ends) on standard output"
md\:"A Markdown document on standard output"
html\:"An HTML document on standard output"))' \
'--out=[Write the tracker to this file, whole, instead of standard output (e.g. \`tracker.csv\`; on Windows, safer than \`>\`, which PowerShell may write in another encoding)]:FILE:_files' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(calendar)
_arguments "${_arguments_options[@]}" : \
'--out=[The file to write, e.g. \`calendar.ics\`, replaced whole (default\: standard output). Never inside \`out/\`\: the calendar is for staff, not the website]:FILE:_files' \
'--root=[The project folder, holding \`data/office.yaml\` and \`data/inspections/\` (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--today=[Take this date (YYYY-MM-DD) as today instead of today'\''s date in Europe/London]:DATE:_default' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(templates)
_arguments "${_arguments_options[@]}" : \
'--out=[Where to write them (default\: \`templates/\` in the project)]:DIR:_files' \
'--root=[The project folder (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
'--out=[Where to write \`record.schema.json\` and \`office.schema.json\` (default\: \`schemas/\` in the project)]:DIR:_files' \
'--root=[The project folder (default\: the nearest folder at or above the current one that holds \`data/office.yaml\`)]:DIR:_files' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':shell -- The shell to complete in:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--out=[The folder to write the pages into, created if missing (default\: print respond'\''s own page on standard output)]:DIR:_files' \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--color=[When to colour problems\: \`auto\` (at a terminal, unless the NO_COLOR environment variable is set), \`always\` or \`never\`]:WHEN:((auto\:"At a terminal that shows colour, unless the \`NO_COLOR\` environment variable is set"
always\:"Always, even into a file or a pipe"
never\:"Never"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::command -- The command to explain (default\: all of them):_default' \
&& ret=0
;;
        esac
    ;;
esac
}

(( $+functions[_respond_commands] )) ||
_respond_commands() {
    local commands; commands=(
'new:Create a record for a newly published report and print its statutory last day' \
'validate:Check every record against the record format and report every problem' \
'render:Render every record to \`out/<id>.md\` and \`out/<id>.html\`, with \`out/index.md\` and \`out/index.html\`; writes nothing if any record is invalid' \
'serve:Preview the website, drafts included, in your browser as you edit\: it reloads at each save and shows any problems in the records' \
'publish:Publish a draft'\''s response\: record the day in its file, render its public files, and say whether it was on time and where the copies must go; refuses an incomplete record' \
'check:The CI gate\: every record'\''s last day and status; fails when a statutory response is overdue or a record is invalid' \
'recommendations:The recommendations tracker\: every recommendation, area for improvement and cause of concern, where it stands, what is past its target first; for the Police and Crime Panel' \
'calendar:An iCalendar file (for Outlook and other calendars) of the dates to come\: each unpublished response'\''s last day, the day set for the chief officer'\''s comments, and the targets of open recommendations; writes nothing if any record is invalid' \
'templates:Write the default templates into \`templates/\` for editing (existing files are kept), and the schemas editors check records against into \`schemas/\`' \
'schema:Write the JSON Schemas of a record and of the office file into \`schemas/\`, where an editor finds them to complete and check the YAML as you type' \
'completions:Print a script that completes respond'\''s commands and options in a shell, as you press Tab' \
'man:Print respond'\''s manual page (roff, for \`man\`), or write one page for respond and one for each command into a folder' \
'help:Print this help, or the help of a command (\`respond help new\`)' \
    )
    _describe -t commands 'respond commands' commands "$@"
}
(( $+functions[_respond__subcmd__calendar_commands] )) ||
_respond__subcmd__calendar_commands() {
    local commands; commands=()
    _describe -t commands 'respond calendar commands' commands "$@"
}
(( $+functions[_respond__subcmd__check_commands] )) ||
_respond__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'respond check commands' commands "$@"
}
(( $+functions[_respond__subcmd__completions_commands] )) ||
_respond__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'respond completions commands' commands "$@"
}
(( $+functions[_respond__subcmd__help_commands] )) ||
_respond__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'respond help commands' commands "$@"
}
(( $+functions[_respond__subcmd__man_commands] )) ||
_respond__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'respond man commands' commands "$@"
}
(( $+functions[_respond__subcmd__new_commands] )) ||
_respond__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'respond new commands' commands "$@"
}
(( $+functions[_respond__subcmd__publish_commands] )) ||
_respond__subcmd__publish_commands() {
    local commands; commands=()
    _describe -t commands 'respond publish commands' commands "$@"
}
(( $+functions[_respond__subcmd__recommendations_commands] )) ||
_respond__subcmd__recommendations_commands() {
    local commands; commands=()
    _describe -t commands 'respond recommendations commands' commands "$@"
}
(( $+functions[_respond__subcmd__render_commands] )) ||
_respond__subcmd__render_commands() {
    local commands; commands=()
    _describe -t commands 'respond render commands' commands "$@"
}
(( $+functions[_respond__subcmd__schema_commands] )) ||
_respond__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'respond schema commands' commands "$@"
}
(( $+functions[_respond__subcmd__serve_commands] )) ||
_respond__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'respond serve commands' commands "$@"
}
(( $+functions[_respond__subcmd__templates_commands] )) ||
_respond__subcmd__templates_commands() {
    local commands; commands=()
    _describe -t commands 'respond templates commands' commands "$@"
}
(( $+functions[_respond__subcmd__validate_commands] )) ||
_respond__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'respond validate commands' commands "$@"
}

if [ "$funcstack[1]" = "_respond" ]; then
    _respond "$@"
else
    compdef _respond respond
fi
