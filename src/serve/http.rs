//! The preview's HTTP server, on the standard library alone: one request a connection
//! (`Connection: close`), `GET` and `HEAD` of a file, and the live reload's event stream.
//!
//! It is bounded so that one client on this computer, careless or hostile, cannot stop it:
//! a request's head (its first line and headers) is read up to [`MAX_HEAD`] bytes and within
//! [`HEAD_TIME`], or the connection is answered 431 or closed; at most [`MAX_CONNECTIONS`]
//! connections are served at once, and one past them is answered 503 at once and closed; a
//! thread that cannot be made closes its connection; a connection that cannot be accepted
//! (no file descriptor left) is tried again shortly. Nothing here panics. tiny_http, used
//! before, did none of this (DESIGN.md).

use std::io::{self, BufRead, BufReader, Read as _, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The most bytes of a request's head read: far more than a browser sends (a few hundred).
pub(crate) const MAX_HEAD: usize = 16 << 10;

/// How long a client has to send a request's head.
pub(crate) const HEAD_TIME: Duration = Duration::from_secs(10);

/// How many connections are served at once: a browser opens six to a host, and each page
/// open holds one for its live reload.
pub(crate) const MAX_CONNECTIONS: usize = 64;

/// How long a reply may take to be taken by the client before the connection is dropped.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// A request's head, as far as the preview reads it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Request {
    /// `GET`, `HEAD`, …
    pub(crate) method: String,
    /// The address asked for: its path and query.
    pub(crate) target: String,
    /// The `Host` header, if any.
    pub(crate) host: Option<String>,
}

/// Why a request's head could not be read.
#[derive(Debug)]
pub(crate) enum HeadError {
    /// Longer than [`MAX_HEAD`].
    TooLarge,
    /// Not an HTTP request.
    Malformed,
    /// The connection failed, closed, or was too slow.
    Ended,
}

/// Reads a request's head from `reader`, never more than [`MAX_HEAD`] bytes of it.
pub(crate) fn read_head(reader: &mut impl BufRead) -> Result<Request, HeadError> {
    let mut limited = reader.take(MAX_HEAD as u64);
    let mut lines = Vec::new();
    loop {
        let mut line = Vec::new();
        limited
            .read_until(b'\n', &mut line)
            .map_err(|_| HeadError::Ended)?;
        if !line.ends_with(b"\n") {
            return Err(if limited.limit() == 0 {
                HeadError::TooLarge
            } else {
                HeadError::Ended
            });
        }
        let line = String::from_utf8(line).map_err(|_| HeadError::Malformed)?;
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        if line.is_empty() {
            if lines.is_empty() {
                // Empty lines before a request are allowed (RFC 9112, 2.2).
                continue;
            }
            break;
        }
        lines.push(line);
    }
    let mut first = lines[0].split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (first.next(), first.next(), first.next(), first.next())
    else {
        return Err(HeadError::Malformed);
    };
    if method.is_empty() || !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Err(HeadError::Malformed);
    }
    let mut host = None;
    for header in &lines[1..] {
        let Some((name, value)) = header.split_once(':') else {
            return Err(HeadError::Malformed);
        };
        if name.eq_ignore_ascii_case("host") {
            host = Some(value.trim().to_owned());
        }
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        host,
    })
}

/// The reason phrase of a status.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes a whole reply: `status`, `headers`, and `body` (left out for a `HEAD` request,
/// `head_only`, its length still given).
pub(crate) fn reply(
    writer: &mut impl Write,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    writer.write_all(head.as_bytes())?;
    if !head_only {
        writer.write_all(body)?;
    }
    writer.flush()
}

/// A short reply of the server's own (a refusal), in plain text.
fn refuse(stream: &mut TcpStream, status: u16, text: &str) {
    let headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Retry-After", "1"),
    ];
    // The client may be gone: nothing to do then.
    let _ = reply(stream, status, &headers, text.as_bytes(), false);
}

