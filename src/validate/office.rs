//! The office file, `data/office.yaml`: its fields, the commissioner's titles over time and the
//! fire and rescue service.

use crate::model::{CommissionerTitle, FireAndRescue, Office};
use crate::outputs::Format;
use crate::problem::Code;
use crate::validate::definitions;
use crate::validate::fields::Checker;
use crate::yaml::{Node, ScalarKind, Value};

/// The office, when its file has no error.
pub(crate) fn office(checker: &mut Checker<'_>, node: &Node) -> Option<Office> {
    let fields = checker.mapping(node, &definitions::OFFICE)?;
    let name = checker.optional_text(&fields, "name");
    let area = checker.optional_text(&fields, "area");
    let force = checker.optional_text(&fields, "force");
    let chief_officer = checker.optional_text(&fields, "chief_officer");
    let commissioner = fields
        .get("commissioner")
        .map(|list| titles(checker, list))
        .unwrap_or_default();
    let fire_and_rescue = fields
        .get("fire_and_rescue")
        .and_then(|node| fire_and_rescue(checker, node));
    let statutory_statement = checker.optional_text(&fields, "statutory_statement");
    let fire_statement = checker.optional_text(&fields, "fire_statement");
    let local_target_days = fields
        .get("local_target_days")
        .and_then(|node| local_target_days(checker, node));
    let tracking_from = fields
        .get("tracking_from")
        .and_then(|node| checker.date(node, "tracking_from"));
    let formats = fields
        .get("formats")
        .and_then(|node| formats(checker, node));
    let site_url = fields
        .get("site_url")
        .and_then(|node| site_url(checker, node));
    if checker.has_errors() || commissioner.is_empty() {
        return None;
    }
    Some(Office {
        name: name?,
        area: area?,
        force: force?,
        chief_officer: chief_officer?,
        commissioner,
        fire_and_rescue,
        statutory_statement,
        fire_statement,
        local_target_days,
        tracking_from,
        formats,
        site_url,
    })
}

/// `site_url`: the web address `out/` is published at, as `link` is checked; kept without a
/// trailing `/`, so that a page's address is `<site_url>/<id>.html` either way.
fn site_url(checker: &mut Checker<'_>, node: &Node) -> Option<String> {
    let url = checker.text(node, "site_url")?;
    if let Some((message, _)) = crate::validate::record::link_problem(&url) {
        checker
            .error(node, Code::InvalidLink, message.replace("`link`", "`site_url`"))
            .help = Some(
            "give the web address the published pages are at, without `index.html`, e.g. `https://www.example.gov.uk/responses`"
                .to_owned(),
        );
        return None;
    }
    Some(url.trim_end_matches('/').to_owned())
}

/// `formats`: the formats `render` writes when `--format` is not given; a list of `md`,
/// `html` and `pdf`, not empty.
fn formats(checker: &mut Checker<'_>, node: &Node) -> Option<Vec<Format>> {
    let items = checker.list(node, "formats");
    if items.is_empty() {
        if matches!(node.value, Value::Seq(_)) {
            checker
                .error(
                    node,
                    Code::UnknownFormat,
                    "`formats` is empty: nothing would be rendered".to_owned(),
                )
                .help =
                Some("list the formats to render, e.g. `formats: [md, html, pdf]`".to_owned());
        }
        return None;
    }
    let mut formats = Vec::new();
    for item in items {
        let word = match &item.value {
            Value::Scalar(s) => Some(s.text.as_str()),
            _ => None,
        };
        match word.and_then(|w| Format::ALL.into_iter().find(|f| f.word() == w)) {
            Some(format) => formats.push(format),
            None => {
                let lower = word.map(str::to_lowercase);
                let help = match lower.as_deref() {
                    Some(w) if Format::ALL.iter().any(|f| f.word() == w) => {
                        format!("write it in lower case: `{w}`")
                    }
                    _ => "the formats are `md`, `html` and `pdf`".to_owned(),
                };
                let message = match word {
                    Some(w) => format!("`{w}` is not a format `render` writes"),
                    None => "a format is a word: `md`, `html` or `pdf`".to_owned(),
                };
                checker.error(item, Code::UnknownFormat, message).help = Some(help);
            }
        }
    }
    Some(formats)
}

/// The commissioner's titles: at least one, oldest first.
fn titles(checker: &mut Checker<'_>, list: &Node) -> Vec<CommissionerTitle> {
    let items = checker.list(list, "commissioner");
    if items.is_empty() && matches!(list.value, Value::Seq(_)) {
        checker.error(
            list,
            Code::CommissionerTitles,
            "`commissioner` needs at least one title".to_owned(),
        );
    }
    let mut titles: Vec<CommissionerTitle> = Vec::new();
    for item in items {
        let Some(fields) = checker.mapping(item, &definitions::COMMISSIONER) else {
            continue;
        };
        let from = fields.get("from").and_then(|n| checker.date(n, "from"));
        let title = checker.optional_text(&fields, "title");
        let short = checker.optional_text(&fields, "short");
        let office = checker.optional_text(&fields, "office");
        if let (Some(from), Some(title), Some(short)) = (from, title, short) {
            if titles.last().is_some_and(|last| last.from >= from) {
                checker.error(
                    item,
                    Code::CommissionerTitles,
                    "commissioner titles must be in date order, oldest first".to_owned(),
                );
            }
            titles.push(CommissionerTitle {
                from,
                title,
                short,
                office,
            });
        }
    }
    titles
}

/// `fire_and_rescue`: the service's name and its chief officer's title, and optionally the day
/// the commissioner became its fire and rescue authority.
fn fire_and_rescue(checker: &mut Checker<'_>, node: &Node) -> Option<FireAndRescue> {
    let fields = checker.mapping(node, &definitions::FIRE)?;
    let service = checker.optional_text(&fields, "service");
    let chief_officer = checker.optional_text(&fields, "chief_officer");
    let from = checker.optional_date(&fields, "from");
    Some(FireAndRescue {
        service: service?,
        chief_officer: chief_officer?,
        from,
    })
}

fn local_target_days(checker: &mut Checker<'_>, node: &Node) -> Option<u32> {
    let days = match &node.value {
        Value::Scalar(s) if s.kind == ScalarKind::Number => s.text.parse::<u32>().ok(),
        _ => None,
    };
    if days.is_none_or(|d| d == 0) {
        checker.error(
            node,
            Code::InvalidLocalTarget,
            "`local_target_days` should be a whole number of days, at least 1".to_owned(),
        );
    }
    days.filter(|d| *d > 0)
}
