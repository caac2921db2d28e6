//! Bar charts drawn on the server as SVG, for the pages where people would rather look
//! than read. Each chart is an image with a title and a one-sentence summary for screen
//! readers; the page shows the same numbers in a table beside it.

use askama::Template;

/// One bar: its label under the axis, its value, and the value as the page writes it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

/// A bar as drawn.
pub struct Drawn {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    label: String,
    text: String,
    middle: f64,
}

#[derive(Template)]
#[template(path = "chart.svg", escape = "html")]
struct Svg<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    width: f64,
    height: f64,
    base: f64,
    bars: Vec<Drawn>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
/// Room under the bars for the labels, and above them for the values.
const BELOW: f64 = 36.0;
const ABOVE: f64 = 20.0;

/// The chart as inline SVG markup, its bars scaled to the largest value.
pub fn bars(id: &str, title: &str, summary: &str, bars: &[Bar]) -> String {
    let most = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let slot = WIDTH / bars.len().max(1) as f64;
    let room = HEIGHT - BELOW - ABOVE;
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let height = if most > 0.0 {
                (bar.value.max(0.0) / most) * room
            } else {
                0.0
            };
            Drawn {
                x: i as f64 * slot + slot * 0.15,
                y: HEIGHT - BELOW - height,
                width: slot * 0.7,
                height,
                label: bar.label.clone(),
                text: bar.text.clone(),
                middle: i as f64 * slot + slot / 2.0,
            }
        })
        .collect();
    Svg {
        id,
        title,
        summary,
        width: WIDTH,
        height: HEIGHT,
        base: HEIGHT - BELOW,
        bars: drawn,
    }
    .render()
    .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "chart_rows.svg", escape = "html")]
struct Rows<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    width: f64,
    height: f64,
    start: f64,
    bars: Vec<Drawn>,
}

/// Room left of the bars for the labels, and one row's height.
const LABELS: f64 = 180.0;
const ROW: f64 = 20.0;

/// A chart of one row per bar, for long lists (a week's people): the label left, the
/// bar and its value right, scaled to the largest value.
pub fn rows(id: &str, title: &str, summary: &str, bars: &[Bar]) -> String {
    let most = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let room = WIDTH - LABELS - 60.0;
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let width = if most > 0.0 {
                (bar.value.max(0.0) / most) * room
            } else {
                0.0
            };
            Drawn {
                x: LABELS,
                y: i as f64 * ROW + 3.0,
                width,
                height: ROW - 6.0,
                label: bar.label.clone(),
                text: bar.text.clone(),
                middle: i as f64 * ROW + ROW - 6.0,
            }
        })
        .collect();
    Rows {
        id,
        title,
        summary,
        width: WIDTH,
        height: (bars.len().max(1) as f64) * ROW,
        start: LABELS,
        bars: drawn,
    }
    .render()
    .unwrap_or_default()
}
