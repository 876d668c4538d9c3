//! One record, `data/inspections/<id>.yaml`: its id and its fields, read into the model (the
//! items of its lists are read in `items`). What relates two fields to each other is in
//! `rules`, called from here once the fields it needs are read.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::deadline::Publication;
use crate::model::{CopiesSent, Inspection, InspectionType, Office};
use crate::problem::{Code, Location, Problem, Severity};
use crate::validate::definitions as d;
use crate::validate::fields::{Checker, Fields};
use crate::validate::{items, related, rules, statutory};
use crate::yaml::{Node, Value};

/// Whether `id` follows the naming rule: lower-case letters, digits and hyphens.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `Race and Policing: A review` → `race-and-policing-a-review`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c == '’' || c == '\'' {
            // "service’s" → "services"
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

// In `markdown`, beside the other link rules, so that the pages can use it without validation.
pub(crate) use crate::markdown::is_web_address;

/// The record in `node`, when it has the fields a record needs; every problem is in `checker`.
pub(crate) fn record(
    checker: &mut Checker<'_>,
    id: &str,
    node: Option<&Node>,
    office: Option<&Office>,
    today: NaiveDate,
) -> Option<Inspection> {
    check_id(checker, id);
    let node = node?;
    if empty(checker, node) {
        return None;
    }
    let fields = checker.mapping(node, &d::RECORD)?;
    let title = checker.optional_text(&fields, d::record::TITLE);
    let reference = checker.optional_text(&fields, d::record::REFERENCE);
    if let Some(node) = fields.get(d::record::REFERENCE) {
        rules::straight_quotes(checker, node, d::record::REFERENCE);
    }
    let published_node = fields.get(d::record::PUBLISHED);
    let published = published_node.and_then(|n| checker.date(n, d::record::PUBLISHED));
    let kind = fields
        .get(d::record::TYPE)
        .and_then(|node| checker.word(node, d::record::TYPE, InspectionType::parse));
    let type_label = checker.optional_text(&fields, d::record::TYPE_LABEL);
    let link = fields
        .get(d::record::LINK)
        .and_then(|node| link(checker, node));
    let inspectorate = checker.optional_text(&fields, d::record::REPORT_AUTHOR);
    let statutory = fields
        .get(d::record::STATUTORY)
        .and_then(|n| checker.boolean(n, d::record::STATUTORY));
    let statutory_note = checker.optional_text(&fields, d::record::STATUTORY_NOTE);
    let key_findings = checker.optional_text(&fields, d::record::KEY_FINDINGS);
    let recommendations_intro = checker.optional_text(&fields, d::record::RECOMMENDATIONS_INTRO);
    let lists = items::lists(checker, &fields, today);
    let areas_for_improvement_intro =
        checker.optional_text(&fields, d::record::AREAS_FOR_IMPROVEMENT_INTRO);
    let chief_officer_comments_due =
        checker.optional_date(&fields, d::record::CHIEF_OFFICER_COMMENTS_DUE);
    let response_published = response_published(checker, &fields);
    let (copies_sent, copies_at) = copies_sent(checker, &fields, response_published);
    let related = fields
        .get(d::record::RELATED)
        .map(|node| related::ids(checker, node))
        .unwrap_or_default();
    let shown = shown(checker, &fields);
    rules::between_fields(
        checker,
        &fields,
        &rules::Read {
            kind,
            type_label: type_label.is_some(),
            statutory,
            statutory_note: statutory_note.is_some(),
            published,
            response_published,
            responses: !lists.responses.is_empty(),
        },
        today,
    );

    let published_at = published_node.map(|n| checker.locate(n.offset, n.len));
    let inspection = Inspection {
        id: id.to_owned(),
        file: checker.source.file.clone(),
        published_at: published_at.unwrap_or_default(),
        published_line: published_at
            .and_then(|at| checker.line(at.line))
            .map(str::to_owned),
        title: title?,
        reference,
        published: published?,
        kind: kind?,
        type_label,
        link,
        inspectorate,
        statutory,
        statutory_note,
        key_findings: key_findings?,
        recommendations_intro,
        recommendations: lists.recommendations,
        areas_for_improvement_intro,
        areas_for_improvement: lists.areas_for_improvement,
        causes_of_concern: lists.causes_of_concern,
        responses: lists.responses,
        chief_officer_comments_due,
        response_published: response_published?,
        copies_sent,
        copies_at,
        copies_line: checker.line(copies_at.line).map(str::to_owned),
        related,
        shown,
        items: lists.items,
    };
    if let Some(office) = office {
        statutory::deadline(checker, &inspection, &fields, office, today);
        statutory::fire(checker, &inspection, &fields, office);
    }
    Some(inspection)
}

