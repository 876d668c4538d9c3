//! Writes a synthetic `respond` project for benchmarks, deterministic from a seed.
//!
//! ```sh
//! cargo run --release --example generate -- --records 10000 --seed 1 --out target/bench/10000 \
//!     [--hugo target/bench/10000-hugo]
//! ```
//!
//! `--out DIR` gets `DIR/data/office.yaml` and `DIR/data/inspections/<id>.yaml`, one record of
//! about 10 KB of YAML each, its recommendations, areas for improvement and causes of concern
//! followed up (owners, dated progress, targets). `--hugo DIR` also writes the same content as a minimal Hugo site
//! (the skeleton in `benches/hugo/`, compiled in) with one `content/inspections/<id>.md` per
//! record, for comparison. Every generated project passes `respond validate --today 2026-11-22`
//! (warnings allowed: a few records leave recommendations unanswered, as real ones do).

#[path = "generate/records.rs"]
mod records;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use records::{Published, Record};
use respond::model::InspectionType;

/// The Hugo skeleton: (path in the site, contents).
const HUGO_FILES: [(&str, &str); 4] = [
    ("hugo.toml", include_str!("../benches/hugo/hugo.toml")),
    (
        "layouts/_default/single.html",
        include_str!("../benches/hugo/layouts/_default/single.html"),
    ),
    (
        "layouts/_default/list.html",
        include_str!("../benches/hugo/layouts/_default/list.html"),
    ),
    (
        "layouts/index.html",
        include_str!("../benches/hugo/layouts/index.html"),
    ),
];

const USAGE: &str = "usage: generate --records N [--seed S] --out DIR [--hugo DIR]";

struct Args {
    records: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut records = None;
    let mut seed = 1;
    let mut out = None;
    let mut hugo = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("`{name}` needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--records" | "-n" => {
                let v = value("--records")?;
                records = Some(
                    v.parse()
                        .map_err(|_| format!("`--records {v}`: not a number"))?,
                );
            }
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("`--seed {v}`: not a number"))?;
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(Args {
        records: records.ok_or_else(|| format!("`--records` is required\n{USAGE}"))?,
        seed,
        out: out.ok_or_else(|| format!("`--out` is required\n{USAGE}"))?,
        hugo,
    })
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    fs::write(path, contents).map_err(|e| format!("failed to write `{}`: {e}", path.display()))
}

fn create_dir(path: &Path) -> Result<(), String> {
    fs::create_dir_all(path).map_err(|e| format!("failed to create `{}`: {e}", path.display()))
}

