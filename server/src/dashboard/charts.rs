//! The dashboard's charts as inline SVG: no script, no style attribute (the CSP forbids both),
//! only presentation attributes and classes from `dasbor.css`.
//!
//! Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`;
//! the numbers it draws are also in a table beside it (the text alternative), so a screen
//! reader and a person copying figures get them exactly.

use maud::{Markup, html};

use crate::coverage::DayCount;

/// The drawing's width in SVG units: about a card's width on a 360-pixel phone, so text is drawn
/// near its nominal size there and scales up (to the CSS max width) on a laptop.
const WIDTH: f64 = 340.0;
/// Room for the labels at the left of horizontal bars (`Gununggedangan`).
const LABEL_WIDTH: f64 = 118.0;
/// Room for the number at the right of horizontal bars (`12.345/32.051`).
const VALUE_WIDTH: f64 = 96.0;
const ROW_HEIGHT: f64 = 24.0;

/// One bar: its label, the value drawn dark, an optional total drawn light behind it, and the
/// text written at its end.
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub total: Option<i64>,
    pub caption: String,
}

/// A coordinate or length as the drawing writes it: one decimal.
fn at(value: f64) -> String {
    format!("{value:.1}")
}

/// The named image around a drawing `height` units high.
fn chart(id: &str, title: &str, desc: &str, height: f64, drawing: Markup) -> Markup {
    html! {
        svg class="chart" role="img" aria-labelledby=(format!("{id}-title {id}-desc"))
            viewBox=(format!("0 0 {WIDTH} {height}")) xmlns="http://www.w3.org/2000/svg" {
            title id=(format!("{id}-title")) { (title) }
            desc id=(format!("{id}-desc")) { (desc) }
            (drawing)
        }
    }
}

/// Horizontal bars, one per row, scaled to the largest total (or value).
pub fn bars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> Markup {
    let height = ROW_HEIGHT * bars.len() as f64 + 4.0;
    let max = bars
        .iter()
        .map(|b| b.total.unwrap_or(0).max(b.value))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let drawing = html! {
        @for (i, bar) in bars.iter().enumerate() {
            @let y = i as f64 * ROW_HEIGHT + 2.0;
            @let text_y = at(y + ROW_HEIGHT / 2.0 + 4.0);
            text class="label" x=(at(LABEL_WIDTH - 6.0)) y=(text_y) text-anchor="end" { (bar.label) }
            @if let Some(total) = bar.total {
                rect class="bar-total" x=(LABEL_WIDTH) y=(at(y + 3.0))
                    width=(at(room * total as f64 / max)) height=(at(ROW_HEIGHT - 6.0)) {}
            }
            rect class="bar" x=(LABEL_WIDTH) y=(at(y + 3.0))
                width=(at(room * bar.value as f64 / max)) height=(at(ROW_HEIGHT - 6.0)) {}
            text class="value" x=(at(WIDTH - VALUE_WIDTH + 4.0)) y=(text_y) { (bar.caption) }
        }
    };
    chart(id, title, desc, height, drawing)
}

/// Vertical bars, one per day, with the first and last day and the largest count written.
pub fn trend(id: &str, title: &str, desc: &str, days: &[DayCount]) -> Markup {
    const HEIGHT: f64 = 150.0;
    const TOP: f64 = 18.0;
    const BOTTOM: f64 = 22.0;
    let max = days.iter().map(|d| d.count).max().unwrap_or(0).max(1);
    let plot = HEIGHT - TOP - BOTTOM;
    let step = WIDTH / days.len().max(1) as f64;
    let axis = at(TOP + plot);
    let drawing = html! {
        @for (i, day) in days.iter().enumerate() {
            @let h = plot * day.count as f64 / max as f64;
            rect class="bar" x=(at(i as f64 * step + step * 0.1)) y=(at(TOP + plot - h))
                width=(at(step * 0.8)) height=(at(h)) {}
        }
        line class="axis" x1="0" y1=(axis) x2=(WIDTH) y2=(axis) {}
        text class="value" x="0" y="12" { (max) }
        @if let (Some(first), Some(last)) = (days.first(), days.last()) {
            text class="label" x="0" y=(HEIGHT - 6.0) { (first.date) }
            text class="label" x=(WIDTH) y=(HEIGHT - 6.0) text-anchor="end" { (last.date) }
        }
    };
    chart(id, title, desc, HEIGHT, drawing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_chart_is_a_named_image_with_one_bar_per_row_and_escaped_labels() {
        let svg = bars(
            "k",
            "Cakupan",
            "Batang",
            &[
                Bar {
                    label: "<Kauman>".into(),
                    value: 5,
                    total: Some(10),
                    caption: "5/10".into(),
                },
                Bar {
                    label: "Miji".into(),
                    value: 0,
                    total: Some(0),
                    caption: "0/0".into(),
                },
            ],
        )
        .into_string();
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("<title id=\"k-title\">Cakupan</title>"));
        assert!(svg.contains("&lt;Kauman&gt;") && !svg.contains("<Kauman>"));
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
        assert!(!svg.contains("style"));
    }
}
