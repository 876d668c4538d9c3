//! `respond serve`: the preview answers with the pages `render` writes, drafts included,
//! shows the problems of a broken record and recovers when it is fixed, writes nothing into
//! the project, and says so when its port is taken. (The browser's reload is tested in a real
//! browser by `tests/serve/run.sh`.)

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Project, assert_snapshot, fixtures};

const DRAFT: &str = "2026-11-20-peel-2025-27";

/// A running preview, stopped when dropped.
struct Serving {
    child: Child,
    port: u16,
}

impl Serving {
    /// Starts `respond serve --port 0` in `project` and waits for the address it prints.
    fn start(project: &Project) -> Self {
        Self::start_with(project, None)
    }

    /// [`Serving::start`], with at most `files` files open at once when given (as `ulimit -n`
    /// sets it), to run out of them.
    fn start_with(project: &Project, files: Option<u32>) -> Self {
        let mut command = match files {
            None => Command::new(env!("CARGO_BIN_EXE_respond")),
            Some(files) => {
                let mut shell = Command::new("sh");
                shell.args([
                    "-c",
                    &format!("ulimit -n {files} && exec \"$0\" \"$@\""),
                    env!("CARGO_BIN_EXE_respond"),
                ]);
                shell
            }
        };
        let mut child = command
            .args(["serve", "--port", "0", "--today", "2026-12-02"])
            .current_dir(project.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("respond runs");
        let stderr = child.stderr.take().expect("its standard error");
        let mut lines = BufReader::new(stderr).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("respond serve prints its address")
                .expect("a line");
            if let Some(rest) = line.strip_prefix("previewing at http://127.0.0.1:") {
                break rest
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("a port");
            }
        };
        // The rest is read, so that respond never waits on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Self { child, port }
    }

    /// The status and body of a GET of `path`.
    fn get(&self, path: &str) -> (u16, String) {
        self.try_get(path).expect("a response")
    }