/// Removes the `.yaml` (or `.md`) files a previous run left in `dir`, so that the folder holds
/// exactly this run's records.
fn clear(dir: &Path, extension: &str) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == extension) {
            fs::remove_file(&path)
                .map_err(|e| format!("failed to remove `{}`: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// One record as a Hugo page: scalar fields in front matter, Markdown sections in the body.
fn hugo_page(record: &Record, titles: &std::collections::HashMap<&str, &str>) -> String {
    let mut page = String::with_capacity(10_000);
    let kind = InspectionType::from_word(record.kind).unwrap_or(InspectionType::Other);
    let statutory = kind != InspectionType::Fire;
    let last_day = respond::deadline::statutory_last_day(record.published);
    let response_day = match record.response_published {
        Published::On(day, _) => day,
        _ if statutory => last_day,
        _ => record.published,
    };
    let pfcc = response_day >= chrono::NaiveDate::from_ymd_opt(2023, 4, 1).unwrap_or_default();
    let (short, office) = if pfcc {
        (
            "PFCC",
            "Northmoor Office of Police Fire and Crime Commissioner",
        )
    } else {
        ("PCC", "Northmoor Office of Police and Crime Commissioner")
    };
    let status = match record.response_published {
        Published::On(day, _) => format!("Published {}", respond::date::long(day)),
        Published::Undated => "Published (date not recorded)".to_owned(),
        Published::NotYet if statutory => format!(
            "Response due by {}",
            respond::date::long_with_weekday(last_day)
        ),
        Published::NotYet => "Response not yet published".to_owned(),
    };
    // `published` is Hugo's alias of `publishDate`, so the long form goes in `published_on`.
    page.push_str("---\n");
    let _ = writeln!(page, "title: {}", yaml_string(&record.title));
    let _ = writeln!(page, "date: {}", record.published.format("%Y-%m-%d"));
    let _ = writeln!(
        page,
        "published_on: {}",
        yaml_string(&respond::date::long(record.published))
    );
    let _ = writeln!(
        page,
        "inspection_type: {}",
        yaml_string(record.type_label.as_deref().unwrap_or(kind.label()))
    );
    if let Some(reference) = &record.reference {
        let _ = writeln!(page, "reference: {}", yaml_string(reference));
    }
    if let Some(link) = &record.link {
        let _ = writeln!(page, "link: {}", yaml_string(link));
    }
    if statutory {
        let _ = writeln!(
            page,
            "last_day: {}",
            yaml_string(&respond::date::long_with_weekday(last_day))
        );
    }
    let _ = writeln!(page, "status: {}", yaml_string(&status));
    let _ = writeln!(page, "short: {short}");
    let _ = writeln!(page, "office: {}", yaml_string(office));
    page.push_str("---\n\n## Key Findings\n\n");
    page.push_str(&record.key_findings);
    page.push_str("\n\n");
    if !record.recommendations.is_empty() {
        page.push_str("## Recommendations\n\n");
        if let Some(intro) = &record.recommendations_intro {
            let _ = write!(page, "{intro}\n\n");
        }
        for r in &record.recommendations {
            let _ = write!(page, "### Recommendation {}", r.number);
            if let Some(title) = &r.title {
                let _ = write!(page, ": {title}");
            }
            page.push_str("\n\n");
            let mut meta = Vec::new();
            if let Some(to) = &r.addressed_to {
                meta.push(format!("Addressed to: {to}"));
            }
            if let Some(target) = r.target {
                meta.push(format!("Target: {}", respond::date::long(target)));
            }
            if let Some(owner) = r.follow_up.owner {
                meta.push(format!("Owner: {owner}"));
            }
            if let Some(status) = r.follow_up.current() {
                meta.push(format!("Status: {status}"));
            }
            if !meta.is_empty() {
                let _ = write!(page, "{}\n\n", meta.join(". "));
            }
            let _ = write!(page, "{}\n\n", r.text);
            if let Some(response) = &r.response {
                let _ = write!(page, "**Response:**\n\n{response}\n\n");
            }
        }
    }
    if !record.areas.is_empty() {
        page.push_str("## Areas for Improvement\n\n");
        if let Some(intro) = &record.areas_intro {
            let _ = write!(page, "{intro}\n\n");
        }
        for a in &record.areas {
            page.push_str("- ");
            if let Some(number) = &a.number {
                let _ = write!(page, "**{number}:** ");
            }
            page.push_str(&a.text);
            if let Some(status) = a.follow_up.current() {
                let _ = write!(page, " (status: {status})");
            }
            if let Some(response) = &a.response {
                let _ = write!(page, "\n\n  **Response:** {response}");
            }
            page.push('\n');
        }
        page.push('\n');
    }
    if !record.causes.is_empty() {
        page.push_str("## Causes of Concern\n\n");
        for c in &record.causes {
            let _ = write!(
                page,
                "{}\n\nRecommendations: {}\n\n",
                c.text,
                c.recommendations.join(", ")
            );
        }
    }
    for r in &record.responses {
        let heading = r.heading.clone().unwrap_or_else(|| match r.by {
            "chief-officer" => "Chief Constable Response to Report and Recommendations".to_owned(),
            "commissioner" => format!("{short} Response to Report and Recommendations"),
            _ => format!("{short} & Constabulary Response to Report and Recommendation"),
        });
        let _ = write!(page, "## {heading}\n\n{}\n\n", r.text);
    }
    if !record.related.is_empty() {
        page.push_str("## Related\n\n");
        for id in &record.related {
            let title = titles.get(id.as_str()).copied().unwrap_or(id);
            let _ = writeln!(page, "- [{title}](/inspections/{id}/)");
        }
    }
    page
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let records = records::records(args.records, args.seed);

    let data = args.out.join("data");
    let inspections = data.join("inspections");
    create_dir(&inspections)?;
    clear(&inspections, "yaml")?;
    write(&data.join("office.yaml"), &records::office_yaml())?;
    let mut bytes = 0;
    for record in &records {
        let yaml = record.to_yaml();
        bytes += yaml.len();
        write(&inspections.join(format!("{}.yaml", record.id)), &yaml)?;
    }
    eprintln!(
        "wrote {} records ({:.1} MB, {:.1} KB each on average) to `{}`",
        records.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / records.len().max(1) as f64,
        args.out.display()
    );

    if let Some(site) = &args.hugo {
        for (path, contents) in HUGO_FILES {
            let path = site.join(path);
            if let Some(parent) = path.parent() {
                create_dir(parent)?;
            }
            write(&path, contents)?;
        }
        let content = site.join("content/inspections");
        create_dir(&content)?;
        clear(&content, "md")?;
        write(
            &content.join("_index.md"),
            "---\ntitle: \"Inspections\"\n---\n",
        )?;
        let titles: std::collections::HashMap<&str, &str> = records
            .iter()
            .map(|r| (r.id.as_str(), r.title.as_str()))
            .collect();
        for record in &records {
            write(
                &content.join(format!("{}.md", record.id)),
                &hugo_page(record, &titles),
            )?;
        }
        eprintln!("wrote the Hugo site to `{}`", site.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("generate: {message}");
            ExitCode::from(2)
        }
    }
}
