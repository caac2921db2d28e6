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

/// A line of a line chart: its points as (x value, y value), and its CSS class
/// (`chart-line` for actual values, `chart-path` for the path a target needs).
pub struct Line {
    pub class: &'static str,
    pub points: Vec<(f64, f64)>,
}

/// A line as drawn: its points in the chart's coordinates.
pub struct DrawnLine {
    class: &'static str,
    points: String,
    dots: Vec<(f64, f64)>,
}

#[derive(Template)]
#[template(path = "chart_lines.svg", escape = "html")]
struct Lines<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    width: f64,
    height: f64,
    base: f64,
    lines: Vec<DrawnLine>,
    /// Labels under the axis: (x, text).
    ticks: Vec<(f64, String)>,
    /// The highest and lowest value, written at the left: (y, text).
    scale: Vec<(f64, String)>,
}

/// Room left of the lines for the scale.
const SCALE: f64 = 60.0;

/// A chart of lines over the same x axis (years), scaled to all their points (not from
/// zero), with the
/// x values in `ticks` labelled under the axis and the largest and smallest value beside
/// it, written by `said`.
pub fn lines(
    id: &str,
    (title, summary): (&str, &str),
    lines: &[Line],
    ticks: &[(f64, String)],
    said: impl Fn(f64) -> String,
) -> String {
    let all = || lines.iter().flat_map(|l| l.points.iter());
    let (x0, x1) = all().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (y0, y1) = all().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    // Scaled to the values with a margin, not from zero: an indicator's change matters
    // more than its size, and the table beside it gives the numbers.
    let pad = if y1 > y0 { (y1 - y0) * 0.1 } else { 1.0 };
    let (y0, y1) = (y0 - pad, y1 + pad);
    let x_span = if x1 > x0 { x1 - x0 } else { 1.0 };
    let room = HEIGHT - BELOW - ABOVE;
    let at = |(x, y): (f64, f64)| {
        (
            SCALE + (x - x0) / x_span * (WIDTH - SCALE - 20.0),
            HEIGHT - BELOW - (y - y0) / (y1 - y0) * room,
        )
    };
    let drawn = lines
        .iter()
        .filter(|l| !l.points.is_empty())
        .map(|l| {
            let dots: Vec<(f64, f64)> = l.points.iter().map(|p| at(*p)).collect();
            DrawnLine {
                class: l.class,
                points: dots
                    .iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                dots,
            }
        })
        .collect();
    Lines {
        id,
        title,
        summary,
        width: WIDTH,
        height: HEIGHT,
        base: HEIGHT - BELOW,
        lines: drawn,
        ticks: ticks
            .iter()
            .map(|(x, t)| (at((*x, y0)).0, t.clone()))
            .collect(),
        scale: vec![(at((x0, y1)).1, said(y1)), (at((x0, y0)).1, said(y0))],
    }
    .render()
    .unwrap_or_default()
}
