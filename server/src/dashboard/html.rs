//! The dashboard's pages as HTML text. Every value that did not come from this file goes
//! through [`esc`]: officers' and koperasi names are typed in the field.

use std::fmt::Write;

use domain::Kelurahan;

use super::charts::{self, Bar};
use super::words::Lang;
use crate::coverage::Stats;

/// Text made safe inside HTML elements and quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Days shown in the trend chart: a month fits a phone's width with bars still visible.
const TREND_DAYS: usize = 30;

/// The page around `body`: language, title, the stylesheet, and the header with the language
/// switch (and sign-out when signed in).
fn page(lang: Lang, signed_in: bool, body: &str) -> String {
    let w = lang.words();
    let other = match lang {
        Lang::Id => Lang::En,
        Lang::En => Lang::Id,
    };
    let sign_out = if signed_in {
        format!(
            "<form method=\"post\" action=\"{}\" class=\"sign-out\"><button type=\"submit\">{}</button></form>",
            super::SIGN_OUT_PATH,
            esc(w.sign_out)
        )
    } else {
        String::new()
    };
    format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head><body>\
         <header><h1>{title}</h1><nav><a href=\"{path}?lang={other_code}\" lang=\"{other_code}\" \
         hreflang=\"{other_code}\">{other_name}</a>{sign_out}</nav></header>\
         <main>{body}</main></body></html>\n",
        code = lang.code(),
        title = esc(w.title),
        css = super::CSS_PATH,
        path = super::PAGE_PATH,
        other_code = other.code(),
        other_name = esc(w.other_language),
    )
}

/// The sign-in form, with `error` shown above it when a token was refused.
pub fn sign_in(lang: Lang, error: bool) -> String {
    let w = lang.words();
    let error = if error {
        format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            esc(w.wrong_token)
        )
    } else {
        String::new()
    };
    page(
        lang,
        false,
        &format!(
            "<section class=\"card sign-in\"><h2>{heading}</h2>{error}\
             <form method=\"post\" action=\"{action}\">\
             <label for=\"token\">{label}</label>\
             <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required>\
             <button type=\"submit\">{button}</button></form><p class=\"help\">{help}</p></section>",
            heading = esc(w.sign_in_heading),
            action = super::SIGN_IN_PATH,
            label = esc(w.token_label),
            button = esc(w.sign_in_button),
            help = esc(w.sign_in_help),
        ),
    )
}

/// A table named `label`, with a header row and rows of cells; the first cell of a row is its
/// header (`<th scope="row">`), numbers are right-aligned by class. On a narrow phone it may
/// scroll sideways inside its wrapper, which is then a named, focusable region so a keyboard
/// can scroll it too.
fn table(label: &str, headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"{label}\" tabindex=\"0\">\
         <table><caption class=\"visually-hidden\">{label}</caption><thead><tr>",
        label = esc(label)
    );
    for (i, h) in headers.iter().enumerate() {
        let num = if i > 0 { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{num}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", esc(cell));
            } else {
                let _ = write!(out, "<td class=\"num\">{}</td>", esc(cell));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A region's chart and table: against the roster when one is loaded, else registrations by
/// address.
fn regions(
    lang: Lang,
    id: &str,
    title: &str,
    roster: bool,
    rows: &[(&str, i64, i64, i64)],
) -> String {
    let w = lang.words();
    let mut out = format!(
        "<section class=\"card\" id=\"{id}\"><h2>{}</h2>",
        esc(title)
    );
    if roster {
        let bars: Vec<Bar> = rows
            .iter()
            .map(|(name, on_roster, covered, _)| Bar {
                label: (*name).to_owned(),
                value: *covered,
                total: Some(*on_roster),
                caption: format!("{}/{}", lang.int(*covered), lang.int(*on_roster)),
            })
            .collect();
        out.push_str(&charts::bars(
            &format!("{id}-chart"),
            title,
            w.chart_roster,
            &bars,
        ));
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|(name, on_roster, covered, not_covered)| {
                let percent = if *on_roster > 0 {
                    *covered as f64 * 100.0 / *on_roster as f64
                } else {
                    0.0
                };
                vec![
                    (*name).to_owned(),
                    lang.int(*on_roster),
                    lang.int(*covered),
                    lang.int(*not_covered),
                    lang.percent(percent),
                ]
            })
            .collect();
        out.push_str(&table(
            title,
            &[w.area, w.on_roster, w.registered, w.not_yet, "%"],
            &body,
        ));
    } else {
        let bars: Vec<Bar> = rows
            .iter()
            .map(|(name, _, registered, _)| Bar {
                label: (*name).to_owned(),
                value: *registered,
                total: None,
                caption: lang.int(*registered),
            })
            .collect();
        out.push_str(&charts::bars(
            &format!("{id}-chart"),
            title,
            w.chart_address,
            &bars,
        ));
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|(name, _, registered, _)| vec![(*name).to_owned(), lang.int(*registered)])
            .collect();
        out.push_str(&table(title, &[w.area, w.registrations], &body));
    }
    out.push_str("</section>");
    out
}

