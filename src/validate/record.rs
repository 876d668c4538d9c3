//! One record, `data/inspections/<id>.yaml`: its id, its fields and the items of its lists
//! (recommendations, areas for improvement, causes of concern, responses), read into the
//! model. What relates two fields to each other is in `rules`, called from here once the
//! fields it needs are read.

use chrono::NaiveDate;

use crate::date::{self, Target};
use crate::deadline::Publication;
use crate::model::{
    self, AreaForImprovement, CauseOfConcern, CopiesSent, Inspection, InspectionType, Item,
    ItemKind, ItemStatus, Office, Recommendation, Respondent, Response, Update,
};
use crate::problem::{Code, Location, Problem, Severity};
use crate::validate::fields::{Checker, Fields};
use crate::validate::{definitions, related, rules};
use crate::yaml::{Node, Value};

/// The fields of a record, in the order the README documents them.
pub(crate) const RECORD_FIELDS: [&str; 20] = definitions::names(&definitions::RECORD_TABLE);
const RECORD_REQUIRED: [&str; 4] = definitions::required(&definitions::RECORD_TABLE);

/// The fields of `copies_sent`.
pub(crate) const COPIES_FIELDS: [&str; 2] = definitions::names(&definitions::COPIES_TABLE);

/// The fields of a recommendation.
pub(crate) const RECOMMENDATION_FIELDS: [&str; 10] =
    definitions::names(&definitions::RECOMMENDATION_TABLE);
const RECOMMENDATION_REQUIRED: [&str; 2] =
    definitions::required(&definitions::RECOMMENDATION_TABLE);

/// The fields of an area for improvement.
pub(crate) const AREA_FIELDS: [&str; 5] = definitions::names(&definitions::AREA_TABLE);
const AREA_REQUIRED: [&str; 1] = definitions::required(&definitions::AREA_TABLE);

/// The fields of a cause of concern.
pub(crate) const CAUSE_FIELDS: [&str; 4] = definitions::names(&definitions::CAUSE_TABLE);
const CAUSE_REQUIRED: [&str; 1] = definitions::required(&definitions::CAUSE_TABLE);

/// The fields of a progress update.
pub(crate) const PROGRESS_FIELDS: [&str; 3] = definitions::names(&definitions::PROGRESS_TABLE);
const PROGRESS_REQUIRED: [&str; 2] = definitions::required(&definitions::PROGRESS_TABLE);

/// The fields of a response.
pub(crate) const RESPONSE_FIELDS: [&str; 4] = definitions::names(&definitions::RESPONSE_TABLE);
const RESPONSE_REQUIRED: [&str; 2] = definitions::required(&definitions::RESPONSE_TABLE);

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
    if node.value == Value::Null {
        let at = checker.locate(0, 0);
        let problem = checker
            .source
            .problem(Severity::Error, Code::EmptyRecord, at, "the record is empty")
            .with_help("a record is a mapping of fields, starting with `title:`; `respond new` writes one for you");
        checker.problems.push(problem);
        return None;
    }
    let fields = checker.mapping(
        node,
        definitions::RECORD.what,
        &RECORD_FIELDS,
        &RECORD_REQUIRED,
    )?;
    let title = checker.optional_text(&fields, "title");
    let reference = checker.optional_text(&fields, "reference");
    if let Some(node) = fields.get("reference") {
        rules::straight_quotes(checker, node, "reference");
    }
    let published_node = fields.get("published");
    let published = published_node.and_then(|n| checker.date(n, "published"));
    let kind = fields
        .get("type")
        .and_then(|node| checker.word(node, "type", InspectionType::parse));
    let type_label = checker.optional_text(&fields, "type_label");
    let link = fields.get("link").and_then(|node| link(checker, node));
    let inspectorate = checker.optional_text(&fields, "inspectorate");
    let statutory = fields
        .get("statutory")
        .and_then(|n| checker.boolean(n, "statutory"));
    let statutory_note = checker.optional_text(&fields, "statutory_note");
    let key_findings = checker.optional_text(&fields, "key_findings");
    let recommendations_intro = checker.optional_text(&fields, "recommendations_intro");
    let lists = lists(checker, &fields, today);
    let areas_for_improvement_intro = checker.optional_text(&fields, "areas_for_improvement_intro");
    let chief_officer_comments_due = checker.optional_date(&fields, "chief_officer_comments_due");
    let response_published = response_published(checker, &fields);
    let (copies_sent, copies_at) = copies_sent(checker, &fields, response_published);
    let related = fields
        .get("related")
        .map(|node| related::ids(checker, node))
        .unwrap_or_default();
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
        items: lists.items,
    };
    if let Some(office) = office {
        rules::deadline(checker, &inspection, &fields, office, today);
        rules::fire(checker, &inspection, &fields, office);
    }
    Some(inspection)
}

