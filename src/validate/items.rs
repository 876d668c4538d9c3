//! The lists of a record and their items: recommendations, areas for improvement, causes of
//! concern (each followed up with its `progress`) and responses, read into the model; and the
//! items as they are followed up, for `check`, `recommendations` and the calendar.

use chrono::NaiveDate;

use crate::date::{self, Target};
use crate::model::{
    self, AreaForImprovement, CauseOfConcern, Item, ItemKind, ItemStatus, Recommendation,
    Respondent, Response, Update,
};
use crate::problem::{Code, Location};
use crate::validate::definitions as d;
use crate::validate::fields::{Checker, Fields};
use crate::validate::rules;
use crate::yaml::Node;

/// A record's lists, and the items of the first three as they are followed up.
pub(crate) struct Lists {
    pub(crate) recommendations: Vec<Recommendation>,
    pub(crate) areas_for_improvement: Vec<AreaForImprovement>,
    pub(crate) causes_of_concern: Vec<CauseOfConcern>,
    pub(crate) responses: Vec<Response>,
    pub(crate) items: Vec<Item>,
}

/// The record's lists, each item read with its own fields and rules.
pub(crate) fn lists(checker: &mut Checker<'_>, fields: &Fields<'_>, today: NaiveDate) -> Lists {
    let mut items = Vec::new();
    let recommendations = fields
        .get(d::record::RECOMMENDATIONS)
        .map(|n| recommendations(checker, n, today, &mut items))
        .unwrap_or_default();
    let areas_for_improvement = fields
        .get(d::record::AREAS_FOR_IMPROVEMENT)
        .map(|n| areas_for_improvement(checker, n, today, &mut items))
        .unwrap_or_default();
    let causes_of_concern = fields
        .get(d::record::CAUSES_OF_CONCERN)
        .map(|n| causes_of_concern(checker, n, &recommendations, today, &mut items))
        .unwrap_or_default();
    let responses = fields
        .get(d::record::RESPONSES)
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

/// Where `check`'s past-target warning points for an item: at its `target`. An item without
/// one is never past it, so it needs no place.
fn target_place(
    checker: &Checker<'_>,
    fields: &Fields<'_>,
    target: Option<Target>,
) -> (Location, Option<String>) {
    match target.and_then(|_| fields.key(d::recommendation::TARGET)) {
        Some(node) => (
            checker.locate(node.offset, node.len),
            Some(checker.source.line_at(node.offset).to_owned()),
        ),
        None => (Location::default(), None),
    }
}

/// An item's `progress`: dated updates, oldest first, none after today, and a note with each
/// `superseded` or `not-accepted`.
fn progress(checker: &mut Checker<'_>, fields: &Fields<'_>, today: NaiveDate) -> Vec<Update> {
    let Some(node) = fields.get(d::recommendation::PROGRESS) else {
        return Vec::new();
    };
    let mut updates = Vec::new();
    let mut latest: Option<NaiveDate> = None;
    for entry in checker.list(node, d::recommendation::PROGRESS) {
        let Some(update) = checker.mapping(entry, &d::PROGRESS) else {
            continue;
        };
        let on_node = update.get(d::progress::ON);
        let on = on_node.and_then(|n| checker.date(n, d::progress::ON));
        let status_node = update.get(d::progress::STATUS);
        let status =
            status_node.and_then(|n| checker.word(n, d::progress::STATUS, ItemStatus::parse));
        let note = checker.optional_text(&update, d::progress::NOTE);
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

fn recommendations(
    checker: &mut Checker<'_>,
    node: &Node,
    today: NaiveDate,
    items: &mut Vec<Item>,
) -> Vec<Recommendation> {
    let mut numbers = rules::Numbers::new();
    let mut recommendations = Vec::new();
    for (position, item) in checker
        .list(node, d::record::RECOMMENDATIONS)
        .iter()
        .enumerate()
    {
        let Some(fields) = checker.mapping(item, &d::RECOMMENDATION) else {
            continue;
        };
        let number_node = fields.get(d::recommendation::NUMBER);
        let number = number_node.and_then(|n| checker.text(n, d::recommendation::NUMBER));
        if let Some(node) = number_node {
            rules::straight_quotes(checker, node, d::recommendation::NUMBER);
        }
        if let (Some(number), Some(at)) = (&number, number_node) {
            rules::unique_number(checker, &mut numbers, number, at);
        }
        let title = checker.optional_text(&fields, d::recommendation::TITLE);
        let text = checker.optional_text(&fields, d::recommendation::TEXT);
        let addressed_to = checker.optional_text(&fields, d::recommendation::ADDRESSED_TO);
        let applies = fields
            .get(d::recommendation::APPLIES)
            .and_then(|n| checker.boolean(n, d::recommendation::APPLIES))
            .unwrap_or(true);
        let reason = checker.optional_text(&fields, d::recommendation::REASON);
        rules::reason_when_not_applying(checker, &fields, applies, reason.is_some());
        let target = fields
            .get(d::recommendation::TARGET)
            .and_then(|n| target(checker, n));
        let response = checker.optional_text(&fields, d::recommendation::RESPONSE);
        let owner = checker.optional_text(&fields, d::recommendation::OWNER);
        let progress = progress(checker, &fields, today);
        if let (Some(number), Some(text)) = (number, text) {
            let (at, line) = target_place(checker, &fields, target);
            let (status, updated) = model::current(&progress);
            items.push(Item {
                kind: ItemKind::Recommendation,
                position: position + 1,
                number: Some(number.clone()),
                title: title.clone(),
                text: text.clone(),
                addressed_to: addressed_to.clone(),
                applies,
                owner: owner.clone(),
                target,
                status,
                updated,
                at,
                line,
            });
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
    let text = checker.text(node, d::recommendation::TARGET)?;
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
        .list(node, d::record::AREAS_FOR_IMPROVEMENT)
        .iter()
        .enumerate()
    {
        let Some(fields) = checker.mapping(item, &d::AREA) else {
            continue;
        };
        let number = checker.optional_text(&fields, d::area::NUMBER);
        if let Some(node) = fields.get(d::area::NUMBER) {
            rules::straight_quotes(checker, node, d::area::NUMBER);
        }
        let text = checker.optional_text(&fields, d::area::TEXT);
        let response = checker.optional_text(&fields, d::area::RESPONSE);
        let owner = checker.optional_text(&fields, d::area::OWNER);
        let progress = progress(checker, &fields, today);
        if let Some(text) = text {
            items.push(untargeted(
                ItemKind::AreaForImprovement,
                position,
                number.clone(),
                &text,
                &owner,
                &progress,
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
    for (position, item) in checker
        .list(node, d::record::CAUSES_OF_CONCERN)
        .iter()
        .enumerate()
    {
        let Some(fields) = checker.mapping(item, &d::CAUSE) else {
            continue;
        };
        let text = checker.optional_text(&fields, d::cause::TEXT);
        let mut numbers = Vec::new();
        if let Some(list) = fields.get(d::cause::RECOMMENDATIONS) {
            for number_node in checker.list(list, d::cause::RECOMMENDATIONS) {
                let Some(number) = checker.text(number_node, d::cause::RECOMMENDATIONS) else {
                    continue;
                };
                rules::known_recommendation(checker, recommendations, &keys, &number, number_node);
                numbers.push(number);
            }
        }
        let owner = checker.optional_text(&fields, d::cause::OWNER);
        let progress = progress(checker, &fields, today);
        if let Some(text) = text {
            items.push(untargeted(
                ItemKind::CauseOfConcern,
                position,
                None,
                &text,
                &owner,
                &progress,
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

/// An area for improvement or a cause of concern as followed up: the `position`th of its list
/// (from 0), with no title and no target.
fn untargeted(
    kind: ItemKind,
    position: usize,
    number: Option<String>,
    text: &str,
    owner: &Option<String>,
    progress: &[Update],
) -> Item {
    let (status, updated) = model::current(progress);
    Item {
        kind,
        position: position + 1,
        number,
        title: None,
        text: text.to_owned(),
        addressed_to: None,
        applies: true,
        owner: owner.clone(),
        target: None,
        status,
        updated,
        at: Location::default(),
        line: None,
    }
}

fn responses(checker: &mut Checker<'_>, node: &Node) -> Vec<Response> {
    let mut responses = Vec::new();
    for item in checker.list(node, d::record::RESPONSES) {
        let Some(fields) = checker.mapping(item, &d::RESPONSE) else {
            continue;
        };
        let by = fields
            .get(d::response::BY)
            .and_then(|node| checker.word(node, d::response::BY, Respondent::parse));
        let text = checker.optional_text(&fields, d::response::TEXT);
        let heading = checker.optional_text(&fields, d::response::HEADING);
        let received = checker.optional_date(&fields, d::response::RECEIVED);
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
