//! The annex after an invoice's last page: every shift it bills, by date, with the task,
//! who worked it and for how long, so the buyer can check the hours line by line.

use super::{Align, BODY, HEIGHT, LEADING, LEFT, Piece, RIGHT, Sheet, fit};
use crate::document::Document;
use domain::money::hours_minutes;

/// Where the annex's columns start (the time is right-aligned at the margin).
const COL_TASK: f32 = LEFT + 70.0;
const COL_WORKER: f32 = LEFT + 300.0;

/// The annex's pages; none when the document bills no shifts.
pub(super) fn pages(doc: &Document) -> Vec<Vec<Piece>> {
    let mut pages = Vec::new();
    if doc.annex.is_empty() {
        return pages;
    }
    let mut sheet = Sheet::default();
    let mut y = head(&mut sheet, doc);
    for row in &doc.annex {
        // The annex has no footer: its rows run to the bottom margin.
        if y + LEADING > HEIGHT - 60.0 {
            pages.push(std::mem::take(&mut sheet.pieces));
            y = head(&mut sheet, doc);
        }
        sheet.text(
            LEFT,
            y,
            BODY,
            false,
            Align::Left,
            &row.day.format("%d.%m.%Y").to_string(),
        );
        sheet.text(
            COL_TASK,
            y,
            BODY,
            false,
            Align::Left,
            &fit(&row.task, COL_WORKER - COL_TASK - 8.0),
        );
        sheet.text(
            COL_WORKER,
            y,
            BODY,
            false,
            Align::Left,
            &fit(&row.worker, RIGHT - COL_WORKER - 50.0),
        );
        sheet.text(
            RIGHT,
            y,
            BODY,
            false,
            Align::Right,
            &hours_minutes(row.minutes),
        );
        y += LEADING;
    }
    sheet.rule(y - LEADING + 5.0);
    // A total too large to reckon is left out rather than printed wrong.
    let total = domain::money::checked_sum(doc.annex.iter().map(|r| r.minutes))
        .map_or_else(|_| "—".to_string(), hours_minutes);
    sheet.text(
        COL_WORKER,
        y + 4.0,
        BODY,
        true,
        Align::Left,
        "I alt arbejdet",
    );
    sheet.text(RIGHT, y + 4.0, BODY, true, Align::Right, &total);
    pages.push(sheet.pieces);
    pages
}

/// The annex's title and column heads; returns where its rows start.
fn head(sheet: &mut Sheet, doc: &Document) -> f32 {
    let title = format!(
        "Bilag til {} {}: udført arbejde",
        super::title(&doc.kind).to_lowercase(),
        doc.number
    );
    sheet.text(LEFT, 60.0, 14.0, true, Align::Left, &title);
    sheet.text(
        LEFT,
        80.0,
        BODY,
        false,
        Align::Left,
        "Hver vagt med dato, opgave, medarbejder og arbejdet tid (t:mm). Fakturaen regner mindste tid pr. besøg.",
    );
    let y = 110.0;
    sheet.text(LEFT, y, BODY, true, Align::Left, "Dato");
    sheet.text(COL_TASK, y, BODY, true, Align::Left, "Opgave");
    sheet.text(COL_WORKER, y, BODY, true, Align::Left, "Medarbejder");
    sheet.text(RIGHT, y, BODY, true, Align::Right, "Tid");
    sheet.rule(y + 5.0);
    y + LEADING + 6.0
}
