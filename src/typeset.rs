//! Typesetting a PDF with typst, embedded in the binary: a typst [`World`] of our own that holds
//! one template and the bundled fonts, and nothing else. Every other file typst asks for (a
//! `read`, an `image`, an `import`, a package) is refused and counted, there is no today's date,
//! and the record's content comes in only as values under `sys.inputs`, never as typst source,
//! so a record can neither run code nor read a file. The PDF is tagged PDF/UA-1, with no
//! timestamp and a document id derived from the record's id, so the same input gives the same
//! bytes.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, anyhow};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The bundled fonts (Liberation, under the SIL Open Font License 1.1: `assets/fonts/LICENSE`).
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../assets/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../assets/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../assets/fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../assets/fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../assets/fonts/LiberationMono-Regular.ttf"),
];

/// The fonts, parsed once for the whole run.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// `text` with every character that no bundled font can show replaced by `?` (and variation
/// selectors dropped): PDF/UA-1 refuses a character without a glyph, and a response must not
/// fail to render for an emoji or a name in a script the font lacks. The HTML page keeps them.
pub(crate) fn displayable(text: &str) -> std::borrow::Cow<'_, str> {
    let ignorable = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0xFEFF)
    };
    let shown = |c: char| {
        FONTS
            .fonts
            .iter()
            .any(|font| font.info().coverage.contains(c as u32))
    };
    let selector = |c: char| matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF);
    if text
        .chars()
        .all(|c| c.is_ascii() || (!selector(c) && (ignorable(c) || shown(c))))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter(|c| !selector(*c))
        .map(|c| {
            if c.is_ascii() || ignorable(c) || shown(c) {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// The stack of the threads PDFs are typeset on (reserved, not used: pages are touched only as
/// needed); typst's layout recurses deeply.
const STACK: usize = 64 << 20;

/// typst's own thread pool. typst lays out in parallel with rayon; run on the render's pool, a
/// thread waiting for its layout would take up another record's PDF on top of its own stack,
/// and so on without bound (2 MiB stacks overflowed, and a render of 1,000 records held 2 GiB).
/// On a pool of its own, at most one PDF per render thread is in progress.
static POOL: LazyLock<Option<rayon::ThreadPool>> = LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .stack_size(STACK)
        .thread_name(|i| format!("typeset-{i}"))
        .build()
        .ok()
});

/// Runs `typeset` on typst's pool, from a thread of its own so that the calling thread (one of
/// the render's) waits without taking up other work.
fn isolated<T: Send>(typeset: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    let Some(pool) = POOL.as_ref() else {
        return Err(anyhow!("could not start the threads that typeset PDFs"));
    };
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("typeset".to_owned())
            .spawn_scoped(scope, || pool.install(typeset))?
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// After how many PDFs typst's memo cache is trimmed to what the PDFs since the last trim used:
/// records share little but the fonts, and the cache would otherwise grow with every record.
const EVICT_EVERY: usize = 8;
static MADE: AtomicUsize = AtomicUsize::new(0);

/// The only file the engine can see: the template, as `/<name>`.
struct Sandbox {
    library: LazyHash<Library>,
    main: Source,
    /// How many requests for any other file were refused.
    refused: AtomicUsize,
}

impl World for Sandbox {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            self.refused.fetch_add(1, Ordering::Relaxed);
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        // Not even the template's own bytes: it is read as source, and only so.
        self.refused.fetch_add(1, Ordering::Relaxed);
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets the template `name` (its text `template`) with `inputs` as `sys.inputs`, into a
/// tagged PDF/UA-1 whose document id is derived from `ident`.
pub(crate) fn pdf(name: &str, template: &str, inputs: Dict, ident: &str) -> Result<Vec<u8>> {
    let world = Sandbox::new(name, template, inputs)?;
    let pdf = isolated(|| world.typeset(ident))?;
    if MADE.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        typst::comemo::evict(1);
    }
    Ok(pdf)
}

impl Sandbox {
    fn new(name: &str, template: &str, inputs: Dict) -> Result<Self> {
        let path = VirtualPath::new(format!("/{name}"))
            .map_err(|e| anyhow!("the template name `{name}` cannot be used: {e:?}"))?;
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, path));
        let library = Library::builder()
            .with_inputs(inputs)
            // `pdf.header-cell`, which marks the facts' row headers as such.
            .with_features([Feature::A11yExtras].into_iter().collect())
            .build();
        Ok(Self {
            library: LazyHash::new(library),
            main: Source::new(id, template.to_owned()),
            refused: AtomicUsize::new(0),
        })
    }

    fn typeset(&self, ident: &str) -> Result<Vec<u8>> {
        let name = self.main.id().get().vpath().get_without_slash().to_owned();
        let document = typst::compile::<PagedDocument>(self)
            .output
            .map_err(|errors| self.broken(&name, errors.as_slice()))?;
        let standards = PdfStandards::new(&[PdfStandard::Ua_1])
            .map_err(|e| anyhow!("typst refused PDF/UA-1: {}", e.message()))?;
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_owned()),
            creator: Smart::Custom(None),
            timestamp: None,
            standards,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|errors| self.broken(&name, errors.as_slice()))
    }

    /// typst's errors as one message: each with its line and column in the template, and hints.
    fn broken(&self, name: &str, errors: &[SourceDiagnostic]) -> anyhow::Error {
        let mut message = format!("the PDF template `{name}` failed:");
        for error in errors {
            let place = typst::WorldExt::range(self, error.span)
                .and_then(|range| self.main.lines().byte_to_line_column(range.start))
                .map(|(line, column)| format!("{name}:{}:{}: ", line + 1, column + 1))
                .unwrap_or_default();
            message.push_str(&format!("\n{place}{}", error.message));
            for hint in &error.hints {
                message.push_str(&format!("\n  help: {}", hint.v));
            }
        }
        anyhow!(message)
    }
}

