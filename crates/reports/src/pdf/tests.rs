use super::*;
use crate::document::sample;
use domain::invoice::{Billable, totals};
use domain::money::Money;
use proptest::prelude::*;
use std::process::Command;

fn invoice() -> Document {
    sample(Kind::Invoice {
        due_date: "2026-12-02".parse().unwrap(),
    })
}

/// Every text on every page, in order.
fn texts(pages: &[Vec<Piece>]) -> Vec<String> {
    pages
        .iter()
        .flatten()
        .filter_map(|p| match p {
            Piece::Text { text, .. } => Some(text.clone()),
            Piece::Rule { .. } => None,
        })
        .collect()
}

fn with_lines(count: usize) -> Document {
    let mut doc = invoice();
    doc.lines = (0..count)
        .map(|k| {
            Billable {
                description: format!("Opgave {k}"),
                price_per_hour: Money::from_ore(20_000 + k as i64),
                min_billable_minutes: 0,
                minutes: vec![30 + k as i64],
            }
            .line()
            .unwrap()
        })
        .collect();
    doc.totals = totals(&doc.lines).unwrap();
    // The lines alone: the annex's own pages are tested apart.
    doc.annex.clear();
    doc
}

/// The PDF writes amounts and hours through the domain's one formatter.
fn kroner(ore: i64) -> String {
    Money::from_ore(ore).kroner()
}

fn hours(minutes: i64) -> String {
    hours_minutes(minutes)
}

#[test]
fn kroner_are_grouped_by_thousands_with_a_decimal_comma() {
    assert_eq!(kroner(0), "0,00");
    assert_eq!(kroner(5), "0,05");
    assert_eq!(kroner(115_260), "1.152,60");
    assert_eq!(kroner(100_000_000), "1.000.000,00");
    assert_eq!(kroner(-123_456_789), "-1.234.567,89");
    assert_eq!(hours(185), "3:05");
    assert_eq!(hours(-60), "-1:00");
    assert_eq!(
        danish_date("2026-11-02".parse().unwrap()),
        "2. november 2026"
    );
}

#[test]
fn an_invoice_shows_what_a_danish_invoice_must() {
    let all = texts(&layout(&invoice())).join("\n");
    for needed in [
        "Faktura",
        "Nummer: 2026-0007",
        "Dato: 2. november 2026",
        "Forfaldsdato: 2. december 2026",
        "Små job med mening — Aalborg Kommune",
        "CVR-nr. 29189420",
        "Bageriet på Algade ApS",
        "CVR-nr. 12345674",
        "Rengøring & oprydning <kantine>",
        "Antal",
        "Enhedspris",
        "3:05 t",
        "245,00",
        "Afhentning af affald — Algade 12",
        "12 besøg",
        "47,50",
        "570,00",
        "Abonnement, Flex Waste — Algade 12",
        "1 md.",
        "299,00",
        "755,42",
        "Moms 25 %",
        "447,77",
        "2.238,85",
        "Netto 30 dage: senest 2. december 2026.",
        "Indbetales på reg.nr. 9570 konto 0001234567.",
        "Små job med mening — Aalborg Kommune · CVR-nr. 29189420 · Boulevarden 13, 9000 Aalborg",
    ] {
        assert!(all.contains(needed), "missing {needed:?} in\n{all}");
    }
    let credit = sample(Kind::CreditNote {
        invoice_number: "2026-0003".into(),
        reason: "forkerte timer".into(),
    });
    let all = texts(&layout(&credit)).join("\n");
    for needed in [
        "Kreditnota",
        "Krediterer faktura: 2026-0003",
        "Årsag: forkerte timer",
    ] {
        assert!(all.contains(needed), "missing {needed:?} in\n{all}");
    }
}

#[test]
fn many_lines_continue_on_numbered_pages_with_the_totals_last() {
    let doc = with_lines(70);
    let pages = layout(&doc);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let all = texts(&pages);
    for k in 0..70 {
        let name = format!("Opgave {k}");
        assert_eq!(all.iter().filter(|t| **t == name).count(), 1, "{name}");
    }
    let last = texts(&pages[pages.len() - 1..]);
    assert!(last.contains(&kroner(doc.totals.total_ore)));
    assert!(last.contains(&format!("Side {} af {}", pages.len(), pages.len())));
    for (k, page) in pages.iter().enumerate() {
        for piece in page {
            if let Piece::Text {
                x,
                y,
                size,
                bold,
                align,
                text,
            } = piece
            {
                let w = width(text, *size, *bold);
                let left = if *align == Align::Right { x - w } else { *x };
                assert!(
                    left >= 0.0 && left + w <= WIDTH,
                    "page {k}: {text:?} leaves the page"
                );
                assert!(*y > 0.0 && *y < HEIGHT, "page {k}: {text:?} at {y}");
            }
        }
    }
}

