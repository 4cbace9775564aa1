//! Step 4: income, programs, payment period, the live contribution estimate, and consent.

use domain::{PaymentPeriod, errors::path};
use leptos::prelude::*;

use crate::{
    clock,
    components::form::{
        draft::Draft,
        fields::{CheckField, SelectField, TextField},
    },
    i18n::{form as t, use_i18n},
    lens, toggle,
};

/// Paths of this step, for "Next".
pub const PATHS: &[&str] = &[path::INCOME, path::PERIOD, path::START_MONTH, path::CONSENT];

/// The coverage step.
#[component]
pub fn CoverageStep(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    // The usual choice for a new form (one month, starting this month), where it is still empty.
    draft
        .sub
        .update(|s| s.form.coverage.fill_defaults(clock::today()));
    let period_options = Callback::new(move |current: String| {
        PaymentPeriod::ALL
            .iter()
            .map(|p| {
                let v = p.months().to_string();
                let label = format!("{v} {}", i18n.t(&t::MONTHS));
                view! { <option value=v.clone() selected=current == v>{label}</option> }
            })
            .collect_view()
            .into_any()
    });
    let schedule = Memo::new(move |_| draft.sub.with(|s| s.form.contribution_estimate()));
    let consent = toggle!(path::CONSENT => consent);
    let consent = crate::components::form::draft::Toggle {
        path: consent.path,
        get: consent.get,
        set: |s, v| {
            s.form.consent = v;
            // The time consent was given is part of the record (UU 27/2022), stamped by the
            // clock rule: never before the record's earlier times (`domain::clock`).
            s.consent_at = if v {
                s.stamp(clock::now()).to_string()
            } else {
                String::new()
            };
        },
    };
    view! {
        <TextField draft lens=lens!(path::INCOME => coverage.income) label=t::INCOME inputmode="numeric"/>
        <CheckField draft toggle=toggle!("coverage.jht" => coverage.jht) label=t::JHT/>
        <SelectField draft lens=lens!(path::PERIOD => coverage.period) label=t::PERIOD options=period_options/>
        <TextField draft lens=lens!(path::START_MONTH => coverage.start_month) label=t::START_MONTH kind="month"/>
        <CheckField draft toggle=toggle!("coverage.paid_by_government" => coverage.paid_by_government) label=t::PAID_BY_GOVERNMENT/>
        <section class="preview" aria-labelledby="preview-title" aria-live="polite">
            <h3 id="preview-title">{move || i18n.t(&t::PREVIEW)}</h3>
            {move || match schedule.get() {
                None => view! { <p>{i18n.t(&t::PREVIEW_NEEDS)}</p> }.into_any(),
                Some(s) => {
                    let first = s.months()[0];
                    let months = s.months().len();
                    view! {
                        <dl>
                            <dt>{i18n.t(&t::BASIS)}</dt><dd>{s.basis().to_string()}</dd>
                            <dt>{i18n.t(&t::PER_MONTH)}</dt>
                            <dd data-testid="per-month">{(first.jkk + first.jkm + first.jht).to_string()}</dd>
                            {(s.total_discount().amount() > 0).then(|| view! {
                                <dt>{i18n.t(&t::DISCOUNT)}</dt>
                                <dd data-testid="discount">{format!("−{}", s.total_discount())}</dd>
                            })}
                            <dt>{format!("{} {months} {}", i18n.t(&t::FOR_PERIOD), i18n.t(&t::MONTHS))}</dt>
                            <dd data-testid="period-total">{s.total().to_string()}</dd>
                        </dl>
                    }
                    .into_any()
                }
            }}
        </section>
        <p class="consent-text">{move || i18n.t(&t::CONSENT_TEXT)}</p>
        <CheckField draft toggle=consent label=t::CONSENT/>
    }
}
