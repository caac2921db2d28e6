//! The pages in a real browser: headless Chromium driven over WebDriver (fantoccini and
//! Debian's chromedriver, started here on a free port), on a phone (390 × 844, mobile
//! emulation) and a desktop (1280 × 800). Every page visited is checked by axe-core against
//! WCAG 2.0 and 2.1, levels A and AA: a violation of impact "serious" or "critical" fails
//! the test, the lesser ones are printed. So does a page wider than the window (1.4.10
//! Reflow, which axe does not check). Each step leaves a screenshot in `target/screenshots/`
//! of the workspace, `<viewport>-<test>-NN-<step>.png`.
//!
//! - [`pages`]: signing in with the keyboard alone, the sign-in page's error, each role's
//!   landing page, the not-found page.
//! - [`journey`]: a task from the company's request to the invoice's PDF, through every
//!   role's pages.
//! - [`route`]: the driver's route sheet on a phone, stop by stop.
//!
//! `scripts/browser.sh` installs Chromium, ChromeDriver and axe-core and `scripts/test`
//! passes axe's path in `KOMMUNE_AXE_JS`. Without them the tests print why and pass, except
//! under CI (`CI` set), where a missing tool fails them.

mod journey;
mod pages;
mod route;
mod waste_day;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A window the pages are seen in.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    /// A phone: Chromium's mobile emulation (touch, mobile user agent).
    pub mobile: bool,
}

pub const PHONE: Viewport = Viewport {
    name: "phone",
    width: 390,
    height: 844,
    mobile: true,
};

pub const DESKTOP: Viewport = Viewport {
    name: "desktop",
    width: 1280,
    height: 800,
    mobile: false,
};

/// The axe-core rule tags every page is held to.
const WCAG: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// One browser test at a time: each runs its own Chromium, and the machine has two cores
/// shared with the rest of the suite.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn workspace() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// What the browser tests need from outside the repository.
struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
    axe: PathBuf,
}

