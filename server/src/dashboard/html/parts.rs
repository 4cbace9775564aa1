//! What every section of the dashboard is made of: a card, and a table of rows.

use maud::{Markup, html};

/// A row of a [`table`]: its header cell (the area, the day, the officer…) and its other cells,
/// numbers written as the language writes them.
pub(super) struct Row {
    /// The first cell, a `<th scope="row">`.
    pub header: String,
    /// The rest, right-aligned.
    pub cells: Vec<String>,
}

/// A table named `label`, with a header row and rows; numbers are right-aligned by class. On a
/// narrow phone it may scroll sideways inside its wrapper, which is then a named, focusable
/// region so a keyboard can scroll it too.
pub(super) fn table(label: &str, headers: &[&str], rows: &[Row]) -> Markup {
    table_of(label, headers, rows, true)
}

/// As [`table`], for cells that are words rather than numbers (left-aligned).
pub(super) fn text_table(label: &str, headers: &[&str], rows: &[Row]) -> Markup {
    table_of(label, headers, rows, false)
}

fn table_of(label: &str, headers: &[&str], rows: &[Row], numbers: bool) -> Markup {
    let num = numbers.then_some("num");
    html! {
        div class="table-wrap" role="region" aria-label=(label) tabindex="0" {
            table {
                caption class="visually-hidden" { (label) }
                thead {
                    tr {
                        @for (i, header) in headers.iter().enumerate() {
                            th scope="col" class=[num.filter(|_| i > 0)] { (header) }
                        }
                    }
                }
                tbody {
                    @for row in rows {
                        tr {
                            th scope="row" { (row.header) }
                            @for cell in &row.cells {
                                td class=[num] { (cell) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A card of the dashboard: a section with its id and heading.
pub(super) fn card(id: &str, heading: &str, content: Markup) -> Markup {
    html! {
        section class="card" id=(id) {
            h2 { (heading) }
            (content)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_could_open_markup_is_escaped() {
        let html = table(
            "<b>",
            &["\"x\""],
            &[Row {
                header: "<script>alert('x') & \"y\"</script>".to_owned(),
                cells: vec!["<img src=x>".to_owned()],
            }],
        )
        .into_string();
        // An apostrophe needs no escape: maud quotes every attribute with double quotes.
        assert!(html.contains(
            "<th scope=\"row\">&lt;script&gt;alert('x') &amp; &quot;y&quot;&lt;/script&gt;</th>"
        ));
        assert!(html.contains("aria-label=\"&lt;b&gt;\""));
        assert!(html.contains("<td class=\"num\">&lt;img src=x&gt;</td>"));
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"));
    }
}
