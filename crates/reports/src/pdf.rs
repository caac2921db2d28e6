//! Invoices and credit notes as PDF, in Danish: seller and buyer with CVR, invoice and due
//! dates, a line per agreement, VAT, totals, payment terms and the account to pay into.
//!
//! The page is laid out first as positioned pieces of text and rules ([`Piece`]), which
//! the tests can read without a PDF reader, then drawn with krilla. Text is set in the
//! bundled DejaVu Sans (`fonts/`, Bitstream Vera licence), so the PDF looks the same on
//! every machine and carries the font it needs.

use crate::document::{Document, Kind, Party};
use domain::invoice::{Line, Unit, VAT_PERCENT};
use domain::money::{Money, hours_minutes};
use krilla::Document as Pdf;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use std::sync::LazyLock;

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 56.0;
const RIGHT: f32 = WIDTH - 56.0;
/// Lines of the table stop here; below is room for the footer.
const TABLE_BOTTOM: f32 = HEIGHT - 190.0;
const BODY: f32 = 10.0;
const LEADING: f32 = 14.0;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(String);

/// How a piece of text is placed against its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One thing on a page, in points from the top left.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text {
        x: f32,
        /// The baseline.
        y: f32,
        size: f32,
        bold: bool,
        align: Align,
        text: String,
    },
    /// A thin horizontal line from `x1` to `x2`.
    Rule { x1: f32, x2: f32, y: f32 },
}

