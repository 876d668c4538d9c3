//! Related records: a record can hold others (`related`), rendered inside its page. Each id it
//! names must be a record, no record may hold itself through others, and records nest at most
//! [`MAX_DEPTH`] deep (a page of records inside records inside records is as deep as a reader
//! can follow, and it keeps every page small and its rendering shallow). These are the only
//! rules that need every record at once, so they run when a validation session finishes. Every
//! walk here keeps its own stack, so a chain of any length cannot overflow the program's.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::problem::did_you_mean;
use crate::problem::{Code, Location, Problem, Severity, Source};
use crate::validate::Checked;
use crate::validate::definitions as d;
use crate::validate::fields::{Checker, field};
use crate::yaml::{Node, Value};

// How deep `related` records may nest below a page: the page's own limit.
pub(crate) use crate::model::MAX_RELATED_DEPTH as MAX_DEPTH;

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
    /// Whether the record is a draft (no `response_published`): a published record may not
    /// hold one, whose comments it would publish.
    #[serde(default)]
    pub(crate) draft: bool,
    /// How many bytes of text the record holds (see `length`): a page's PDF holds those of
    /// every record on it.
    #[serde(default)]
    pub(crate) text: usize,
}

impl Related {
    /// What `node` (a record's tree) names in `related`.
    pub(crate) fn of(source: &Source, node: &Node) -> Self {
        let draft = field(node, d::record::RESPONSE_PUBLISHED).is_none();
        let Some(list) = field(node, d::record::RELATED) else {
            return Self {
                draft,
                ..Self::default()
            };
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
            draft,
            text: 0,
        }
    }
}

/// A published record that names a draft in `related` is refused: its page would publish the
/// draft's comments. The problem goes to the record's own problems.
fn drafts_held(records: &mut [Checked]) {
    let drafts: HashSet<String> = records
        .iter()
        .filter(|r| r.related.draft)
        .map(|r| r.id.clone())
        .collect();
    if drafts.is_empty() {
        return;
    }
    for record in records.iter_mut().filter(|r| !r.related.draft) {
        let held: Vec<RelatedRef> = record
            .related
            .refs
            .iter()
            .filter(|r| drafts.contains(&r.id))
            .cloned()
            .collect();
        for related in held {
            record.problems.push(Problem {
                severity: Severity::Error,
                code: Code::RelatedDraft,
                file: record.file.clone(),
                location: Some(related.at),
                source_line: related.line.clone(),
                message: format!(
                    "`related` names `{}`, whose response is not published yet",
                    related.id
                ),
                help: Some(format!(
                    "this response is published, and its page would publish that draft's comments inside it: publish `{}` first, or take it out of `related`",
                    related.id
                )),
            });
            record.inspection = None;
        }
    }
}

/// The ids of `related`, for the model.
pub(crate) fn ids(checker: &mut Checker<'_>, node: &Node) -> Vec<String> {
    let items = checker.list(node, d::record::RELATED);
    items
        .iter()
        .filter_map(|item| checker.text(item, d::record::RELATED))
        .collect()
}

/// Checks the records against each other: each `related` id names a record (a record that
/// names an unknown one loses its model), no record holds itself, and none nests records more
/// than [`MAX_DEPTH`] deep. Returns the problems of cycles and depth (those of unknown ids go to
/// their record's own problems), and the ids of the records they refuse.
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
    drafts_held(records);
    let graph = graph(records);
    let (depth, unresolved) = depths(&graph);
    let mut problems = Vec::new();
    let mut refused = BTreeSet::new();
    for record in records.iter().filter(|r| r.selected) {
        let Some((at, line)) = &record.related.at else {
            continue;
        };
        let problem = |code, message: String, help: &str| Problem {
            severity: Severity::Error,
            code,
            file: record.file.clone(),
            location: Some(*at),
            source_line: line.clone(),
            message,
            help: Some(help.to_owned()),
        };
        // Only a record that is on a cycle or leads to one is left unresolved, so only those
        // are searched for a cycle.
        if unresolved.contains(record.id.as_str()) {
            if let Some(cycle) = cycle_from(&record.id, &graph) {
                problems.push(problem(
                    Code::RelatedCycle,
                    format!("`related` makes a cycle: {}", shorten(&cycle)),
                    "a record can hold another inside it, but not itself",
                ));
                refused.insert(record.id.clone());
            }
        } else if let Some(&deep) = depth.get(record.id.as_str())
            && deep > MAX_DEPTH
        {
            problems.push(problem(
                Code::RelatedTooDeep,
                format!(
                    "`related` nests records {deep} deep in this record's page: {}",
                    shorten(&deepest_chain(&record.id, &graph, &depth))
                ),
                "a page shows its related records, theirs inside those, and theirs inside those: 3 levels at most. Remove one of the `related` entries along this chain (a record can name any of them in its own `related` instead)",
            ));
            refused.insert(record.id.clone());
        }
    }
    (problems, refused)
}

/// The chain as the message shows it, the middle of a long one left out.
fn shorten(chain: &[String]) -> String {
    const SHOWN: usize = 6;
    if chain.len() <= SHOWN {
        return chain.join(" → ");
    }
    format!(
        "{} → … ({} more) → {}",
        chain[..SHOWN - 1].join(" → "),
        chain.len() - SHOWN,
        chain[chain.len() - 1]
    )
}

