//! In-process benchmarks of respond's pipeline on 200 generated records (about 1.7 MB of YAML):
//! parsing and validation, Markdown fields to HTML, rendering pages, and one record's PDF.
//!
//! ```sh
//! cargo bench --bench pipeline              # all, in about a minute
//! cargo bench --bench pipeline -- render    # only those whose name contains "render"
//! ```
//!
//! The records come from the same generator as `examples/generate.rs` (seed 1), so these
//! numbers can be read next to the whole-command ones of `benches/run.sh` (see BENCHMARKS.md).

#[path = "../examples/generate/records.rs"]
#[allow(dead_code)]
mod records;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use respond::outputs::{self, Site};
use respond::templates::Templates;

/// How many records the benchmarks work on.
const RECORDS: usize = 200;

struct Input {
    office: Vec<u8>,
    records: Vec<(String, Vec<u8>)>,
    bytes: u64,
}

fn input() -> Input {
    let generated = records::records(RECORDS, 1);
    let records: Vec<(String, Vec<u8>)> = generated
        .iter()
        .map(|r| (r.id.clone(), r.to_yaml().into_bytes()))
        .collect();
    let bytes = records.iter().map(|(_, b)| b.len() as u64).sum();
    Input {
        office: records::office_yaml().into_bytes(),
        records,
        bytes,
    }
}

fn validated(input: &Input) -> respond::validate::Validated {
    let validated = respond::validate::from_bytes(
        Some(input.office.clone()),
        input.records.clone(),
        records::today(),
    );
    // The benchmarks must measure the path of valid records, not of error reporting.
    assert!(
        !validated.has_errors(),
        "generated records should be valid: {:?}",
        validated.problems.iter().find(|p| p.is_error())
    );
    assert_eq!(validated.inspections.len(), RECORDS);
    validated
}

fn load_and_validate(c: &mut Criterion) {
    let input = input();
    let today = records::today();
    let texts: Vec<&str> = input
        .records
        .iter()
        .map(|(_, bytes)| std::str::from_utf8(bytes).expect("generated records are UTF-8"))
        .collect();
    let mut group = c.benchmark_group("load_validate");
    // An iteration takes about a tenth of a second: flat sampling keeps the run short.
    group
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Bytes(input.bytes));
    // Reading YAML into located nodes, one record after the other.
    group.bench_function("yaml_parse_200", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(respond::yaml::parse(black_box(text)).expect("generated YAML parses"));
            }
        });
    });
    group.bench_function("parse_validate_200", |b| {
        b.iter_batched(
            || (input.office.clone(), input.records.clone()),
            |(office, records)| respond::validate::from_bytes(Some(office), records, today),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

fn markdown(c: &mut Criterion) {
    let validated = validated(&input());
    let key_findings: Vec<&str> = validated
        .inspections
        .iter()
        .map(|i| i.key_findings.as_str())
        .collect();
    let responses: Vec<&str> = validated
        .inspections
        .iter()
        .flat_map(|i| i.responses.iter().map(|r| r.text.as_str()))
        .collect();
    let mut group = c.benchmark_group("markdown");
    for (name, texts) in [
        ("to_html_key_findings_200", &key_findings),
        ("to_html_responses", &responses),
    ] {
        group.throughput(Throughput::Bytes(
            texts.iter().map(|t| t.len() as u64).sum(),
        ));
        group.bench_function(name, |b| {
            b.iter(|| {
                for text in texts {
                    black_box(respond::markdown::to_html(black_box(text), 2, "fn-x"));
                }
            });
        });
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let validated = validated(&input());
    let office = validated
        .office
        .as_ref()
        .expect("the generated office is valid");
    let all = &validated.inspections;
    let templates = Templates::load(None).expect("the default templates load");
    let mut group = c.benchmark_group("render");
    group.bench_function("templates_load", |b| {
        b.iter(|| Templates::load(None).expect("the default templates load"));
    });
    let site = Site {
        templates: &templates,
        office,
    };
    let lookup = |id: &str| all.iter().find(|i| i.id == id);
    for output in outputs::PAGES
        .iter()
        .filter(|o| o.format() != outputs::Format::Pdf)
    {
        group.throughput(Throughput::Elements(all.len() as u64));
        group.bench_function(format!("pages_{}_200", output.format().word()), |b| {
            b.iter(|| {
                for inspection in all {
                    black_box(
                        output
                            .render(&site, inspection, &lookup)
                            .expect("a page renders"),
                    );
                }
            });
        });
    }
    // One record's PDF (typst: layout, then the tagged PDF/UA-1), each iteration the next of the
    // 200: typst memoizes, so the same record again would mostly be a cache hit.
    group.throughput(Throughput::Elements(1));
    let mut next = 0;
    group.bench_function("pdf_1", |b| {
        b.iter(|| {
            next = (next + 1) % all.len();
            outputs::pdf(&site, &all[next], all).expect("a PDF renders")
        });
    });
    let summaries: Vec<_> = all
        .iter()
        .map(|i| std::sync::Arc::new(i.summary(office)))
        .collect();
    for output in outputs::SITE {
        group.throughput(Throughput::Elements(1));
        // Named by its first file: `index_md_200`, `index_html_200`, `feed_xml_200`, …
        let name = output
            .names()
            .first()
            .map_or_else(String::new, |n| n.replace('.', "_"));
        group.bench_function(format!("{name}_200"), |b| {
            b.iter(|| {
                output
                    .render(&site, &summaries, respond::outputs::Folder::Out)
                    .expect("the site output renders")
            });
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = load_and_validate, markdown, render
}
criterion_main!(benches);
