//! A real SMTP server for the tests: aiosmtpd (PyPI, installed by `scripts/smtp.sh`) run
//! as a child process, writing what it receives into a maildir the tests read. Its
//! python comes from `KOMMUNE_TEST_SMTPD`, else the venv the script makes; without one
//! the tests that need it are skipped, except under CI, where they fail.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running test SMTP server and its mailbox.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The `List-Unsubscribe` and `List-Unsubscribe-Post` headers, empty without them.
    pub list_unsubscribe: String,
    pub list_unsubscribe_post: String,
    /// Each attached part: its content type and its text.
    pub attachments: Vec<(String, String)>,
}

fn python() -> Option<PathBuf> {
    let given = std::env::var_os("KOMMUNE_TEST_SMTPD").map(PathBuf::from);
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let cached = home.map(|h| h.join(".cache/kommune/aiosmtpd-venv/bin/python"));
    given.or(cached).filter(|p| p.is_file())
}

impl SmtpServer {
    /// Starts a server on a free port; none (with a note) when aiosmtpd is not installed
    /// outside CI.
    pub fn start() -> Option<SmtpServer> {
        let Some(python) = python() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "the test SMTP server is needed under CI (scripts/smtp.sh installs it)"
            );
            eprintln!("skipping: no test SMTP server (run scripts/smtp.sh)");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let server = SmtpServer { child, port, dir };
        let until = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < until, "aiosmtpd did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(server)
    }

    /// Where kommune sends to.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        let new = self.dir.path().join("box/new");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&new)
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files.iter().map(|p| read(p)).collect()
    }

    /// The messages received for `address`.
    pub fn to(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.to == address)
            .collect()
    }
}

fn read(path: &Path) -> Received {
    let raw = std::fs::read(path).unwrap();
    let parsed = mailparse::parse_mail(&raw).unwrap();
    let header = |name: &str| {
        use mailparse::MailHeaderMap;
        parsed.headers.get_first_value(name).unwrap_or_default()
    };
    // A mail with attachments: the text is its first part, the rest are attached.
    let (body, attachments) = if parsed.subparts.is_empty() {
        (parsed.get_body().unwrap(), Vec::new())
    } else {
        let text = parsed.subparts[0].get_body().unwrap();
        let attached = parsed.subparts[1..]
            .iter()
            .map(|p| (p.ctype.mimetype.clone(), p.get_body().unwrap()))
            .collect();
        (text, attached)
    };
    Received {
        to: header("X-RcptTo"),
        subject: header("Subject"),
        body,
        attachments,
        list_unsubscribe: header("List-Unsubscribe"),
        list_unsubscribe_post: header("List-Unsubscribe-Post"),
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
