//! The dashboard's charts as inline SVG: no script, no style attribute (the CSP forbids both),
//! only presentation attributes and classes from `dasbor.css`.
//!
//! Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`;
//! the numbers it draws are also in a table beside it (the text alternative), so a screen
//! reader and a person copying figures get them exactly.

use std::fmt::Write;

use super::html::esc;

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

fn open(out: &mut String, id: &str, title: &str, desc: &str, height: f64) {
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         viewBox=\"0 0 {WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// Horizontal bars, one per row, scaled to the largest total (or value).
pub fn bars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let height = ROW_HEIGHT * bars.len() as f64 + 4.0;
    let mut out = String::new();
    open(&mut out, id, title, desc, height);
    let max = bars
        .iter()
        .map(|b| b.total.unwrap_or(0).max(b.value))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f64 * ROW_HEIGHT + 2.0;
        let text_y = y + ROW_HEIGHT / 2.0 + 4.0;
        let _ = write!(
            out,
            "<text class=\"label\" x=\"{:.1}\" y=\"{text_y:.1}\" text-anchor=\"end\">{}</text>",
            LABEL_WIDTH - 6.0,
            esc(&bar.label)
        );
        if let Some(total) = bar.total {
            let _ = write!(
                out,
                "<rect class=\"bar-total\" x=\"{LABEL_WIDTH}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
                y + 3.0,
                room * total as f64 / max,
                ROW_HEIGHT - 6.0
            );
        }
        let width = room * bar.value as f64 / max;
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{LABEL_WIDTH}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\"/>\
             <text class=\"value\" x=\"{:.1}\" y=\"{text_y:.1}\">{}</text>",
            y + 3.0,
            ROW_HEIGHT - 6.0,
            WIDTH - VALUE_WIDTH + 4.0,
            esc(&bar.caption)
        );
    }
    out.push_str("</svg>");
    out
}

/// Vertical bars, one per day, with the first and last day and the largest count written.
pub fn trend(id: &str, title: &str, desc: &str, days: &[(String, i64)]) -> String {
    const HEIGHT: f64 = 150.0;
    const TOP: f64 = 18.0;
    const BOTTOM: f64 = 22.0;
    let mut out = String::new();
    open(&mut out, id, title, desc, HEIGHT);
    let max = days.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let plot = HEIGHT - TOP - BOTTOM;
    let step = WIDTH / days.len().max(1) as f64;
    for (i, (_, count)) in days.iter().enumerate() {
        let h = plot * *count as f64 / max as f64;
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>",
            i as f64 * step + step * 0.1,
            TOP + plot - h,
            step * 0.8
        );
    }
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"0\" y1=\"{y:.1}\" x2=\"{WIDTH}\" y2=\"{y:.1}\"/>\
         <text class=\"value\" x=\"0\" y=\"12\">{max}</text>",
        y = TOP + plot
    );
    if let (Some((first, _)), Some((last, _))) = (days.first(), days.last()) {
        let _ = write!(
            out,
            "<text class=\"label\" x=\"0\" y=\"{y}\">{}</text>\
             <text class=\"label\" x=\"{WIDTH}\" y=\"{y}\" text-anchor=\"end\">{}</text>",
            esc(first),
            esc(last),
            y = HEIGHT - 6.0
        );
    }
    out.push_str("</svg>");
    out
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
        );
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("<title id=\"k-title\">Cakupan</title>"));
        assert!(svg.contains("&lt;Kauman&gt;") && !svg.contains("<Kauman>"));
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
        assert!(!svg.contains("style"));
    }
}
