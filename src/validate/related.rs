//! Related records: a record can hold others (`related`), rendered inside its page. Each id it
//! names must be a record, and no record may hold itself through others. These are the only
//! rules that need every record at once, so they run when a validation session finishes.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::problem::did_you_mean;
use crate::problem::{Code, Location, Problem, Severity, Source};
use crate::validate::Checked;
use crate::validate::fields::{Checker, field};
use crate::yaml::{Node, Value};

/// Which records each record holds: id → the ids its `related` names.
pub type Graph = BTreeMap<String, Vec<String>>;

/// One id a record names in `related`, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RelatedRef {
    /// The id named.
    pub(crate) id: String,
    /// Where it is written.
    pub(crate) at: Location,
    /// The line it is on.
    pub(crate) line: Option<String>,
}

/// Where a record's `related` field is, and what it names: what the checks across records
/// need of a record, kept by the render cache for records it does not read again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Related {
    /// The ids named, with their places.
    pub(crate) refs: Vec<RelatedRef>,
    /// Where the field is, and its line (for a cycle).
    pub(crate) at: Option<(Location, Option<String>)>,
}

impl Related {
    /// What `node` (a record's tree) names in `related`.
    pub(crate) fn of(source: &Source, node: &Node) -> Self {
        let Some(list) = field(node, "related") else {
            return Self::default();
        };
        let place = |node: &Node| {
            let at = source.locate(node.offset, node.len);
            (at, source.line(at.line).map(str::to_owned))
        };
        let refs = match &list.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::Scalar(s) => {
                        let (at, line) = place(item);
                        Some(RelatedRef {
                            id: s.text.clone(),
                            at,
                            line,
                        })
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Self {
            refs,
            at: Some(place(list)),
        }
    }
}

/// The ids of `related`, for the model.
pub(crate) fn ids(checker: &mut Checker<'_>, node: &Node) -> Vec<String> {
    let items = checker.list(node, "related");
    items
        .iter()
        .filter_map(|item| checker.text(item, "related"))
        .collect()
}

/// Checks the records against each other: each `related` id names a record (a record that
/// names an unknown one loses its model), and no record holds itself. Returns the problems of
/// cycles (those of unknown ids go to their record's own problems), and the ids in a cycle.
pub(crate) fn check(records: &mut [Checked]) -> (Vec<Problem>, BTreeSet<String>) {
    let ids: HashSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
    // The `related` ids that name no record: (which record, which of its ids).
    let unknown: Vec<(usize, usize)> = records
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.related
                .refs
                .iter()
                .enumerate()
                .map(move |(j, r)| (i, j, r))
        })
        .filter(|(_, _, r)| !ids.contains(r.id.as_str()))
        .map(|(i, j, _)| (i, j))
        .collect();
    let mut sorted_ids: Vec<String> = Vec::new();
    if !unknown.is_empty() {
        sorted_ids = ids.iter().map(|id| (*id).to_owned()).collect();
        sorted_ids.sort();
    }
    for (i, j) in unknown {
        let record = &mut records[i];
        let related = &record.related.refs[j];
        let help = did_you_mean(&related.id, sorted_ids.iter().map(String::as_str), || {
            "`related` lists the ids (file names without `.yaml`) of records in `data/inspections`"
                .to_owned()
        });
        record.problems.push(Problem {
            severity: Severity::Error,
            code: Code::RelatedUnknown,
            file: record.file.clone(),
            location: Some(related.at),
            source_line: related.line.clone(),
            message: format!(
                "`related` names `{}`, but there is no record with that id",
                related.id
            ),
            help: Some(help),
        });
        record.inspection = None;
    }
    let graph = graph(records);
    let mut problems = Vec::new();
    let mut in_cycle = BTreeSet::new();
    for record in records.iter().filter(|r| r.selected) {
        if let (Some(cycle), Some((at, line))) =
            (cycle_from(&record.id, &graph), &record.related.at)
        {
            problems.push(Problem {
                severity: Severity::Error,
                code: Code::RelatedCycle,
                file: record.file.clone(),
                location: Some(*at),
                source_line: line.clone(),
                message: format!("`related` makes a cycle: {}", cycle.join(" → ")),
                help: Some("a record can hold another inside it, but not itself".to_owned()),
            });
            in_cycle.insert(record.id.clone());
        }
    }
    (problems, in_cycle)
}

/// Which records each record holds.
pub(crate) fn graph(records: &[Checked]) -> Graph {
    records
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                r.related.refs.iter().map(|r| r.id.clone()).collect(),
            )
        })
        .collect()
}

/// The records the page of `id` holds: itself, and every record it nests through `related`,
/// at any depth.
pub(crate) fn held(graph: &Graph, id: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([id.to_owned()]);
    if graph.get(id).is_none_or(Vec::is_empty) {
        return seen;
    }
    let mut queue = vec![id.to_owned()];
    while let Some(next) = queue.pop() {
        for related in graph.get(&next).into_iter().flatten() {
            if seen.insert(related.clone()) {
                queue.push(related.clone());
            }
        }
    }
    seen
}

/// A path of `related` links from `start` back to itself, if there is one.
fn cycle_from(start: &str, graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        id: &str,
        start: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(id).into_iter().flatten() {
            path.push(next.clone());
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) && visit(next, start, graph, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_owned()];
    visit(start, start, graph, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles() {
        let mut graph = Graph::new();
        graph.insert("a".into(), vec!["b".to_owned()]);
        graph.insert("b".into(), vec!["c".to_owned()]);
        graph.insert("c".into(), vec!["a".to_owned()]);
        graph.insert("d".into(), vec!["d".to_owned()]);
        graph.insert("e".into(), vec!["a".to_owned()]);
        assert_eq!(
            cycle_from("a", &graph),
            Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
        assert_eq!(cycle_from("d", &graph), Some(vec!["d".into(), "d".into()]));
        assert_eq!(cycle_from("e", &graph), None);
    }

    #[test]
    fn a_page_holds_its_records_at_any_depth() {
        let mut graph = Graph::new();
        graph.insert("a".into(), vec!["b".to_owned()]);
        graph.insert("b".into(), vec!["c".to_owned()]);
        graph.insert("c".into(), Vec::new());
        assert_eq!(
            held(&graph, "a"),
            BTreeSet::from(["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(held(&graph, "c"), BTreeSet::from(["c".into()]));
    }
}
