//! The office file, `data/office.yaml`: its fields, the commissioner's titles over time and the
//! fire and rescue service.

use crate::model::Format;
use crate::model::{CommissionerTitle, FireAndRescue, Office};
use crate::problem::Code;
use crate::validate::definitions as d;
use crate::validate::fields::Checker;
use crate::yaml::{Node, ScalarKind, Value};

/// The office, when its file has no error.
pub(crate) fn office(checker: &mut Checker<'_>, node: &Node) -> Option<Office> {
    let fields = checker.mapping(node, &d::OFFICE)?;
    let name = checker.optional_text(&fields, d::office::NAME);
    let area = checker.optional_text(&fields, d::office::AREA);
    let force = checker.optional_text(&fields, d::office::FORCE);
    let chief_officer = checker.optional_text(&fields, d::office::CHIEF_OFFICER);
    let commissioner = fields
        .get(d::office::COMMISSIONER)
        .map(|list| titles(checker, list))
        .unwrap_or_default();
    let fire_and_rescue = fields
        .get(d::office::FIRE_AND_RESCUE)
        .and_then(|node| fire_and_rescue(checker, node));
    let statutory_statement = checker.optional_text(&fields, d::office::STATUTORY_STATEMENT);
    let fire_statement = checker.optional_text(&fields, d::office::FIRE_STATEMENT);
    let local_target_days = fields
        .get(d::office::LOCAL_TARGET_DAYS)
        .and_then(|node| local_target_days(checker, node));
    let tracking_from = fields
        .get(d::office::TRACKING_FROM)
        .and_then(|node| checker.date(node, d::office::TRACKING_FROM));
    let formats = fields
        .get(d::office::FORMATS)
        .and_then(|node| formats(checker, node));
    let site_url = fields
        .get(d::office::SITE_URL)
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
    let url = checker.text(node, d::office::SITE_URL)?;
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
    let items = checker.list(node, d::office::FORMATS);
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
    let items = checker.list(list, d::office::COMMISSIONER);
    if items.is_empty() && matches!(list.value, Value::Seq(_)) {
        checker.error(
            list,
            Code::CommissionerTitles,
            "`commissioner` needs at least one title".to_owned(),
        );
    }
    let mut titles: Vec<CommissionerTitle> = Vec::new();
    for item in items {
        let Some(fields) = checker.mapping(item, &d::COMMISSIONER) else {
            continue;
        };
        let from = fields
            .get(d::commissioner::FROM)
            .and_then(|n| checker.date(n, d::commissioner::FROM));
        let title = checker.optional_text(&fields, d::commissioner::TITLE);
        let short = checker.optional_text(&fields, d::commissioner::SHORT);
        let office = checker.optional_text(&fields, d::commissioner::OFFICE);
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
    let fields = checker.mapping(node, &d::FIRE)?;
    let service = checker.optional_text(&fields, d::fire::SERVICE);
    let chief_officer = checker.optional_text(&fields, d::fire::CHIEF_OFFICER);
    let from = checker.optional_date(&fields, d::fire::FROM);
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
