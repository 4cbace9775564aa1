//! Programs, payment and consent.

use super::*;

#[test]
fn a_start_month_three_months_back_is_accepted_but_four_is_too_early() {
    let mut form = form();
    form.coverage.start_month = "2026-03".into();
    assert_eq!(codes_at(&form, path::START_MONTH), Vec::<String>::new());
    form.coverage.start_month = "2026-02".into();
    assert_eq!(
        codes_at(&form, path::START_MONTH),
        ["start_month.too_early"]
    );
}

#[test]
fn a_start_month_twelve_months_ahead_is_accepted_but_thirteen_is_too_late() {
    let mut form = form();
    form.coverage.start_month = "2027-06".into();
    assert_eq!(codes_at(&form, path::START_MONTH), Vec::<String>::new());
    form.coverage.start_month = "2027-07".into();
    assert_eq!(codes_at(&form, path::START_MONTH), ["start_month.too_late"]);
}

#[test]
fn a_registration_without_consent_is_rejected() {
    let mut form = form();
    form.consent = false;
    assert_eq!(codes_at(&form, path::CONSENT), ["consent.not_given"]);
}

#[test]
fn an_ojek_registration_is_discounted_in_the_transport_window() {
    let mut ojek = submission();
    ojek.form.business.kind = "49424".into();
    ojek.form.coverage.paid_by_government = false;
    ojek.form.coverage.income = "1000000".into();
    ojek.form.coverage.jht = false;
    ojek.form.coverage.period = "1".into();
    ojek.form.coverage.start_month = "2026-03".into();
    let registration = Registration::from_submission(&ojek, REFERENCE_TODAY).unwrap();
    assert_eq!(
        registration.contribution_schedule().total(),
        crate::Rupiah(8_400)
    );
}