/// Chromium, ChromeDriver and axe.min.js, or `None` (with a note) when one is missing —
/// under CI a missing one fails the test, since `scripts/test` installs them.
fn tools() -> Option<Tools> {
    let path =
        |var: &str, default: PathBuf| std::env::var_os(var).map(PathBuf::from).unwrap_or(default);
    let tools = Tools {
        chromium: path("KOMMUNE_CHROMIUM", "/usr/bin/chromium".into()),
        chromedriver: path("KOMMUNE_CHROMEDRIVER", "/usr/bin/chromedriver".into()),
        // Where `scripts/node.sh` installs the locked Node tools.
        axe: path(
            "KOMMUNE_AXE_JS",
            workspace().join("tests/node/node_modules/axe-core/axe.min.js"),
        ),
    };
    for (what, file) in [
        ("Chromium", &tools.chromium),
        ("ChromeDriver", &tools.chromedriver),
        ("axe-core", &tools.axe),
    ] {
        if !file.is_file() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{what} is needed under CI (scripts/browser.sh installs it): {} is missing",
                file.display()
            );
            eprintln!(
                "skipping the browser test: {what} is missing at {} (run scripts/browser.sh)",
                file.display()
            );
            return None;
        }
    }
    Some(tools)
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A chromedriver process of our own, shut down (with its browsers) when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(chromedriver: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", chromedriver.display()));
        let driver = Driver { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // chromedriver's own /shutdown ends its sessions' browsers too; a kill would not.
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let request = format!(
                "GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                self.port
            );
            if stream.write_all(request.as_bytes()).is_ok() {
                let _ = stream.read_to_end(&mut Vec::new());
            }
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One headless Chromium on one viewport, with the app it tests, axe's source, and the
/// findings so far.
pub struct Browser {
    pub client: Client,
    pub viewport: Viewport,
    base: String,
    axe: String,
    /// Screenshot names: `<viewport>-<name>-NN-<step>.png`.
    name: String,
    step: u32,
    /// Serious and critical axe violations, one text per step that had any.
    findings: Vec<String>,
    shots: PathBuf,
    // Dropped in this order: chromedriver ends Chromium, then its profile goes, then the
    // next browser test may start.
    _driver: Driver,
    _profile: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl Browser {
    /// Starts Chromium on `viewport` against the app at `base`; `None` when the tools are
    /// missing outside CI.
    pub async fn open(base: &str, viewport: Viewport, name: &str) -> Option<Browser> {
        let tools = tools()?;
        let turn = TURN.lock().await;
        let axe = std::fs::read_to_string(&tools.axe)
            .unwrap_or_else(|e| panic!("reading {}: {e}", tools.axe.display()));
        let driver = Driver::start(&tools.chromedriver);
        let profile = tempfile::tempdir().expect("a profile directory");
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            "--lang=da-DK".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut options = json!({
            "binary": tools.chromium,
            "prefs": {"intl.accept_languages": "da-DK,da"},
        });
        if viewport.mobile {
            options["mobileEmulation"] = json!({
                "deviceMetrics": {
                    "width": viewport.width,
                    "height": viewport.height,
                    "pixelRatio": 2.0,
                    "mobile": true,
                    "touch": true,
                },
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 \
                    (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
            });
        } else {
            args.push(format!(
                "--window-size={},{}",
                viewport.width, viewport.height
            ));
        }
        options["args"] = json!(args);
        let mut capabilities = Capabilities::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| panic!("Chromium did not start through chromedriver: {e}"));
        client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(60)),
                Some(Duration::from_secs(60)),
                Some(Duration::ZERO),
            ))
            .await
            .expect("timeouts");
        let shots = workspace().join("target/screenshots");
        std::fs::create_dir_all(&shots).expect("target/screenshots");
        // This test's screenshots from an earlier run would mislead.
        let own = format!("{}-{name}-", viewport.name);
        for old in std::fs::read_dir(&shots).into_iter().flatten().flatten() {
            if old.file_name().to_string_lossy().starts_with(&own) {
                let _ = std::fs::remove_file(old.path());
            }
        }
        let mut browser = Browser {
            client,
            viewport,
            base: base.to_string(),
            axe,
            name: name.to_string(),
            step: 0,
            findings: Vec::new(),
            shots,
            _driver: driver,
            _profile: profile,
            _turn: turn,
        };
        browser.fit_window().await;
        Some(browser)
    }

    /// Makes the page's viewport the chosen size (a desktop window has no chrome in
    /// headless mode, but check rather than trust it).
    async fn fit_window(&mut self) {
        self.goto("/sign-in").await;
        let (w, h) = self.inner_size().await;
        if !self.viewport.mobile && (w, h) != (self.viewport.width, self.viewport.height) {
            let (outer_w, outer_h) = self.client.get_window_size().await.expect("window size");
            let width = outer_w as i64 + i64::from(self.viewport.width) - i64::from(w);
            let height = outer_h as i64 + i64::from(self.viewport.height) - i64::from(h);
            self.client
                .set_window_size(width.max(1) as u32, height.max(1) as u32)
                .await
                .expect("set window size");
        }
        let size = self.inner_size().await;
        assert_eq!(
            size,
            (self.viewport.width, self.viewport.height),
            "the {} viewport",
            self.viewport.name
        );
    }

    async fn inner_size(&self) -> (u32, u32) {
        let size = self
            .js("return [window.innerWidth, window.innerHeight];", vec![])
            .await;
        (
            size[0].as_u64().unwrap_or(0) as u32,
            size[1].as_u64().unwrap_or(0) as u32,
        )
    }

    /// Runs a script in the page.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs a script that answers through its last argument, the callback.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("opening {path}: {e}"));
    }

    /// The path (and query) of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("the current URL");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// The HTTP status the page shown was answered with (after redirects).
    pub async fn status(&self) -> u64 {
        self.js(
            "const n = performance.getEntriesByType('navigation')[0]; \
             return n ? n.responseStatus : 0;",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0)
    }

    /// The page's first heading.
    pub async fn heading(&self) -> String {
        self.js(
            "const h = document.querySelector('h1'); return h ? h.innerText.trim() : '';",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// The page's text, for checks and messages.
    pub async fn text(&self) -> String {
        self.js(
            "return document.body ? document.body.innerText : '';",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Stops the test at `step`, with a screenshot of where it stopped and the axe
    /// findings so far.
    pub async fn fail(&mut self, step: &str, why: impl std::fmt::Display) -> ! {
        let shot = self.screenshot(&format!("{step}-FAILED")).await;
        let page = self.path().await;
        let text: String = self.text().await.chars().take(600).collect();
        let mut message = format!(
            "[{} {}] step \"{step}\" failed on {page}: {why}\n  screenshot: {}\n  the page says: {text}",
            self.viewport.name,
            self.name,
            shot.display()
        );
        if !self.findings.is_empty() {
            message.push_str("\n\nfound before this (axe, reflow):\n");
            message.push_str(&self.findings.join("\n"));
        }
        panic!("{message}");
    }

    /// Opens `path` and stops the test, naming `step`, unless it answers 200.
    pub async fn open_page(&mut self, step: &str, path: &str) {
        self.goto(path).await;
        self.expect_ok(step, path).await;
    }

    /// Stops the test unless the page shown answered 200 (a role's page that does not
    /// exist yet answers 404).
    pub async fn expect_ok(&mut self, step: &str, what: &str) {
        let status = self.status().await;
        if status != 200 {
            let heading = self.heading().await;
            let why = if status == 404 {
                format!("{what} answered 404 \"{heading}\": the page is not there (yet)")
            } else {
                format!("{what} answered {status} \"{heading}\"")
            };
            self.fail(step, why).await;
        }
    }

    /// A screenshot of the viewport, `target/screenshots/<viewport>-<name>-NN-<step>.png`.
    async fn screenshot(&mut self, step: &str) -> PathBuf {
        self.step += 1;
        let slug: String = step
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let file = self.shots.join(format!(
            "{}-{}-{:02}-{slug}.png",
            self.viewport.name, self.name, self.step
        ));
        match self.client.screenshot().await {
            Ok(png) => std::fs::write(&file, png).expect("writing a screenshot"),
            Err(e) => eprintln!("no screenshot of {step}: {e}"),
        }
        file
    }

    /// One step of a test: a screenshot, and axe's check of the page as it is now.
    pub async fn check(&mut self, step: &str) {
        self.screenshot(step).await;
        let page = self.path().await;
        let violations = self.axe().await;
        let mut serious = Vec::new();
        for v in violations.as_array().into_iter().flatten() {
            let impact = v["impact"].as_str().unwrap_or("none");
            let nodes: Vec<String> = v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    format!(
                        "      {} {}",
                        n["target"].as_str().unwrap_or_default(),
                        n["html"].as_str().unwrap_or_default()
                    )
                })
                .collect();
            let line = format!(
                "  {impact} {}: {}\n{}",
                v["id"].as_str().unwrap_or_default(),
                v["help"].as_str().unwrap_or_default(),
                nodes.join("\n")
            );
            if matches!(impact, "serious" | "critical") {
                serious.push(line);
            } else {
                eprintln!(
                    "axe (not failing) [{} {}] {step} {page}:\n{line}",
                    self.viewport.name, self.name
                );
            }
        }
        if let Some(wide) = self.too_wide().await {
            serious.push(wide);
        }
        if !serious.is_empty() {
            let finding = format!(
                "[{} {}] step \"{step}\" on {page}:\n{}",
                self.viewport.name,
                self.name,
                serious.join("\n")
            );
            eprintln!("finding: {finding}");
            self.findings.push(finding);
        }
    }

    /// The serious and critical findings so far, which then no longer fail the test.
    pub fn take_findings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.findings)
    }

    /// Whether the page is wider than the window, so that a phone shows it zoomed out or
    /// scrolls it sideways (WCAG 2.1 1.4.10 Reflow, which axe does not test): the text of a
    /// finding, naming what sticks out, or `None`. Content that scrolls inside its own
    /// region is fine; what escapes it (an absolutely positioned element whose containing
    /// block is outside the region) is not.
    async fn too_wide(&self) -> Option<String> {
        let v = self
            .js(
                "const d = document.documentElement;
                 if (d.scrollWidth <= d.clientWidth) return null;
                 const clipped = e => {
                   for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                     if (getComputedStyle(p).overflowX !== 'visible') return true;
                   }
                   return false;
                 };
                 const out = [];
                 for (const e of document.body.querySelectorAll('*')) {
                   const r = e.getBoundingClientRect();
                   const free = getComputedStyle(e).position === 'absolute' || !clipped(e);
                   if (r.right > d.clientWidth + 1 && free) {
                     out.push(e.outerHTML.slice(0, 120) + ' (right edge at ' + Math.round(r.right) + ' px)');
                   }
                 }
                 return {scroll: d.scrollWidth, client: d.clientWidth, out: out.slice(0, 6)};",
                vec![],
            )
            .await;
        if v.is_null() {
            return None;
        }
        let parts: Vec<String> = v["out"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| format!("      {}", o.as_str().unwrap_or_default()))
            .collect();
        Some(format!(
            "  reflow: the page is {} px wide in a {} px window (WCAG 1.4.10); sticking out:\n{}",
            v["scroll"],
            v["client"],
            parts.join("\n")
        ))
    }

    /// axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page shown.
    async fn axe(&self) -> Value {
        let loaded = self
            .js(
                "return typeof window.axe === 'object' && typeof window.axe.run === 'function';",
                vec![],
            )
            .await;
        if loaded != json!(true) {
            self.js(&format!("{}\n;return true;", self.axe), vec![])
                .await;
        }
        let result = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
                                    resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({
                       id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.map(n => ({
                           target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(', '),
                           html: n.html,
                       })),
                   }))))
                   .catch(e => done({error: String(e)}));",
                vec![json!(WCAG)],
            )
            .await;
        assert!(
            result.is_array(),
            "axe did not run on {}: {result}",
            self.path().await
        );
        result
    }

    /// Ends the test: the browser closes, and any serious or critical axe finding fails it.
    pub async fn finish(self) {
        let findings = self.findings.clone();
        let label = format!("{} {}", self.viewport.name, self.name);
        let _ = self.client.clone().close().await;
        drop(self);
        assert!(
            findings.is_empty(),
            "[{label}] serious or critical WCAG violations (axe) or a page wider than the window:\n{}",
            findings.join("\n")
        );
    }

    /// Signs in through the form, as a person with a mouse or a finger would.
    pub async fn sign_in(&mut self, email: &str, password: &str) {
        self.goto("/sign-in").await;
        self.type_into("#email", email).await;
        self.type_into("#password", password).await;
        self.click("form[action='/sign-in'] button[type='submit']")
            .await;
        if self.path().await.starts_with("/sign-in") {
            self.fail("sign in", format!("{email} was not signed in"))
                .await;
        }
    }

    /// Signs out with the layout's button.
    pub async fn sign_out(&mut self) {
        self.click("form.sign-out button[type='submit']").await;
        let path = self.path().await;
        if !path.starts_with("/sign-in") {
            self.fail("sign out", format!("signing out led to {path}"))
                .await;
        }
    }

    /// Every other page in the signed-in role's menu, reached by its link: each must answer
    /// 200 and is a step, named `<prefix><path>`.
    pub async fn tour(&mut self, prefix: &str) {
        let here = self.path().await;
        let links = self
            .js(
                "return Array.from(document.querySelectorAll('header nav a'))
                   .map(a => a.getAttribute('href'));",
                vec![],
            )
            .await;
        let links: Vec<String> = links
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l.as_str().map(str::to_string))
            .filter(|l| *l != here)
            .collect();
        for href in links {
            let step = format!("{prefix}{}", href.trim_start_matches('/'));
            self.click(&format!("header nav a[href='{href}']")).await;
            self.expect_ok(&step, &href).await;
            self.check(&step).await;
        }
    }

    /// Clears a field and types `text` into it.
    pub async fn type_into(&mut self, css: &str, text: &str) {
        let field = match self.client.find(Locator::Css(css)).await {
            Ok(field) => field,
            Err(e) => self.fail("find a field", format!("no {css}: {e}")).await,
        };
        field.clear().await.expect("clearing a field");
        field.send_keys(text).await.expect("typing");
    }

    /// Clicks the element `css` (a link or a form's button) and waits for the page it
    /// leads to: a new document, loaded.
    pub async fn click(&mut self, css: &str) {
        let element = match self.client.find(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => {
                self.fail("click", format!("nothing matches {css}: {e}"))
                    .await
            }
        };
        let reference = serde_json::to_value(&element).expect("an element reference");
        self.js(
            "arguments[0].scrollIntoView({block: 'center'}); window.kommuneOldPage = true;",
            vec![reference],
        )
        .await;
        // On a page wider than the window (a finding of its own) a phone shows it zoomed
        // out and chromedriver's click misses: press Enter on the element instead.
        let zoomed = self
            .js(
                "const d = document.documentElement; return d.scrollWidth > d.clientWidth;",
                vec![],
            )
            .await
            == json!(true);
        let pressed = if zoomed {
            element.send_keys(&Key::Enter).await
        } else {
            element.click().await
        };
        pressed.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
        self.arrive(&format!("clicking {css}")).await;
    }

    /// Ticks the checkbox `css` with a click, as a person would; it loads no new page.
    pub async fn tick(&mut self, css: &str) {
        let element = match self.client.find(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => {
                self.fail("tick", format!("nothing matches {css}: {e}"))
                    .await
            }
        };
        let reference = serde_json::to_value(&element).expect("an element reference");
        self.js(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![reference],
        )
        .await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("ticking {css}: {e}"));
        let ticked = self
            .js(
                "return document.querySelector(arguments[0]).checked;",
                vec![json!(css)],
            )
            .await;
        if ticked != json!(true) {
            self.fail("tick", format!("clicking {css} left it unticked"))
                .await;
        }
    }

    /// Waits for the new page that `what` (a click, a key) leads to, loaded: the old page
    /// was marked `kommuneOldPage`, and a new document has no mark.
    async fn arrive(&mut self, what: &str) {
        let started = Instant::now();
        loop {
            let state = self
                .client
                .execute(
                    "return window.kommuneOldPage ? 'old' : document.readyState;",
                    vec![],
                )
                .await;
            // A script run while the page changes may fail: ask again.
            if matches!(state, Ok(Value::String(ref s)) if s == "complete") {
                return;
            }
            if started.elapsed() > Duration::from_secs(30) {
                self.fail(
                    "wait for the next page",
                    format!("{what} led to no new page in 30 s"),
                )
                .await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sets a form field by its name within `form` (a CSS selector): a select by the
    /// option's value or, failing that, its text; a date or time input by its value (their
    /// typed format depends on the browser's locale); any other by typing.
    pub async fn fill(&mut self, form: &str, name: &str, value: &str) {
        let css = format!("{form} [name='{name}']");
        let kind = self
            .js(
                "const e = document.querySelector(arguments[0]);
                 return e ? (e.tagName === 'SELECT' ? 'select' : (e.type || 'text')) : null;",
                vec![json!(css)],
            )
            .await;
        match kind.as_str() {
            None => {
                self.fail("fill a form", format!("the form has no field {css}"))
                    .await
            }
            Some("select") => {
                let chosen = self
                    .js(
                        "const s = document.querySelector(arguments[0]);
                         const want = arguments[1];
                         const all = Array.from(s.options);
                         const o = all.find(o => o.value === want)
                                || all.find(o => o.text.includes(want));
                         if (!o) return all.map(o => o.value + ' ' + o.text);
                         s.value = o.value;
                         s.dispatchEvent(new Event('change', {bubbles: true}));
                         return true;",
                        vec![json!(css), json!(value)],
                    )
                    .await;
                if chosen != json!(true) {
                    self.fail(
                        "fill a form",
                        format!("{css} has no option {value:?}; it has {chosen}"),
                    )
                    .await;
                }
            }
            Some("date" | "time" | "month" | "week" | "datetime-local") => {
                self.js(
                    "const e = document.querySelector(arguments[0]);
                     e.value = arguments[1];
                     e.dispatchEvent(new Event('input', {bubbles: true}));
                     e.dispatchEvent(new Event('change', {bubbles: true}));",
                    vec![json!(css), json!(value)],
                )
                .await;
            }
            Some(_) => self.type_into(&css, value).await,
        }
    }

    /// Whether the page shown has an element matching `css`.
    pub async fn has(&self, css: &str) -> bool {
        self.js(
            "return document.querySelector(arguments[0]) !== null;",
            vec![json!(css)],
        )
        .await
            == json!(true)
    }

    /// Submits the form `form` (a CSS selector) with its button `button` (within the form;
    /// its first submit button when `None`), then stops the test, naming `step`, unless the
    /// answer is a page of status 200 without an error summary.
    pub async fn submit(&mut self, step: &str, form: &str, button: Option<&str>) {
        if !self.has(form).await {
            let forms = self
                .js(
                    "return Array.from(document.forms).map(f => f.method + ' ' + f.getAttribute('action'));",
                    vec![],
                )
                .await;
            self.fail(
                step,
                format!("the page has no form {form} (its forms: {forms})"),
            )
            .await;
        }
        let css = match button {
            Some(b) => format!("{form} {b}"),
            None => format!("{form} [type='submit']"),
        };
        if !self.has(&css).await {
            self.fail(step, format!("the form has no button {css}"))
                .await;
        }
        self.click(&css).await;
        self.expect_ok(step, &format!("submitting {form}")).await;
        if let Some(errors) = self.error_summary().await {
            self.fail(step, format!("the form was refused: {errors}"))
                .await;
        }
    }

    /// The text of the page's error summary, if it has one.
    pub async fn error_summary(&self) -> Option<String> {
        let summary = self
            .js(
                "const s = document.querySelector('.error-summary');
                 return s ? s.innerText : null;",
                vec![],
            )
            .await;
        summary.as_str().map(str::to_string)
    }

    /// Presses keys on the keyboard: each character of `keys` down and up in turn.
    pub async fn press(&self, keys: &str) {
        let mut actions = KeyActions::new("keyboard".into());
        for c in keys.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("keyboard actions");
        self.client.release_actions().await.expect("release keys");
    }

    pub async fn tab(&self) {
        self.press(&Key::Tab).await;
    }

    /// Presses Enter and waits for the page it leads to.
    pub async fn enter(&mut self) {
        self.js("window.kommuneOldPage = true;", vec![]).await;
        self.press(&Key::Enter).await;
        self.arrive("pressing Enter").await;
    }

    /// The focused element, and whether its focus can be seen: a computed outline or box
    /// shadow that is not `none`.
    pub async fn focused(&self) -> Focus {
        let v = self
            .js(
                "const e = document.activeElement;
                 const s = getComputedStyle(e);
                 const r = e.getBoundingClientRect();
                 return {
                   tag: e.tagName.toLowerCase(), id: e.id || '', href: e.getAttribute('href') || '',
                   label: (e.getAttribute('name') || e.innerText || e.getAttribute('href') || '').trim().slice(0, 60),
                   outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                   shadow: s.boxShadow !== 'none',
                   style: 'outline: ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor
                          + '; box-shadow: ' + s.boxShadow,
                   on_screen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
                              && r.left < window.innerWidth && r.top < window.innerHeight,
                 };",
                vec![],
            )
            .await;
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        Focus {
            tag: text("tag"),
            id: text("id"),
            href: text("href"),
            label: text("label"),
            visible: v["outline"] == json!(true) || v["shadow"] == json!(true),
            style: text("style"),
            on_screen: v["on_screen"] == json!(true),
        }
    }
}

/// The element that has the keyboard's focus.
#[derive(Debug)]
pub struct Focus {
    pub tag: String,
    pub id: String,
    pub href: String,
    pub label: String,
    /// An outline or a box shadow marks it.
    pub visible: bool,
    pub style: String,
    /// Inside the viewport (a skip link moves on screen when focused).
    pub on_screen: bool,
}