    /// The same, or the error of a connection the preview refused or closed.
    fn try_get(&self, path: &str) -> std::io::Result<(u16, String)> {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port))?;
        write!(
            stream,
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        let (head, body) = response.split_once("\r\n\r\n").expect("headers and a body");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        Ok((status, body.to_owned()))
    }

    /// The body of `path` once `ready` holds of it, within ten seconds. A connection refused
    /// or closed on the way counts as not yet: just after many connections close, the preview
    /// may still be at its bound and answer a new one 503 before it has read the request.
    #[track_caller]
    fn until(&self, path: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let body = match self.try_get(path) {
                Ok((_, body)) => body,
                Err(err) => format!("(no answer: {err})"),
            };
            if ready(&body) {
                return body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the preview never showed what was expected at {path}; it shows:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(feature = "pdf")]
/// A page as served without the live reload's script.
fn without_script(page: &str) -> String {
    let start = page
        .find("<script src=\"/_respond/live.js")
        .expect("the script");
    let end = start + page[start..].find("</script>\n").expect("its end") + "</script>\n".len();
    format!("{}{}", &page[..start], &page[end..])
}

fn with_a_draft() -> Project {
    let project = Project::seeds();
    let draft = std::fs::read_to_string(fixtures().join("../a11y/draft.yaml")).expect("a draft");
    project.write(&format!("data/inspections/{DRAFT}.yaml"), draft);
    project
}

#[cfg(feature = "pdf")] // it writes PDFs
#[test]
fn the_preview_serves_the_pages_render_writes_and_writes_nothing() {
    let project = with_a_draft();
    let rendered = with_a_draft();
    let render = rendered.run(&["render", "--today", "2026-12-02"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    let serving = Serving::start(&project);
    for (path, file) in [
        ("/", "out/index.html"),
        (
            "/2023-08-25-race-and-policing.html",
            "out/2023-08-25-race-and-policing.html",
        ),
        ("/drafts/", "drafts/index.html"),
        (
            &format!("/drafts/{DRAFT}.html"),
            &format!("drafts/{DRAFT}.html"),
        ),
    ] {
        let (status, page) = serving.get(path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(without_script(&page), rendered.read(file), "{path}");
    }
    assert_eq!(serving.get("/feed.xml").1, rendered.read("out/feed.xml"));
    assert_eq!(serving.get(&format!("/{DRAFT}.html")).0, 404);
    drop(serving);
    for folder in ["out", "drafts", "schemas", "templates"] {
        assert!(
            !project.path(folder).exists(),
            "respond serve made {folder}/"
        );
    }
}

#[test]
fn a_broken_record_shows_its_problems_until_it_is_fixed() {
    let project = with_a_draft();
    let record = format!("data/inspections/{DRAFT}.yaml");
    let good = project.read(&record);
    let serving = Serving::start(&project);
    let title = "PEEL 2025–27: an inspection of Cumbria Constabulary";
    assert!(serving.get("/drafts/").1.contains(title));

    project.write(
        &record,
        good.replace("published: 2026-11-20", "published: 2026-13-20"),
    );
    let page = serving.until("/drafts/", |page| page.contains("Problems in the records"));
    assert!(
        page.contains(&format!("--&gt; data/inspections/{DRAFT}.yaml:4:12")),
        "{page}"
    );
    assert!(
        page.contains("checked 6 records: 1 error and 19 warnings in 4 files"),
        "{page}"
    );

    project.write(
        &record,
        good.replace(title, "PEEL 2025–27: Cumbria, as revised"),
    );
    serving.until("/drafts/", |page| {
        page.contains("PEEL 2025–27: Cumbria, as revised")
    });
}

#[test]
fn a_port_in_use_is_an_error_that_says_what_to_do() {
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a port");
    let port = taken.local_addr().expect("its address").port().to_string();
    let output = Project::seeds().run(&["serve", "--port", &port]);
    let transcript = output
        .transcript()
        .replace(&format!("port {port} on"), "port [PORT] on");
    assert_snapshot(&fixtures().join("serve/port-in-use.txt"), &transcript);
}

#[test]
fn a_template_made_while_serving_is_watched_and_a_broken_one_shown() {
    let project = with_a_draft();
    let serving = Serving::start(&project);
    let base = crate::support::fixtures().join("../../templates/base.html");
    let base = std::fs::read_to_string(base).expect("the default base.html");

    // templates/ did not exist when the preview started.
    project.write(
        "templates/base.html",
        base.replace("<body>", "<body class=\"edited\">"),
    );
    serving.until("/", |page| page.contains("<body class=\"edited\">"));

    project.write("templates/base.html", base.replace("{% endif %}", ""));
    let page = serving.until("/", |page| page.contains("An error stops the preview"));
    assert!(page.contains("until this error is fixed"), "{page}");
    assert!(page.contains("base.html"), "{page}");

    project.write("templates/base.html", &base);
    serving.until("/", |page| page.contains("<body>\n<a class=\"skip-link\""));
}

/// The most memory the process `pid` has held, in kB (Linux).
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("its status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .expect("its peak memory")
}

/// A client sending a header line that never ends has its connection closed once the line
/// passes a bound, and the preview neither grows in memory nor stops answering others.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_header_is_cut_off_and_the_preview_goes_on() {
    let project = with_a_draft();
    let serving = Serving::start(&project);
    assert_eq!(serving.get("/").0, 200);
    let before = peak_memory(serving.child.id());
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, serving.port)).expect("connects");
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Endless: ",
        serving.port
    )
    .expect("a request");
    // 64 MiB at most: far past any bound, and the test ends even if none is kept.
    let piece = vec![b'a'; 64 << 10];
    let sent = (0..1024)
        .take_while(|_| stream.write_all(&piece).is_ok())
        .count();
    assert!(
        sent < 1024,
        "the preview read 64 MiB of one header line without closing the connection"
    );
    drop(stream);
    let grown = peak_memory(serving.child.id()).saturating_sub(before);
    assert!(grown < 16 << 10, "the preview grew by {grown} kB");
    assert_eq!(serving.get("/").0, 200, "another client is still answered");
}

/// Many connections that send nothing neither stop the preview nor keep it from answering
/// once they are gone: past the connections it serves at once, one is told to try again
/// (503), and a connection it has no file for waits until it has.
#[cfg(unix)]
#[test]
fn many_idle_connections_do_not_stop_the_preview() {
    let project = with_a_draft();
    let mut serving = Serving::start_with(&project, Some(256));
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect((Ipv4Addr::LOCALHOST, serving.port)).ok())
        .collect();
    assert!(
        idle.len() > 100,
        "only {} connections could be made",
        idle.len()
    );
    // The last ones are past the bound: told so at once, and closed.
    let mut last = idle.last().expect("a connection");
    last.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("a timeout");
    let mut reply = String::new();
    let _ = last.read_to_string(&mut reply);
    assert!(
        reply.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{reply:?}"
    );
    assert!(
        serving.child.try_wait().expect("its status").is_none(),
        "the preview stopped"
    );
    drop(idle);
    serving.until("/", |page| page.contains("<body"));
    assert!(serving.child.try_wait().expect("its status").is_none());
}