/// Counts one connection served for as long as it lives.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    /// A slot, if fewer than [`MAX_CONNECTIONS`] are taken.
    fn take(taken: &Arc<AtomicUsize>) -> Option<Self> {
        taken
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_CONNECTIONS).then_some(n + 1)
            })
            .ok()
            .map(|_| Self(Arc::clone(taken)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Accepts connections on `listener` until the process is stopped, each served on a thread of
/// its own by `answer`, given the request read and the connection to reply on.
pub(crate) fn serve<F>(listener: &TcpListener, answer: F)
where
    F: Fn(Request, TcpStream) + Send + Sync + 'static,
{
    let answer = Arc::new(answer);
    let taken = Arc::new(AtomicUsize::new(0));
    loop {
        let mut stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(_) => {
                // No file descriptor left, or the connection went before it was taken: it
                // waits in the queue, and is tried again once a connection has ended.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let _ = stream.set_write_timeout(Some(WRITE_TIME));
        let Some(slot) = Slot::take(&taken) else {
            refuse(
                &mut stream,
                503,
                "The preview is busy: too many connections are open. Try again.\n",
            );
            continue;
        };
        let answer = Arc::clone(&answer);
        // A thread that cannot be made drops the connection (and its slot): no panic.
        let _ = std::thread::Builder::new()
            .name("respond preview".to_owned())
            .spawn(move || {
                let _slot = slot;
                connection(stream, &*answer);
            });
    }
}

/// Serves one connection: reads its request's head, bounded in size and time, then answers.
fn connection(mut stream: TcpStream, answer: &(dyn Fn(Request, TcpStream) + Send + Sync)) {
    let head = {
        let deadline = Instant::now() + HEAD_TIME;
        let mut reader = BufReader::with_capacity(
            1024,
            Deadline {
                stream: &stream,
                deadline,
            },
        );
        read_head(&mut reader)
    };
    match head {
        Ok(request) => {
            let _ = stream.set_read_timeout(None);
            answer(request, stream);
        }
        Err(HeadError::TooLarge) => {
            refuse(&mut stream, 431, "The request's headers are too large.\n");
        }
        Err(HeadError::Malformed) => refuse(
            &mut stream,
            400,
            "This is not a request the preview understands.\n",
        ),
        Err(HeadError::Ended) => {}
    }
}

/// A connection read until a deadline: each read waits only for the time left.
struct Deadline<'s> {
    stream: &'s TcpStream,
    deadline: Instant,
}

impl io::Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bytes: &[u8]) -> Result<Request, HeadError> {
        read_head(&mut io::BufReader::new(bytes))
    }

    #[test]
    fn a_request_s_method_address_and_host_are_read() {
        let request = head(
            b"\r\nGET /a.html?x=1 HTTP/1.1\r\nHOST: localhost:5656\r\nAccept: */*\r\n\r\nbody",
        )
        .expect("a request");
        assert_eq!(
            request,
            Request {
                method: "GET".into(),
                target: "/a.html?x=1".into(),
                host: Some("localhost:5656".into()),
            }
        );
        assert_eq!(
            head(b"GET / HTTP/1.0\n\n").expect("bare line feeds").host,
            None
        );
    }

    #[test]
    fn a_head_past_its_bound_is_refused_without_reading_on() {
        let mut endless = io::BufReader::new(b"GET / HTTP/1.1\r\nX: ".chain(io::repeat(b'a')));
        assert!(matches!(read_head(&mut endless), Err(HeadError::TooLarge)));
        // Many short lines count as much as one long one.
        let many = b"GET / HTTP/1.1\r\n"
            .iter()
            .copied()
            .chain(std::iter::repeat_n(*b"X: a\r\n", MAX_HEAD).flatten());
        let many: Vec<u8> = many.collect();
        assert!(matches!(head(&many), Err(HeadError::TooLarge)));
    }

    #[test]
    fn what_is_not_a_request_is_malformed_or_ended() {
        for bytes in [
            &b"GET\r\n\r\n"[..],
            b"GET / HTTP/1.1 extra\r\n\r\n",
            b"GET http://x/ HTTP/1.1\r\n\r\n",
            b"GET / SPDY/3\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n",
        ] {
            assert!(
                matches!(head(bytes), Err(HeadError::Malformed)),
                "{bytes:?}"
            );
        }
        assert!(matches!(
            head(b"GET / HTTP/1.1\r\nHost: a"),
            Err(HeadError::Ended)
        ));
        assert!(matches!(head(b""), Err(HeadError::Ended)));
    }

    #[test]
    fn a_reply_says_its_length_and_a_head_leaves_out_the_body() {
        let mut out = Vec::new();
        reply(
            &mut out,
            404,
            &[("Content-Type", "text/plain")],
            b"none",
            false,
        )
        .expect("written");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnone"
        );
        let mut out = Vec::new();
        reply(&mut out, 200, &[], b"page", true).expect("written");
        assert!(out.ends_with(b"Content-Length: 4\r\nConnection: close\r\n\r\n"));
    }

    #[test]
    fn connections_past_the_bound_get_no_slot_until_one_ends() {
        let taken = Arc::new(AtomicUsize::new(0));
        let slots: Vec<Slot> = (0..MAX_CONNECTIONS)
            .map(|_| Slot::take(&taken).expect("a slot"))
            .collect();
        assert!(Slot::take(&taken).is_none());
        drop(slots);
        assert!(Slot::take(&taken).is_some());
    }
}