/// The dashboard of `stats`.
pub fn dashboard(lang: Lang, stats: &Stats) -> String {
    let w = lang.words();
    let roster = stats.roster_size > 0;
    let mut body = String::new();

    // Progress toward the target.
    let target_note = if roster {
        w.target_roster
    } else {
        w.target_default
    }
    .replace("{n}", &lang.int(i64::from(stats.target)));
    let _ = write!(
        body,
        "<section class=\"card\" id=\"progress\"><h2>{heading}</h2>\
         <p class=\"big\"><span id=\"progress-figure\">{progress}</span> {of} {target} \
         (<span id=\"progress-percent\">{percent}</span>)</p>\
         <label for=\"progress-bar\" class=\"visually-hidden\">{label}</label>\
         <progress id=\"progress-bar\" max=\"{max}\" value=\"{value}\">{percent}</progress>\
         <p class=\"help\">{note}</p></section>",
        heading = esc(w.progress_heading),
        progress = lang.int(stats.progress),
        of = esc(w.progress_of),
        target = lang.int(i64::from(stats.target)),
        percent = lang.percent(stats.percent_of_target),
        label = esc(w.progress_label),
        max = stats.target.max(1),
        value = stats.progress.min(i64::from(stats.target.max(1))),
        note = esc(&target_note),
    );

    // Key figures.
    let mut figures = vec![(w.total, stats.total)];
    if roster {
        figures.extend([
            (w.covered, stats.covered),
            (w.not_covered, stats.not_covered),
            (w.not_on_roster, stats.not_on_roster),
        ]);
    }
    figures.extend([
        (w.outside_city, stats.outside_city),
        (w.workers, stats.workers_listed),
    ]);
    let _ = write!(
        body,
        "<section class=\"card\" id=\"figures\"><h2>{}</h2><dl class=\"figures\">",
        esc(w.figures_heading)
    );
    for (label, n) in figures {
        let _ = write!(
            body,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(label),
            lang.int(n)
        );
    }
    body.push_str("</dl></section>");

    // Regions.
    let kecamatan: Vec<(&str, i64, i64, i64)> = if roster {
        stats
            .coverage_by_kecamatan
            .iter()
            .map(|k| (k.name, k.on_roster, k.covered, k.not_covered))
            .collect()
    } else {
        stats
            .by_kecamatan
            .iter()
            .map(|k| (k.name, 0, k.count, 0))
            .collect()
    };
    body.push_str(&regions(
        lang,
        "kecamatan",
        w.by_kecamatan,
        roster,
        &kecamatan,
    ));
    let kelurahan: Vec<(&str, i64, i64, i64)> = if roster {
        stats
            .coverage_by_kelurahan
            .iter()
            .map(|k| (k.name, k.on_roster, k.covered, k.not_covered))
            .collect()
    } else {
        stats
            .by_kelurahan
            .iter()
            .map(|k| (k.name, 0, k.count, 0))
            .collect()
    };
    body.push_str(&regions(
        lang,
        "kelurahan",
        w.by_kelurahan,
        roster,
        &kelurahan,
    ));

    // Business types of the roster.
    if roster {
        let rows: Vec<Vec<String>> = stats
            .coverage_by_business_type
            .iter()
            .map(|t| {
                vec![
                    t.business_type.clone(),
                    lang.int(t.on_roster),
                    lang.int(t.covered),
                    lang.int(t.not_covered),
                ]
            })
            .collect();
        let _ = write!(
            body,
            "<section class=\"card\" id=\"business-types\"><h2>{}</h2>{}</section>",
            esc(w.by_type),
            table(
                w.by_type,
                &[w.business_type, w.on_roster, w.registered, w.not_yet],
                &rows
            )
        );
    }

    // The daily trend.
    let days: Vec<(String, i64)> = stats
        .by_day
        .iter()
        .rev()
        .take(TREND_DAYS)
        .rev()
        .map(|d| (d.date.clone(), d.count))
        .collect();
    let _ = write!(
        body,
        "<section class=\"card\" id=\"trend\"><h2>{}</h2>",
        esc(w.trend_heading)
    );
    if days.is_empty() {
        let _ = write!(body, "<p>{}</p>", esc(w.nothing_yet));
    } else {
        body.push_str(&charts::trend(
            "trend-chart",
            w.trend_heading,
            &w.trend_desc.replace("{n}", &days.len().to_string()),
            &days,
        ));
        let rows: Vec<Vec<String>> = days
            .iter()
            .rev()
            .map(|(day, n)| vec![day.clone(), lang.int(*n)])
            .collect();
        let _ = write!(
            body,
            "<details><summary>{}</summary>{}</details>",
            esc(w.daily_numbers),
            table(w.daily_numbers, &[w.day, w.registrations], &rows)
        );
    }
    body.push_str("</section>");

    // Officers and koperasi.
    let officers: Vec<Vec<String>> = stats
        .by_officer
        .iter()
        .map(|o| vec![o.name.clone(), lang.int(o.count)])
        .collect();
    let _ = write!(
        body,
        "<section class=\"card\" id=\"officers\"><h2>{}</h2>{}</section>",
        esc(w.by_officer),
        if officers.is_empty() {
            format!("<p>{}</p>", esc(w.nothing_yet))
        } else {
            table(w.by_officer, &[w.officer, w.registrations], &officers)
        }
    );
    let koperasi: Vec<Vec<String>> = stats
        .by_koperasi
        .iter()
        .map(|k| vec![k.name.clone(), k.kelurahan.clone(), lang.int(k.count)])
        .collect();
    let _ = write!(
        body,
        "<section class=\"card\" id=\"koperasi\"><h2>{}</h2>{}</section>",
        esc(w.by_koperasi),
        if koperasi.is_empty() {
            format!("<p>{}</p>", esc(w.nothing_yet))
        } else {
            table(
                w.by_koperasi,
                &[w.koperasi, w.kelurahan, w.members],
                &koperasi,
            )
        }
    );

    body.push_str(&handover(lang));
    page(lang, true, &body)
}