/// A record's lists, and the items of the first three as they are followed up.
struct Lists {
    recommendations: Vec<Recommendation>,
    areas_for_improvement: Vec<AreaForImprovement>,
    causes_of_concern: Vec<CauseOfConcern>,
    responses: Vec<Response>,
    items: Vec<Item>,
}

fn lists(checker: &mut Checker<'_>, fields: &Fields<'_>, today: NaiveDate) -> Lists {
    let mut items = Vec::new();
    let recommendations = fields
        .get("recommendations")
        .map(|n| recommendations(checker, n, today, &mut items))
        .unwrap_or_default();
    let areas_for_improvement = fields
        .get("areas_for_improvement")
        .map(|n| areas_for_improvement(checker, n, today, &mut items))
        .unwrap_or_default();
    let causes_of_concern = fields
        .get("causes_of_concern")
        .map(|n| causes_of_concern(checker, n, &recommendations, today, &mut items))
        .unwrap_or_default();
    let responses = fields
        .get("responses")
        .map(|n| responses(checker, n))
        .unwrap_or_default();
    Lists {
        recommendations,
        areas_for_improvement,
        causes_of_concern,
        responses,
        items,
    }
}

/// What an item of a list says of its follow-up, read once its own fields are.
struct FollowUp<'a> {
    kind: ItemKind,
    position: usize,
    number: Option<&'a String>,
    title: Option<&'a String>,
    text: &'a str,
    addressed_to: Option<&'a String>,
    applies: bool,
    target: Option<Target>,
    owner: Option<&'a String>,
    progress: &'a [Update],
}

/// The item followed up, located at its `target`, where `check`'s warning points: an item
/// without one is never past it, so it is not located (locating every item of 10,000 records
/// would cost a tenth of `check`'s time).
fn item(checker: &Checker<'_>, fields: &Fields<'_>, follow: FollowUp<'_>) -> Item {
    let (at, line) = match fields.key("target").filter(|_| follow.target.is_some()) {
        Some(node) => (
            checker.locate(node.offset, node.len),
            Some(checker.source.line_at(node.offset).to_owned()),
        ),
        None => (crate::problem::Location::default(), None),
    };
    let (status, updated) = model::current(follow.progress);
    Item {
        kind: follow.kind,
        position: follow.position,
        number: follow.number.cloned(),
        title: follow.title.cloned(),
        text: follow.text.to_owned(),
        addressed_to: follow.addressed_to.cloned(),
        applies: follow.applies,
        owner: follow.owner.cloned(),
        target: follow.target,
        status,
        updated,
        at,
        line,
    }
}

/// An item's `progress`: dated updates, oldest first, none after today, and a note with each
/// `superseded` or `not-accepted`.
fn progress(checker: &mut Checker<'_>, fields: &Fields<'_>, today: NaiveDate) -> Vec<Update> {
    let Some(node) = fields.get("progress") else {
        return Vec::new();
    };
    let mut updates = Vec::new();
    let mut latest: Option<NaiveDate> = None;
    for entry in checker.list(node, "progress") {
        let Some(update) = checker.mapping(
            entry,
            definitions::PROGRESS.what,
            &PROGRESS_FIELDS,
            &PROGRESS_REQUIRED,
        ) else {
            continue;
        };
        let on_node = update.get("on");
        let on = on_node.and_then(|n| checker.date(n, "on"));
        let status_node = update.get("status");
        let status = status_node.and_then(|n| checker.word(n, "status", ItemStatus::parse));
        let note = checker.optional_text(&update, "note");
        if let (Some(day), Some(at)) = (on, on_node) {
            rules::update_in_order(checker, at, day, latest, today);
            latest = latest.max(Some(day));
        }
        if let (Some(status), Some(at)) = (status, status_node)
            && status.needs_note()
            && note.is_none()
        {
            rules::note_missing(checker, at, status);
        }
        if let (Some(on), Some(status)) = (on, status) {
            updates.push(Update { on, status, note });
        }
    }
    updates
}

