//! The office file, `data/office.yaml`: its fields and the commissioner's titles over time.

use crate::model::{CommissionerTitle, Office};
use crate::problem::Code;
use crate::validate::fields::Checker;
use crate::yaml::{Node, ScalarKind, Value};

/// The fields of the office file, in the order the README documents them.
pub(crate) const OFFICE_FIELDS: [&str; 7] = [
    "name",
    "area",
    "force",
    "chief_officer",
    "commissioner",
    "statutory_statement",
    "local_target_days",
];

/// The office, when its file has no error.
pub(crate) fn office(checker: &mut Checker<'_>, node: &Node) -> Option<Office> {
    let fields = checker.mapping(
        node,
        "the office file",
        &OFFICE_FIELDS,
        &["name", "area", "force", "chief_officer", "commissioner"],
    )?;
    let name = checker.optional_text(&fields, "name");
    let area = checker.optional_text(&fields, "area");
    let force = checker.optional_text(&fields, "force");
    let chief_officer = checker.optional_text(&fields, "chief_officer");
    let commissioner = fields
        .get("commissioner")
        .map(|list| titles(checker, list))
        .unwrap_or_default();
    let statutory_statement = checker.optional_text(&fields, "statutory_statement");
    let local_target_days = fields
        .get("local_target_days")
        .and_then(|node| local_target_days(checker, node));
    if checker.has_errors() || commissioner.is_empty() {
        return None;
    }
    Some(Office {
        name: name?,
        area: area?,
        force: force?,
        chief_officer: chief_officer?,
        commissioner,
        statutory_statement,
        local_target_days,
    })
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
        let Some(fields) = checker.mapping(
            item,
            "a commissioner title",
            &["from", "title", "short", "office"],
            &["from", "title", "short"],
        ) else {
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