/// The document as a PDF file.
pub fn to_pdf(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let pages = layout(doc);
    let mut pdf = Pdf::new();
    let fonts = [font(REGULAR)?, font(BOLD)?];
    for pieces in &pages {
        let settings =
            PageSettings::from_wh(WIDTH, HEIGHT).ok_or_else(|| PdfError("page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for piece in pieces {
            match piece {
                Piece::Text {
                    x,
                    y,
                    size,
                    bold,
                    align,
                    text,
                } => {
                    let left = match align {
                        Align::Left => *x,
                        Align::Right => x - width(text, *size, *bold),
                    };
                    let font = fonts[usize::from(*bold)].clone();
                    surface.draw_text(
                        Point::from_xy(left, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Piece::Rule { x1, x2, y } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x1, *y, x2 - x1, 0.6) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    pdf.set_metadata(
        Metadata::new()
            .title(format!("{} {}", title(&doc.kind), doc.number))
            .language("da".into())
            .creator("kommune".into()),
    );
    pdf.finish().map_err(|e| PdfError(format!("{e:?}")))
}

fn font(data: &'static [u8]) -> Result<Font, PdfError> {
    Font::new(data.into(), 0).ok_or_else(|| PdfError("the bundled font does not load".into()))
}

/// The width of `text` in points, from the font's advance widths (no kerning, which
/// DejaVu does not apply to the digits this right-aligns).
fn width(text: &str, size: f32, bold: bool) -> f32 {
    static FACES: LazyLock<[skrifa::FontRef<'static>; 2]> = LazyLock::new(|| {
        [REGULAR, BOLD].map(|data| skrifa::FontRef::new(data).expect("the bundled font parses"))
    });
    let face = &FACES[usize::from(bold)];
    let charmap = face.charmap();
    let metrics = face.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

fn title(kind: &Kind) -> &'static str {
    match kind {
        Kind::Invoice { .. } => "Faktura",
        Kind::CreditNote { .. } => "Kreditnota",
    }
}

/// The pages of the document, each a list of pieces. Lines that do not fit continue on
/// the next page under the table's head; the totals and payment details end the last page.
pub fn layout(doc: &Document) -> Vec<Vec<Piece>> {
    let mut pages = Vec::new();
    let mut page = Sheet::default();
    let mut y = page.head(doc);
    y = page.table_head(y);
    for line in &doc.lines {
        let height = LEADING * description_rows(&line.description).len() as f32;
        if y + height > TABLE_BOTTOM {
            page.text(
                RIGHT,
                HEIGHT - 40.0,
                8.0,
                false,
                Align::Right,
                "Fortsættes på næste side",
            );
            pages.push(std::mem::take(&mut page.pieces));
            let top = page.continued(doc);
            y = page.table_head(top);
        }
        y = page.line(line, y);
    }
    page.totals(doc, y);
    page.footer(doc);
    pages.push(page.pieces);
    pages.extend(annex::pages(doc));
    let count = pages.len();
    if count > 1 {
        for (k, pieces) in pages.iter_mut().enumerate() {
            let mut sheet = Sheet {
                pieces: std::mem::take(pieces),
            };
            sheet.text(
                RIGHT,
                HEIGHT - 28.0,
                8.0,
                false,
                Align::Right,
                &format!("Side {} af {count}", k + 1),
            );
            *pieces = sheet.pieces;
        }
    }
    pages
}

/// One page being laid out.
#[derive(Default)]
struct Sheet {
    pieces: Vec<Piece>,
}

/// Where the table's columns end (right-aligned) or start (the description).
const COL_QUANTITY: f32 = 360.0;
const COL_PRICE: f32 = 450.0;

impl Sheet {
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, align: Align, text: &str) {
        self.pieces.push(Piece::Text {
            x,
            y,
            size,
            bold,
            align,
            text: text.to_string(),
        });
    }

    fn rule(&mut self, y: f32) {
        self.pieces.push(Piece::Rule {
            x1: LEFT,
            x2: RIGHT,
            y,
        });
    }

    /// Lines of text under each other from `y`; returns the baseline after the last.
    fn block(&mut self, x: f32, mut y: f32, align: Align, lines: &[(bool, String)]) -> f32 {
        for (bold, line) in lines {
            self.text(x, y, BODY, *bold, align, line);
            y += LEADING;
        }
        y
    }

    /// Seller, title, numbers and dates, buyer; returns where the table starts.
    fn head(&mut self, doc: &Document) -> f32 {
        let seller = party_lines(&doc.seller);
        let name = fit_at(&doc.seller.name, 14.0, true, RIGHT - LEFT - 140.0);
        self.text(LEFT, 70.0, 14.0, true, Align::Left, &name);
        self.block(LEFT, 88.0, Align::Left, &seller[1..]);
        self.text(RIGHT, 70.0, 20.0, true, Align::Right, title(&doc.kind));
        let mut facts = vec![
            (false, format!("Nummer: {}", doc.number)),
            (false, format!("Dato: {}", danish_date(doc.issue_date))),
        ];
        match &doc.kind {
            Kind::Invoice { due_date } => {
                facts.push((false, format!("Forfaldsdato: {}", danish_date(*due_date))));
            }
            Kind::CreditNote { invoice_number, .. } => {
                facts.push((false, format!("Krediterer faktura: {invoice_number}")));
            }
        }
        facts.push((false, format!("Periode: {}", period(&doc.buyer_reference))));
        self.block(RIGHT, 92.0, Align::Right, &facts);
        self.text(LEFT, 180.0, 8.0, true, Align::Left, "KUNDE");
        let mut y = self.block(LEFT, 196.0, Align::Left, &party_lines(&doc.buyer));
        if let Kind::CreditNote { reason, .. } = &doc.kind {
            y += LEADING / 2.0;
            self.text(
                LEFT,
                y,
                BODY,
                false,
                Align::Left,
                &format!("Årsag: {reason}"),
            );
            y += LEADING;
        }
        y + LEADING
    }

    /// A short head on a page after the first; returns where the table starts.
    fn continued(&mut self, doc: &Document) -> f32 {
        let head = format!(
            "{} {} — {} (fortsat)",
            title(&doc.kind),
            doc.number,
            doc.buyer.name
        );
        self.text(LEFT, 60.0, BODY, true, Align::Left, &head);
        90.0
    }

    fn table_head(&mut self, y: f32) -> f32 {
        self.text(LEFT, y, BODY, true, Align::Left, "Beskrivelse");
        self.text(COL_QUANTITY, y, BODY, true, Align::Right, "Antal");
        self.text(COL_PRICE, y, BODY, true, Align::Right, "Enhedspris");
        self.text(RIGHT, y, BODY, true, Align::Right, "Beløb");
        self.rule(y + 5.0);
        y + LEADING + 6.0
    }

    fn line(&mut self, line: &Line, y: f32) -> f32 {
        let rows = description_rows(&line.description);
        for (k, row) in rows.iter().enumerate() {
            self.text(LEFT, y + LEADING * k as f32, BODY, false, Align::Left, row);
        }
        self.text(COL_QUANTITY, y, BODY, false, Align::Right, &quantity(line));
        self.text(
            COL_PRICE,
            y,
            BODY,
            false,
            Align::Right,
            &Money::from_ore(line.unit_price_ore).kroner(),
        );
        self.text(
            RIGHT,
            y,
            BODY,
            false,
            Align::Right,
            &Money::from_ore(line.net_ore).kroner(),
        );
        y + LEADING * rows.len() as f32
    }

    fn totals(&mut self, doc: &Document, y: f32) {
        self.rule(y - LEADING + 5.0);
        let t = &doc.totals;
        let rows = [
            (false, "I alt ekskl. moms", t.net_ore),
            (false, &*format!("Moms {VAT_PERCENT} %"), t.vat_ore),
            (true, "I alt inkl. moms (DKK)", t.total_ore),
        ];
        let mut y = y + 4.0;
        for (bold, label, ore) in rows {
            self.text(COL_PRICE, y, BODY, bold, Align::Right, label);
            self.text(
                RIGHT,
                y,
                BODY,
                bold,
                Align::Right,
                &Money::from_ore(ore).kroner(),
            );
            y += LEADING;
        }
    }

    fn footer(&mut self, doc: &Document) {
        self.rule(HEIGHT - 150.0);
        let account = domain::identifiers::BankAccount::parse(&doc.bank_account)
            .map(|a| format!("reg.nr. {} konto {}", a.registration, a.account))
            .unwrap_or_else(|_| doc.bank_account.clone());
        let lines = match &doc.kind {
            Kind::Invoice { due_date } => vec![
                (true, "Betaling".to_string()),
                (
                    false,
                    format!(
                        "Netto {} dage: senest {}.",
                        doc.payment_days,
                        danish_date(*due_date)
                    ),
                ),
                (false, format!("Indbetales på {account}.")),
                (
                    false,
                    format!("Angiv fakturanummer {} ved betaling.", doc.number),
                ),
            ],
            Kind::CreditNote { invoice_number, .. } => vec![
                (true, "Kreditering".to_string()),
                (
                    false,
                    format!("Beløbet modregnes faktura {invoice_number} eller udbetales"),
                ),
                (false, format!("fra {account}.")),
            ],
        };
        self.block(LEFT, HEIGHT - 132.0, Align::Left, &lines);
        let seller = format!(
            "{} · CVR-nr. {} · {}",
            doc.seller.name, doc.seller.cvr, doc.seller.address
        );
        self.text(
            LEFT,
            HEIGHT - 40.0,
            8.0,
            false,
            Align::Left,
            &fit_at(&seller, 8.0, false, RIGHT - LEFT),
        );
    }
}

fn party_lines(party: &Party) -> Vec<(bool, String)> {
    let mut lines = vec![(true, party.name.clone())];
    lines.extend(
        party
            .address
            .split(", ")
            .map(|part| (false, part.to_string())),
    );
    lines.push((false, format!("CVR-nr. {}", party.cvr)));
    if let Some(address) = &party.einvoice {
        lines.push((false, format!("EAN/Peppol: {address}")));
    }
    lines
}

/// The room for a line's description, left of the quantity.
const DESCRIPTION_ROOM: f32 = COL_QUANTITY - LEFT - 60.0;

/// The most rows one description wraps to; a longer one ends in an ellipsis.
const MOST_ROWS: usize = 6;

/// A line's description wrapped at spaces to its column, at most [`MOST_ROWS`] rows; a
/// word wider than the column is cut with an ellipsis.
fn description_rows(text: &str) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        let longer = if row.is_empty() {
            word.to_string()
        } else {
            format!("{row} {word}")
        };
        if width(&longer, BODY, false) <= DESCRIPTION_ROOM {
            row = longer;
        } else {
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
            row = fit(word, DESCRIPTION_ROOM);
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    if rows.len() > MOST_ROWS {
        rows.truncate(MOST_ROWS);
        if let Some(last) = rows.last_mut() {
            *last = fit_at(&format!("{last} …"), BODY, false, DESCRIPTION_ROOM);
        }
    }
    rows
}

/// Cuts `text` with an ellipsis to fit `room` points at body size.
fn fit(text: &str, room: f32) -> String {
    fit_at(text, BODY, false, room)
}

/// Cuts `text` with an ellipsis to fit `room` points at `size`.
fn fit_at(text: &str, size: f32, bold: bool, room: f32) -> String {
    if width(text, size, bold) <= room {
        return text.to_string();
    }
    let mut cut: String = text.to_string();
    while !cut.is_empty() && width(&format!("{cut}…"), size, bold) > room {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// The period invoiced, `oktober 2026` for `2026-10`; any other reference as it is.
fn period(reference: &str) -> String {
    let first = chrono::NaiveDate::parse_from_str(&format!("{reference}-01"), "%Y-%m-%d");
    match first {
        Ok(day) => danish_date(day)
            .split_once(' ')
            .map_or(reference.to_string(), |(_, rest)| rest.to_string()),
        Err(_) => reference.to_string(),
    }
}

/// `2. november 2026`.
fn danish_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!(
        "{}. {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// A line's quantity with its unit: `3:05 t` for hours (the unit price per hour),
/// `12 besøg` for visits (the unit price per visit), `1 md.` for a monthly fee (the unit
/// price per month).
fn quantity(line: &Line) -> String {
    match line.unit {
        Unit::Minutes => format!("{} t", hours_minutes(line.quantity)),
        Unit::Visits => format!("{} besøg", line.quantity),
        Unit::Months => format!("{} md.", line.quantity),
    }
}

mod annex;
#[cfg(test)]
mod tests;