/// How deep each record's related records nest (0 for a record that holds none), for every
/// record not on a cycle and leading to none; and the ids of those that are. One pass over the
/// graph, from the records that hold nothing upwards (Kahn's order), with no recursion.
fn depths(graph: &Graph) -> (HashMap<&str, usize>, HashSet<&str>) {
    let mut holders: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut waiting: HashMap<&str, usize> = HashMap::new();
    for (id, related) in graph {
        let known: BTreeSet<&str> = related
            .iter()
            .map(String::as_str)
            .filter(|r| graph.contains_key(*r))
            .collect();
        for r in &known {
            holders.entry(r).or_default().push(id);
        }
        waiting.insert(id, known.len());
    }
    let mut depth: HashMap<&str, usize> = HashMap::new();
    let mut ready: Vec<&str> = waiting
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(id, _)| *id)
        .collect();
    while let Some(id) = ready.pop() {
        let below = *depth.entry(id).or_insert(0);
        for holder in holders.get(id).into_iter().flatten() {
            let d = depth.entry(holder).or_insert(0);
            *d = (*d).max(below + 1);
            if let Some(n) = waiting.get_mut(holder) {
                *n -= 1;
                if *n == 0 {
                    ready.push(holder);
                }
            }
        }
    }
    let unresolved = waiting
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(id, _)| *id)
        .collect();
    depth.retain(|id, _| waiting.get(id) == Some(&0));
    (depth, unresolved)
}

/// The longest chain of `related` from `id`, which `depths` measured.
fn deepest_chain(id: &str, graph: &Graph, depth: &HashMap<&str, usize>) -> Vec<String> {
    let mut chain = vec![id.to_owned()];
    let mut at = id;
    while let Some(&d) = depth.get(at) {
        let Some(next) = graph
            .get(at)
            .into_iter()
            .flatten()
            .find(|next| d > 0 && depth.get(next.as_str()) == Some(&(d - 1)))
        else {
            break;
        };
        chain.push(next.clone());
        at = next;
    }
    chain
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

/// A path of `related` links from `start` back to itself, if there is one: a walk of the graph
/// with its own stack (the path so far, and where each step is in its list).
fn cycle_from(start: &str, graph: &Graph) -> Option<Vec<String>> {
    let related = |id: &str| graph.get(id).map_or(&[][..], Vec::as_slice);
    let mut path: Vec<(&str, usize)> = vec![(start, 0)];
    let mut seen: HashSet<&str> = HashSet::from([start]);
    while let Some((id, next)) = path.last_mut() {
        let Some(step) = related(id).get(*next) else {
            path.pop();
            continue;
        };
        *next += 1;
        if step == start {
            let mut cycle: Vec<String> = path.iter().map(|(id, _)| (*id).to_owned()).collect();
            cycle.push(start.to_owned());
            return Some(cycle);
        }
        if seen.insert(step) {
            path.push((step, 0));
        }
    }
    None
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
    fn depths_and_the_deepest_chain() {
        let mut graph = Graph::new();
        // A diamond under a: a → b, c; b, c → d; d → e; and a cycle f ↔ g that h leads to.
        for (id, related) in [
            ("a", &["b", "c"][..]),
            ("b", &["d"]),
            ("c", &["d", "unknown"]),
            ("d", &["e"]),
            ("e", &[]),
            ("f", &["g"]),
            ("g", &["f"]),
            ("h", &["f"]),
        ] {
            graph.insert(id.into(), related.iter().map(|r| (*r).to_owned()).collect());
        }
        let (depth, unresolved) = depths(&graph);
        assert_eq!(
            ["a", "b", "c", "d", "e"].map(|id| depth[id]),
            [3, 2, 2, 1, 0]
        );
        assert_eq!(unresolved, HashSet::from(["f", "g", "h"]));
        assert_eq!(deepest_chain("a", &graph, &depth), ["a", "b", "d", "e"]);
        assert_eq!(cycle_from("h", &graph), None);
        assert_eq!(
            cycle_from("f", &graph),
            Some(vec!["f".into(), "g".into(), "f".into()])
        );
    }

    #[test]
    fn a_long_chain_needs_no_deep_stack() {
        // 100,000 records in a chain: measured without recursion, then closed into a cycle.
        let n = 100_000;
        let mut graph: Graph = (0..n)
            .map(|i| {
                (
                    format!("r{i}"),
                    if i + 1 < n {
                        vec![format!("r{}", i + 1)]
                    } else {
                        vec![]
                    },
                )
            })
            .collect();
        let (depth, unresolved) = depths(&graph);
        assert_eq!(depth["r0"], n - 1);
        assert!(unresolved.is_empty());
        assert_eq!(deepest_chain("r0", &graph, &depth).len(), n);
        graph.insert(format!("r{}", n - 1), vec!["r0".to_owned()]);
        assert_eq!(cycle_from("r0", &graph).map(|c| c.len()), Some(n + 1));
        let chain: Vec<String> = (0..10).map(|i| format!("r{i}")).collect();
        assert_eq!(shorten(&chain), "r0 → r1 → r2 → r3 → r4 → … (4 more) → r9");
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
