//! The Atom feed (RFC 4287) of the published responses, `feed.xml`: one entry per record in
//! `out/` (published, dated or not), the newest response first.
//!
//! - **Ids** are `urn:uuid:` UUIDs of version 5 (name-based, RFC 9562) in respond's own
//!   namespace ([`NAMESPACE`]): the feed's of the police area's name, an entry's of
//!   `<area>/<record id>`. They stay the same when `site_url` is added or changed and when the
//!   office or the commissioner's title is renamed, so a feed reader never shows an entry twice.
//! - **Dates** are days, written as midnight UTC. An entry's `updated` is the day its response
//!   was published, or for a response whose day was not recorded (`undated`) the day the
//!   report was published; the feed's is its newest entry's, or with no entry the day of the
//!   office's first commissioner title. Nothing here reads the clock.
//! - **Links** are `<site_url>/<id>.html` when the office gives `site_url`, else relative to
//!   the feed (`<id>.html`); the feed's own (`feed.xml`) and the index's likewise.
//!
//! quick-xml writes the XML and escapes every value; characters that XML 1.0 cannot hold at
//! all (control characters) are left out of the text.

use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use uuid::Uuid;

use crate::date;
use crate::deadline::Publication;
use crate::model::{ItemKind, Office, Summary};
use crate::outputs::{File, Folder, Format, Site, SiteOutput, address, responses};

/// `feed.xml`.
pub(crate) struct Feed;

/// The file's name.
const NAME: &str = "feed.xml";

/// respond's namespace for the feed's name-based UUIDs (a random UUID, fixed once).
const NAMESPACE: Uuid = Uuid::from_u128(0x399b_4616_b705_493b_9b07_9ab9_7647_f602);

/// A feed's or an entry's id: the `urn:uuid:` of `name` in [`NAMESPACE`].
pub(crate) fn id(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).urn().to_string()
}

/// A day as an Atom date: midnight UTC.
fn timestamp(day: NaiveDate) -> String {
    format!("{}T00:00:00Z", day.format("%Y-%m-%d"))
}

/// The day an entry was last updated: its response's, or its report's when that is undated.
fn updated(record: &Summary) -> NaiveDate {
    match record.response {
        Publication::On(day) => day,
        Publication::Undated | Publication::NotYet => record.published,
    }
}

/// `text` without the characters XML 1.0 cannot hold (control characters but tab and line
/// ends); quick-xml escapes the rest.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// "3 recommendations, 1 area for improvement and 1 cause of concern"; "no recommendations".
fn items(record: &Summary) -> String {
    let mut parts = Vec::new();
    for (kind, one, many) in [
        (
            ItemKind::Recommendation,
            "recommendation",
            "recommendations",
        ),
        (
            ItemKind::AreaForImprovement,
            "area for improvement",
            "areas for improvement",
        ),
        (
            ItemKind::CauseOfConcern,
            "cause of concern",
            "causes of concern",
        ),
    ] {
        let n = record.items.iter().filter(|i| i.kind == kind).count();
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    match parts.as_slice() {
        [] => "no recommendations".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An entry's summary: "The PFCC's response to the inspection report “…” (published 25 August
/// 2023), published 12 October 2023: 2 recommendations."
fn summary(record: &Summary) -> String {
    let response = match record.response {
        Publication::On(day) => format!("published {}", date::long(day)),
        Publication::Undated | Publication::NotYet => "published on a day not recorded".to_owned(),
    };
    format!(
        "The {}’s response to the inspection report “{}” (published {}), {response}: {}.",
        record.commissioner,
        record.title,
        date::long(record.published),
        items(record)
    )
}

/// Writes `<name>text</name>`.
fn element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// Writes `<link rel="…" type="…" href="…"/>`.
fn link(writer: &mut Writer<Vec<u8>>, rel: &str, kind: &str, href: &str) -> std::io::Result<()> {
    writer
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", kind))
        .with_attribute(("href", xml_text(href).as_str()))
        .write_empty()?;
    Ok(())
}

/// The feed's XML for `records` (newest response first).
fn xml(office: &Office, records: &[&Summary]) -> std::io::Result<Vec<u8>> {
    let latest = office.commissioner.last();
    let short = latest.map_or("", |t| t.short.as_str());
    let name = latest.map_or(office.name.as_str(), |t| {
        super::document::office_name(office, t)
    });
    let newest = records
        .first()
        .map(|r| updated(r))
        .or_else(|| office.commissioner.first().map(|t| t.from))
        .unwrap_or_default();
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", "en-GB"))
        .write_inner_content(|w| {
            element(w, "id", &id(&office.area))?;
            let title = format!("{} {short} responses to HMICFRS inspections", office.area);
            element(w, "title", &title)?;
            element(w, "updated", &timestamp(newest))?;
            w.create_element("author")
                .write_inner_content(|w| element(w, "name", name))?;
            link(w, "self", "application/atom+xml", &address(office, NAME))?;
            link(w, "alternate", "text/html", &address(office, "index.html"))?;
            for record in records {
                w.create_element("entry").write_inner_content(|w| {
                    element(w, "id", &id(&format!("{}/{}", office.area, record.id)))?;
                    element(w, "title", &record.title)?;
                    element(w, "updated", &timestamp(updated(record)))?;
                    let page = address(office, &format!("{}.html", record.id));
                    link(w, "alternate", "text/html", &page)?;
                    element(w, "summary", &summary(record))
                })?;
            }
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

impl SiteOutput for Feed {
    fn format(&self) -> Format {
        Format::Html
    }

    fn names(&self) -> Vec<String> {
        vec![NAME.to_owned()]
    }

    fn render(&self, site: &Site<'_>, records: &[Arc<Summary>], _: Folder) -> Result<Vec<File>> {
        let mut records = responses::published(records);
        records.sort_by(|a, b| updated(b).cmp(&updated(a)).then_with(|| a.id.cmp(&b.id)));
        Ok(vec![File {
            name: NAME.to_owned(),
            bytes: xml(site.office, &records)?,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_name_based() {
        // The same name always gives the same id; another name another.
        assert_eq!(id("Testshire/x"), id("Testshire/x"));
        assert_ne!(id("Testshire/x"), id("Testshire/y"));
        assert!(id("Testshire").starts_with("urn:uuid:"));
    }

    #[test]
    fn control_characters_are_left_out() {
        assert_eq!(xml_text("a\u{1}b\tc"), "ab\tc");
    }
}
