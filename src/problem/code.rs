//! The names of problems: each problem's [`Code`], stable once released and listed in the
//! README, and its [`Severity`].

use crate::words::words;

words! {
    /// How serious a problem is; its word is printed before the message.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Severity {
        /// The record is invalid: nothing is rendered and `validate` and `check` exit 1.
        Error = "error",
        /// Worth a look, but the record is valid.
        Warning = "warning",
        /// Said so that it is seen, not because anything is wrong (a record outside the
        /// statutory duty, in `check`).
        Note = "note",
    }
}

words! {
    /// What kind of problem it is: a stable name, printed with every problem
    /// (`error[unknown-field]`) and in JSON, as clippy names its lints, so that staff can look it
    /// up and scripts can match on it. The names never change once released; the README lists
    /// them, in this order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Code {
        // Reading a file.
        /// The office file is missing.
        OfficeMissing = "office-missing",
        /// A folder, a FIFO or a device where a record file belongs.
        NotAFile = "not-a-file",
        /// A symbolic link that leads outside the project.
        LinkOutsideProject = "link-outside-project",
        /// A link to a folder that holds it (`data/inspections/up -> ..`).
        LinkUp = "link-up",
        /// A project without its records folder, `data/inspections`.
        NoRecordsFolder = "no-records-folder",
        /// A file larger than a record can be.
        FileTooLarge = "file-too-large",
        /// A file among the records that is not one (`.txt`, `.docx`), or a YAML file in `data/`
        /// outside `data/inspections`.
        NotARecord = "not-a-record",
        /// Two record files with the same id (in different folders, or `.yaml` and `.yml`).
        DuplicateId = "duplicate-id",
        /// Folders under `data/inspections` nested deeper than respond reads.
        FoldersTooDeep = "folders-too-deep",
        /// A file that is not UTF-8 text.
        NotUtf8 = "not-utf8",
        /// YAML the parser cannot read.
        YamlSyntax = "yaml-syntax",
        /// A second YAML document in one file.
        TwoDocuments = "two-documents",
        /// A YAML anchor or alias.
        YamlAlias = "yaml-alias",
        /// Lists and mappings nested too deep.
        TooDeep = "too-deep",
        /// A key written twice in one mapping.
        DuplicateKey = "duplicate-key",
        /// A YAML tag (`!!binary`, `!include`), which records do not use.
        YamlTag = "yaml-tag",
        /// A control character or a bidirectional override in the text.
        ControlCharacter = "control-character",
        /// A ` #` after a value without quotes, which YAML reads as the start of a comment.
        CutByComment = "cut-by-comment",
        /// A `number` or `reference` in curly quotes (`“1”`), which YAML keeps as part of it.
        CurlyQuotes = "curly-quotes",
        /// A line in a text that looks like a field: probably a field indented too far.
        FieldInText = "field-in-text",
        // The fields of a record or of the office file.
        /// A record with nothing in it.
        EmptyRecord = "empty-record",
        /// A file name that breaks the naming rule for ids.
        InvalidId = "invalid-id",
        /// An id that is the name of one of the site's own files or folders (`index`, `feed`).
        ReservedId = "reserved-id",
        /// A value where a mapping of fields belongs.
        NotAMapping = "not-a-mapping",
        /// A field name that is not a word.
        InvalidFieldName = "invalid-field-name",
        /// A field the format does not have.
        UnknownField = "unknown-field",
        /// A required field that is missing.
        MissingField = "missing-field",
        /// A field with nothing in it.
        EmptyField = "empty-field",
        /// A value of the wrong kind: a list for text, text for `true`/`false`, …
        WrongType = "wrong-type",
        /// A date that does not exist or cannot be read.
        InvalidDate = "invalid-date",
        /// Text left from `respond new` for the user to replace.
        PlaceholderText = "placeholder-text",
        /// Text left from `respond new` in a record whose response is published.
        PublishedWithPlaceholder = "published-with-placeholder",
        /// A `type` the format does not have.
        UnknownType = "unknown-type",
        /// A `by` the format does not have.
        UnknownRespondent = "unknown-respondent",
        /// A `link` that is not a web address.
        InvalidLink = "invalid-link",
        /// Commissioner titles that are missing or out of order.
        CommissionerTitles = "commissioner-titles",
        /// A `local_target_days` that is not a whole number of days.
        InvalidLocalTarget = "invalid-local-target",
        /// A `formats` entry that is not a format, or an empty list.
        UnknownFormat = "unknown-format",
        // Rules between fields.
        /// `type: other` without `type_label`.
        MissingTypeLabel = "missing-type-label",
        /// `applies: false` without `reason`.
        MissingReason = "missing-reason",
        /// `statutory: false` without `statutory_note`.
        MissingStatutoryNote = "missing-statutory-note",
        /// Two recommendations with the same number.
        DuplicateRecommendationNumber = "duplicate-recommendation-number",
        /// A cause of concern naming a recommendation the record does not have.
        UnknownRecommendation = "unknown-recommendation",
        /// A progress update's `status` that is not one of the statuses.
        UnknownStatus = "unknown-status",
        /// A progress update dated before the one above it.
        ProgressOutOfOrder = "progress-out-of-order",
        /// A progress update dated after today.
        ProgressInFuture = "progress-in-future",
        /// A `superseded` or `not-accepted` update without a `note` saying why.
        ProgressNoteMissing = "progress-note-missing",
        /// A response dated before the report.
        ResponseBeforeReport = "response-before-report",
        /// A response dated after today.
        ResponseInFuture = "response-in-future",
        /// `response_published: undated` on a report too recent for it.
        UndatedTooRecent = "undated-too-recent",
        /// A report published more than a year after today: a typo in the year.
        PublishedFarAhead = "published-far-ahead",
        /// A published response with no `responses`.
        PublishedWithoutResponses = "published-without-responses",
        /// A recommendation that a published statutory response does not answer (s.55(5B)).
        UnansweredRecommendation = "unanswered-recommendation",
        /// A last day on a weekend or bank holiday.
        LastDayNotWorkingDay = "last-day-not-working-day",
        /// A last day in a year whose bank holidays are not known.
        BankHolidaysUnknown = "bank-holidays-unknown",
        /// A response published after its last day.
        PublishedLate = "published-late",
        /// `type: fire` in a project whose office file names no fire and rescue service.
        FireAndRescueMissing = "fire-and-rescue-missing",
        /// A fire record of a report published before the commissioner became the fire and
        /// rescue authority.
        FireBeforeAuthority = "fire-before-authority",
        /// A day in `copies_sent` before the response was published.
        CopiesBeforeResponse = "copies-before-response",
        /// `copies_sent` in a record whose response has no `response_published` day.
        CopiesWithoutPublication = "copies-without-publication",
        // Related records.
        /// A `related` id that names no record.
        RelatedUnknown = "related-unknown",
        /// `related` records that hold each other.
        RelatedCycle = "related-cycle",
        /// `related` records nested deeper than a page holds them.
        RelatedTooDeep = "related-too-deep",
        /// A published record whose `related` names a draft.
        RelatedDraft = "related-draft",
        /// Raw HTML in a Markdown field nested deeper than it can be cleaned.
        HtmlTooDeep = "html-too-deep",
        /// An image in a Markdown field, which no output can show.
        ImageInText = "image-in-text",
        /// A record with more text than its PDF can be typeset from in bounded memory.
        TextTooLong = "text-too-long",
        // The deadline on today.
        /// A response past its last day and not published.
        Overdue = "overdue",
        /// A response due within the warning window.
        DueSoon = "due-soon",
        /// A record without a response that says the 56-day duty does not apply: a note, shown
        /// every day.
        NotStatutory = "not-statutory",
        /// A published statutory response whose copies to HMICFRS and the Home Secretary
        /// (s.55(6)) are not both recorded.
        CopiesNotRecorded = "copies-not-recorded",
        /// A recommendation past its target and not complete, superseded or not accepted.
        PastTarget = "past-target",
        // Publishing.
        /// `respond publish` of a record whose response is already published.
        AlreadyPublished = "already-published",
    }
}
