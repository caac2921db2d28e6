//! Checks of the documents against tools that are not ours, for tests: the UBL 2.1 schemas
//! (xmllint), the EN 16931 and Peppol BIS 3.0 business rules (Schematron, run by
//! node-schematron through `tests/schematron/check.js`), and a PDF reader (poppler's
//! pdftotext). The schemas and rules are the repository's copies under `tests/fixtures/ubl`.
//!
//! Each check answers `None` when its tool is missing, so a developer without them still
//! runs the rest; under CI (`CI` set) a missing tool panics instead, since `scripts/test`
//! installs them all.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The business rules every document must pass, in the order they are checked.
pub const RULES: [&str; 2] = ["CEN-EN16931-UBL.sch", "PEPPOL-EN16931-UBL.sch"];

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn missing(tool: &str, why: impl std::fmt::Display) -> Option<Result<(), String>> {
    assert!(
        std::env::var_os("CI").is_none(),
        "{tool} is needed under CI (scripts/test installs it): {why}"
    );
    eprintln!("skipping the {tool} check: {why}");
    None
}

/// Writes `bytes` to a file in a fresh temporary directory; the directory lives as long
/// as the returned guard.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).expect("writing a temporary file");
    (dir, file)
}

fn outcome(out: std::process::Output) -> Result<(), String> {
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Whether `xml` is valid against the UBL 2.1 schema for its root: `Invoice` or `CreditNote`.
pub fn schema(xml: &str) -> Option<Result<(), String>> {
    let xsd = if xml.contains("<CreditNote ") {
        "UBL-CreditNote-2.1.xsd"
    } else {
        "UBL-Invoice-2.1.xsd"
    };
    let (_dir, file) = temp_file("doc.xml", xml.as_bytes());
    let run = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(here().join("tests/fixtures/ubl/xsd/maindoc").join(xsd))
        .arg(&file)
        .output();
    match run {
        Ok(out) => Some(outcome(out)),
        Err(e) => missing("xmllint", e),
    }
}

/// Whether `xml` passes the Schematron file `rules` (one of [`RULES`]), run by
/// node-schematron from `KOMMUNE_SCHEMATRON_DIR` (set by scripts/test).
pub fn business_rules(xml: &str, rules: &str) -> Option<Result<(), String>> {
    let Some(dir) = std::env::var_os("KOMMUNE_SCHEMATRON_DIR") else {
        return missing("Schematron", "KOMMUNE_SCHEMATRON_DIR is not set");
    };
    let (_tmp, file) = temp_file("doc.xml", xml.as_bytes());
    let out = Command::new("node")
        .arg(here().join("tests/schematron/check.js"))
        .arg(here().join("tests/fixtures/ubl/sch").join(rules))
        .arg(&file)
        .env("NODE_PATH", Path::new(&dir).join("node_modules"))
        .output();
    match out {
        Ok(out) => Some(outcome(out).map_err(|e| format!("{rules}: {e}"))),
        Err(e) => missing("node", e),
    }
}

/// Every check of a UBL document at once: the schema, then each rule set. Panics naming
/// the first failure; quietly passes what cannot be checked outside CI.
pub fn assert_valid_ubl(xml: &str) {
    let checks = std::iter::once(schema(xml)).chain(RULES.iter().map(|r| business_rules(xml, r)));
    for result in checks.flatten() {
        result.unwrap_or_else(|failed| panic!("{failed}\n{xml}"));
    }
}

/// The text of a PDF as poppler's pdftotext reads it (layout kept).
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let (_dir, file) = temp_file("doc.pdf", pdf);
    match Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) => missing("pdftotext", e).map(|_| String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Peppol's own examples pass every check: the translated functions in check.js do not
    /// refuse what the official rules accept.
    #[test]
    fn the_official_examples_pass() {
        for name in ["base-example.xml", "base-creditnote-correction.xml"] {
            let xml =
                std::fs::read_to_string(here().join("tests/fixtures/ubl/examples").join(name))
                    .unwrap();
            assert_valid_ubl(&xml);
        }
    }
}