/// `link`: an absolute http(s) web address, as the `url` crate reads it, written with only
/// the characters a web address may hold as it is: nothing the page would have to encode
/// (a space, a quote, an angle bracket), so that it is put into the pages as written.
fn link(checker: &mut Checker<'_>, node: &Node) -> Option<String> {
    let link = checker.text(node, "link")?;
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
    match fields.get("response_published") {
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
            .date(node, "response_published")
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
        .key("copies_sent")
        .or_else(|| fields.get("response_published"))
        .unwrap_or(fields.node);
    let at = checker.locate(at.offset, at.len);
    let Some(node) = fields.get("copies_sent") else {
        return (CopiesSent::default(), at);
    };
    let Some(copies) = checker.mapping(node, definitions::COPIES.what, &COPIES_FIELDS, &[]) else {
        return (CopiesSent::default(), at);
    };
    let sent = CopiesSent {
        hmicfrs: checker.optional_date(&copies, "hmicfrs"),
        home_secretary: checker.optional_date(&copies, "home_secretary"),
    };
    rules::copies_after_response(checker, fields, &copies, response_published, &sent);
    (sent, at)
}

fn recommendations(
    checker: &mut Checker<'_>,
    node: &Node,
    today: NaiveDate,
    items: &mut Vec<Item>,
) -> Vec<Recommendation> {
    let mut numbers = rules::Numbers::new();
    let mut recommendations = Vec::new();
    for (position, item) in checker.list(node, "recommendations").iter().enumerate() {
        let Some(fields) = checker.mapping(
            item,
            definitions::RECOMMENDATION.what,
            &RECOMMENDATION_FIELDS,
            &RECOMMENDATION_REQUIRED,
        ) else {
            continue;
        };
        let number_node = fields.get("number");
        let number = number_node.and_then(|n| checker.text(n, "number"));
        if let Some(node) = number_node {
            rules::straight_quotes(checker, node, "number");
        }
        if let (Some(number), Some(at)) = (&number, number_node) {
            rules::unique_number(checker, &mut numbers, number, at);
        }
        let title = checker.optional_text(&fields, "title");
        let text = checker.optional_text(&fields, "text");
        let addressed_to = checker.optional_text(&fields, "addressed_to");
        let applies = fields
            .get("applies")
            .and_then(|n| checker.boolean(n, "applies"))
            .unwrap_or(true);
        let reason = checker.optional_text(&fields, "reason");
        rules::reason_when_not_applying(checker, &fields, applies, reason.is_some());
        let target = fields.get("target").and_then(|n| target(checker, n));
        let response = checker.optional_text(&fields, "response");
        let owner = checker.optional_text(&fields, "owner");
        let progress = progress(checker, &fields, today);
        if let (Some(number), Some(text)) = (number, text) {
            items.push(self::item(
                checker,
                &fields,
                FollowUp {
                    kind: ItemKind::Recommendation,
                    position: position + 1,
                    number: Some(&number),
                    title: title.as_ref(),
                    text: &text,
                    addressed_to: addressed_to.as_ref(),
                    applies,
                    target,
                    owner: owner.as_ref(),
                    progress: &progress,
                },
            ));
            recommendations.push(Recommendation {
                number,
                title,
                text,
                addressed_to,
                applies,
                reason,
                target,
                response,
                owner,
                progress,
            });
        }
    }
    recommendations
}

/// A recommendation's `target`: a day, or a month ("July 2021"), which is due at its end.
fn target(checker: &mut Checker<'_>, node: &Node) -> Option<Target> {
    let text = checker.text(node, "target")?;
    match date::parse_target(&text) {
        Ok(target) => Some(target),
        Err(error) => {
            checker
                .error(
                    node,
                    Code::InvalidDate,
                    format!("`target` is not a valid date: {}", error.reason),
                )
                .help = Some(
                "write it as `2023-08-25`, `25/08/2023`, `25 August 2023`, or a month as `August 2023`"
                    .to_owned(),
            );
            None
        }
    }
}

fn areas_for_improvement(
    checker: &mut Checker<'_>,
    node: &Node,
    today: NaiveDate,
    items: &mut Vec<Item>,
) -> Vec<AreaForImprovement> {
    let mut areas = Vec::new();
    for (position, item) in checker
        .list(node, "areas_for_improvement")
        .iter()
        .enumerate()
    {
        let Some(fields) =
            checker.mapping(item, definitions::AREA.what, &AREA_FIELDS, &AREA_REQUIRED)
        else {
            continue;
        };
        let number = checker.optional_text(&fields, "number");
        if let Some(node) = fields.get("number") {
            rules::straight_quotes(checker, node, "number");
        }
        let text = checker.optional_text(&fields, "text");
        let response = checker.optional_text(&fields, "response");
        let owner = checker.optional_text(&fields, "owner");
        let progress = progress(checker, &fields, today);
        if let Some(text) = text {
            items.push(self::item(
                checker,
                &fields,
                FollowUp {
                    kind: ItemKind::AreaForImprovement,
                    position: position + 1,
                    number: number.as_ref(),
                    title: None,
                    text: &text,
                    addressed_to: None,
                    applies: true,
                    target: None,
                    owner: owner.as_ref(),
                    progress: &progress,
                },
            ));
            areas.push(AreaForImprovement {
                number,
                text,
                response,
                owner,
                progress,
            });
        }
    }
    areas
}

fn causes_of_concern(
    checker: &mut Checker<'_>,
    node: &Node,
    recommendations: &[Recommendation],
    today: NaiveDate,
    items: &mut Vec<Item>,
) -> Vec<CauseOfConcern> {
    let mut causes = Vec::new();
    let keys: std::collections::HashSet<String> = recommendations
        .iter()
        .map(|r| rules::number_key(&r.number))
        .collect();
    for (position, item) in checker.list(node, "causes_of_concern").iter().enumerate() {
        let Some(fields) = checker.mapping(
            item,
            definitions::CAUSE.what,
            &CAUSE_FIELDS,
            &CAUSE_REQUIRED,
        ) else {
            continue;
        };
        let text = checker.optional_text(&fields, "text");
        let mut numbers = Vec::new();
        if let Some(list) = fields.get("recommendations") {
            for number_node in checker.list(list, "recommendations") {
                let Some(number) = checker.text(number_node, "recommendations") else {
                    continue;
                };
                rules::known_recommendation(checker, recommendations, &keys, &number, number_node);
                numbers.push(number);
            }
        }
        let owner = checker.optional_text(&fields, "owner");
        let progress = progress(checker, &fields, today);
        if let Some(text) = text {
            items.push(self::item(
                checker,
                &fields,
                FollowUp {
                    kind: ItemKind::CauseOfConcern,
                    position: position + 1,
                    number: None,
                    title: None,
                    text: &text,
                    addressed_to: None,
                    applies: true,
                    target: None,
                    owner: owner.as_ref(),
                    progress: &progress,
                },
            ));
            causes.push(CauseOfConcern {
                text,
                recommendations: numbers,
                owner,
                progress,
            });
        }
    }
    causes
}

fn responses(checker: &mut Checker<'_>, node: &Node) -> Vec<Response> {
    let mut responses = Vec::new();
    for item in checker.list(node, "responses") {
        let Some(fields) = checker.mapping(
            item,
            definitions::RESPONSE.what,
            &RESPONSE_FIELDS,
            &RESPONSE_REQUIRED,
        ) else {
            continue;
        };
        let by = fields
            .get("by")
            .and_then(|node| checker.word(node, "by", Respondent::parse));
        let text = checker.optional_text(&fields, "text");
        let heading = checker.optional_text(&fields, "heading");
        let received = checker.optional_date(&fields, "received");
        if let (Some(by), Some(text)) = (by, text) {
            responses.push(Response {
                by,
                text,
                heading,
                received,
            });
        }
    }
    responses
}