#[test]
fn a_long_description_wraps_within_its_column() {
    let mut doc = invoice();
    let words: Vec<String> = (1..=30).map(|k| format!("ord{k}")).collect();
    doc.lines[0].description = words.join(" ");
    let all = texts(&layout(&doc));
    let rows: Vec<&String> = all.iter().filter(|t| t.starts_with("ord")).collect();
    assert!(rows.len() > 1, "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| width(r, BODY, false) <= COL_QUANTITY - LEFT - 60.0)
    );
    // Every word is there, in order: nothing is cut off.
    let read: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
    assert_eq!(read, words.iter().map(String::as_str).collect::<Vec<_>>());
    // A description longer than six rows ends in an ellipsis; a word wider than the
    // column is cut to it.
    doc.lines[0].description = "Meget lang beskrivelse ".repeat(60);
    let all = texts(&layout(&doc));
    let rows: Vec<&String> = all
        .iter()
        .filter(|t| t.starts_with("Meget") || t.starts_with("lang") || t.starts_with("beskrivelse"))
        .collect();
    assert_eq!(rows.len(), 6);
    assert!(rows[5].ends_with('…'));
    doc.lines[0].description = "x".repeat(500);
    let all = texts(&layout(&doc));
    let cut = all.iter().find(|t| t.starts_with("xxx")).unwrap();
    assert!(cut.ends_with('…') && width(cut, BODY, false) <= COL_QUANTITY - LEFT - 60.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn every_line_amount_and_the_total_appear(count in 1usize..90) {
        let doc = with_lines(count);
        let all = texts(&layout(&doc));
        for line in &doc.lines {
            prop_assert!(all.contains(&kroner(line.net_ore)));
        }
        prop_assert!(all.contains(&kroner(doc.totals.total_ore)));
    }
}

/// The PDF is read back with poppler's pdftotext and pdfinfo, readers that are not ours.
#[test]
fn the_pdf_reads_back_with_a_real_reader() {
    let bytes = to_pdf(&invoice()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(text) = crate::validate::pdf_text(&bytes) else {
        return;
    };
    for needed in [
        "Faktura",
        "2026-0007",
        "Bageriet på Algade ApS",
        "2.238,85",
        "Rengøring & oprydning",
        "12 besøg",
        "1 md.",
        "Bilag til faktura 2026-0007: udført arbejde",
        "06.10.2026",
        "Ole Sørensen",
        "I alt arbejdet",
        "2:50",
    ] {
        assert!(text.contains(needed), "missing {needed:?} in\n{text}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("faktura.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
            .unwrap_or_default()
    };
    assert_eq!(field("Pages:"), "2", "the invoice and its annex: {info}");
    assert_eq!(field("Title:"), "Faktura 2026-0007", "{info}");
}

#[test]
fn the_annex_lists_every_shift_on_pages_of_its_own_after_the_totals() {
    let mut doc = invoice();
    doc.annex = (0..120)
        .map(|k| domain::invoice::AnnexRow {
            day: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
                + chrono::Duration::days(k % 31),
            task: format!("Vagt {k}"),
            worker: "Mette Larsen".into(),
            minutes: 60,
        })
        .collect();
    let pages = layout(&doc);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let first = texts(&pages[..1]);
    assert!(
        first.contains(&kroner(doc.totals.total_ore)),
        "the totals end the invoice's own page"
    );
    let all = texts(&pages);
    for k in 0..120 {
        let task = format!("Vagt {k}");
        assert_eq!(all.iter().filter(|t| **t == task).count(), 1, "{task}");
    }
    assert!(all.contains(&"120:00".to_string()), "the total worked");
    let count = pages.len();
    assert!(texts(&pages[count - 1..]).contains(&format!("Side {count} af {count}")));
    let mut none = invoice();
    none.annex.clear();
    assert_eq!(layout(&none).len(), 1, "no shifts, no annex");
}