/// Whether the record is empty (a file with nothing but comments), which is reported.
fn empty(checker: &mut Checker<'_>, node: &Node) -> bool {
    if node.value != Value::Null {
        return false;
    }
    let at = checker.locate(0, 0);
    let problem = checker
        .source
        .problem(Severity::Error, Code::EmptyRecord, at, "the record is empty")
        .with_help("a record is a mapping of fields, starting with `title:`; `respond new` writes one for you");
    checker.problems.push(problem);
    true
}

/// The fields that are only shown, each read as written by its row of the table alone.
fn shown(checker: &mut Checker<'_>, fields: &Fields<'_>) -> BTreeMap<&'static str, String> {
    (d::RECORD.fields.iter())
        .filter(|field| field.shown)
        .filter_map(|field| Some((field.name, checker.optional_text(fields, field.name)?)))
        .collect()
}

/// `link`: an absolute http(s) web address, as the `url` crate reads it, written with only
/// the characters a web address may hold as it is: nothing the page would have to encode
/// (a space, a quote, an angle bracket), so that it is put into the pages as written.
fn link(checker: &mut Checker<'_>, node: &Node) -> Option<String> {
    let link = checker.text(node, d::record::LINK)?;
    match link_problem(&link) {
        None => Some(link),
        Some((message, help)) => {
            checker.error(node, Code::InvalidLink, message).help = help;
            None
        }
    }
}

/// What is wrong with `link` as the report's web address, and what to do, or `None` when it
/// is one. `respond new --link` asks the same, so that it never writes a link validation
/// refuses.
pub(crate) fn link_problem(link: &str) -> Option<(String, Option<String>)> {
    let copy = "copy the address from the browser's address bar on the report's page";
    if !is_web_address(link) {
        return Some((
            "`link` must be a web address starting with `https://` or `http://`".to_owned(),
            None,
        ));
    }
    if let Some(bad) = link.chars().find(|c| !allowed_in_link(*c)) {
        let what = match bad {
            ' ' => "a space".to_owned(),
            '"' | '\'' | '“' | '”' | '‘' | '’' => format!("a quote (`{bad}`)"),
            '<' | '>' => format!("an angle bracket (`{bad}`)"),
            c if c.is_whitespace() => "a space".to_owned(),
            c => format!("`{}`", c.escape_debug()),
        };
        return Some((
            format!("`link` holds {what}, which a web address cannot hold as written"),
            Some(format!("{copy}; a space in an address is written `%20`")),
        ));
    }
    match url::Url::parse(link) {
        Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) => None,
        Ok(_) => Some((
            "`link` has no site name after `https://`".to_owned(),
            Some(copy.to_owned()),
        )),
        Err(error) => Some((
            format!("`link` is not a valid web address: {error}"),
            Some(copy.to_owned()),
        )),
    }
}

/// The characters a web address holds as written (RFC 3986's unreserved, reserved and `%`):
/// anything else the `url` crate would percent-encode, or could not read.
fn allowed_in_link(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&()*+,;=%".contains(c)
}