#[cfg(test)]
mod tests {
    use typst::foundations::IntoValue;

    use super::*;

    const HEAD: &str = "#set document(title: [T])\n#set text(lang: \"en\")\n";

    fn sandbox(body: &str) -> Sandbox {
        let mut inputs = Dict::new();
        inputs.insert("path".into(), "/etc/passwd".into_value());
        Sandbox::new("test.typ", &format!("{HEAD}{body}"), inputs).expect("a sandbox")
    }

    #[test]
    fn every_file_request_is_refused_and_counted() {
        for body in [
            "#read(sys.inputs.path)",
            "#read(\"test.typ\")",
            "#import \"other.typ\": x",
            "#include \"/other.typ\"",
            "#image(\"/etc/passwd\")",
            "#json(\"/test.typ\")",
            "#import \"@preview/example:0.1.0\": *",
        ] {
            let world = sandbox(body);
            let error = match world.typeset("test") {
                Ok(_) => panic!("`{body}` typeset"),
                Err(e) => e.to_string(),
            };
            assert!(
                world.refused.load(Ordering::Relaxed) >= 1,
                "{body} was not refused: {error}"
            );
            assert!(error.contains("test.typ:3:"), "{body}: {error}");
        }
    }

    #[test]
    fn characters_no_font_shows_become_question_marks() {
        assert_eq!(displayable("Ελληνικά – “Café” £5"), "Ελληνικά – “Café” £5");
        assert_eq!(displayable("😀\u{fe0f} 中文"), "? ??");
    }

    #[test]
    fn a_plain_template_reads_nothing_and_has_no_date() {
        let world = sandbox("Hello");
        let pdf = world.typeset("test").expect("typeset");
        assert_eq!(world.refused.load(Ordering::Relaxed), 0);
        assert!(pdf.starts_with(b"%PDF-"));
        let error = sandbox("#datetime.today()")
            .typeset("test")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("test.typ:3:"), "{error}");
    }
}