/// The download form: one set of filters, one button per list and format (the button chooses
/// the address, so no script is needed).
fn handover(lang: Lang) -> String {
    let w = lang.words();
    let mut options = format!("<option value=\"\">{}</option>", esc(w.all_kelurahan));
    for k in Kelurahan::ALL {
        let _ = write!(
            options,
            "<option value=\"{}\">{}</option>",
            k.code(),
            esc(k.name())
        );
    }
    let button = |path: &str, label: &str| {
        format!(
            "<button type=\"submit\" formaction=\"{path}\">{}</button>",
            esc(label)
        )
    };
    format!(
        "<section class=\"card\" id=\"handover\"><h2>{heading}</h2><p class=\"help\">{help}</p>\
         <form method=\"get\" action=\"/api/v1/export.xlsx\" class=\"handover\">\
         <div class=\"field\"><label for=\"handover-from\">{from}</label>\
         <input id=\"handover-from\" name=\"from\" type=\"date\"></div>\
         <div class=\"field\"><label for=\"handover-to\">{to}</label>\
         <input id=\"handover-to\" name=\"to\" type=\"date\"></div>\
         <div class=\"field\"><label for=\"handover-kelurahan\">{kelurahan}</label>\
         <select id=\"handover-kelurahan\" name=\"kelurahan\">{options}</select></div>\
         <div class=\"buttons\">{b1}{b2}{b3}{b4}</div></form></section>",
        heading = esc(w.handover_heading),
        help = esc(w.handover_help),
        from = esc(w.from),
        to = esc(w.to),
        kelurahan = esc(w.kelurahan),
        b1 = button("/api/v1/export.xlsx", w.bpu_xlsx),
        b2 = button("/api/v1/export.csv", w.bpu_csv),
        b3 = button("/api/v1/workers.xlsx", w.pu_xlsx),
        b4 = button("/api/v1/workers.csv", w.pu_csv),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_could_open_markup_is_escaped() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