/// Ids that name the site's own files and folders in `out/` (the index, the feed, the open
/// data, the drafts folder, the calendar): a record with one of them would overwrite that file
/// or stand in that folder's place.
pub(crate) const RESERVED_IDS: &[&str] = &[
    "index",
    "feed",
    "responses",
    "recommendations",
    "drafts",
    "calendar",
];

/// The id is the file stem: lower-case letters, digits and hyphens, and not a name the site
/// uses for itself.
fn check_id(checker: &mut Checker<'_>, id: &str) {
    // A name refused unread (it could forge the output) has said so already.
    if checker.problems.iter().any(|p| p.code == Code::InvalidId) {
        return;
    }
    if RESERVED_IDS.contains(&id) {
        checker.problems.push(
            Problem::file(
                Severity::Error,
                Code::ReservedId,
                &checker.source.file,
                format!(
                    "the record's id `{id}` is the name of one of the site's own pages or folders"
                ),
            )
            .with_help(format!(
                "rename the file, e.g. put the report's date in front: `2023-08-25-{id}.yaml`"
            )),
        );
        return;
    }
    if valid_id(id) {
        return;
    }
    let suggestion = slug(id);
    let help = if suggestion.is_empty() {
        "a record's file name uses lower-case letters, digits and hyphens only".to_owned()
    } else {
        format!(
            "a record's file name uses lower-case letters, digits and hyphens only: rename it to `{suggestion}.yaml`"
        )
    };
    checker.problems.push(
        Problem::file(
            Severity::Error,
            Code::InvalidId,
            &checker.source.file,
            format!("the record's id `{id}` breaks the naming rule"),
        )
        .with_help(help),
    );
}

/// `response_published`: absent (a draft), `undated`, or a date.
fn response_published(checker: &mut Checker<'_>, fields: &Fields<'_>) -> Option<Publication> {
    match fields.get(d::record::RESPONSE_PUBLISHED) {
        None => Some(Publication::NotYet),
        Some(node) if matches!(&node.value, Value::Scalar(s) if s.text == "undated") => {
            Some(Publication::Undated)
        }
        Some(node) if matches!(&node.value, Value::Scalar(s) if s.text.trim().eq_ignore_ascii_case("undated")) =>
        {
            checker
                .error(
                    node,
                    Code::InvalidDate,
                    "`response_published` is not a date, nor `undated` as written".to_owned(),
                )
                .help = Some("write `undated`, in lower case".to_owned());
            None
        }
        Some(node) if node.value == Value::Null => {
            checker
                .error(
                    node,
                    Code::EmptyField,
                    "`response_published` is empty".to_owned(),
                )
                .help = Some(
                "give the day the response was published, or `undated` if nobody recorded it; leave the field out until it is published".to_owned(),
            );
            None
        }
        Some(node) => checker
            .date(node, d::record::RESPONSE_PUBLISHED)
            .map(Publication::On),
    }
}

/// `copies_sent` (s.55(6)): the day each copy went, each on or after the response's
/// publication; and where `check`'s reminder about them points (`copies_sent`, or else
/// `response_published`).
fn copies_sent(
    checker: &mut Checker<'_>,
    fields: &Fields<'_>,
    response_published: Option<Publication>,
) -> (CopiesSent, Location) {
    let at = fields
        .key(d::record::COPIES_SENT)
        .or_else(|| fields.get(d::record::RESPONSE_PUBLISHED))
        .unwrap_or(fields.node);
    let at = checker.locate(at.offset, at.len);
    let Some(node) = fields.get(d::record::COPIES_SENT) else {
        return (CopiesSent::default(), at);
    };
    let Some(copies) = checker.mapping(node, &d::COPIES) else {
        return (CopiesSent::default(), at);
    };
    let sent = CopiesSent {
        hmicfrs: checker.optional_date(&copies, d::copies::HMICFRS),
        home_secretary: checker.optional_date(&copies, d::copies::HOME_SECRETARY),
    };
    rules::copies_after_response(checker, fields, &copies, response_published, &sent);
    (sent, at)
}
