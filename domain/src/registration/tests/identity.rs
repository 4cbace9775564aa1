//! The person: the NIK against the birth date and sex, and the age bounds.

use super::*;

#[test]
fn a_birth_date_that_differs_from_the_nik_is_a_mismatch() {
    let mut form = form();
    form.participant.birth_date = "1990-07-06".into();
    assert_eq!(
        codes_at(&form, path::BIRTH_DATE),
        ["birth_date.nik_mismatch"]
    );
}

#[test]
fn a_birth_year_in_another_century_of_the_nik_is_a_mismatch_only_if_the_digits_differ() {
    let mut form = form();
    form.participant.birth_date = "1991-07-05".into();
    assert_eq!(
        codes_at(&form, path::BIRTH_DATE),
        ["birth_date.nik_mismatch"]
    );
}

#[test]
fn a_sex_that_differs_from_the_nik_is_a_mismatch() {
    let mut form = form();
    form.participant.sex = "L".into();
    assert_eq!(codes_at(&form, path::SEX), ["sex.nik_mismatch"]);
}

#[test]
fn an_invalid_nik_is_not_also_compared_with_the_birth_date_and_sex() {
    let mut form = form();
    form.participant.nik = "3576010007900001".into();
    form.participant.sex = "L".into();
    let errors = form.errors(REFERENCE_TODAY);
    assert_eq!(errors, [FieldError::new(path::NIK, "nik.day_out_of_range")]);
}

#[test]
fn a_birth_date_in_the_future_is_rejected() {
    let mut form = form();
    form.participant.nik = nik_for("357601", date("2026-06-16"), Sex::Female, 1);
    form.participant.birth_date = "2026-06-16".into();
    assert_eq!(codes_at(&form, path::BIRTH_DATE), ["birth_date.in_future"]);
}

fn born(birth: &str) -> RegistrationForm {
    let mut form = form();
    form.participant.nik = nik_for("357601", date(birth), Sex::Female, 1);
    form.participant.birth_date = birth.into();
    form
}

#[test]
fn someone_who_turns_fifteen_today_may_register() {
    assert_eq!(
        codes_at(&born("2011-06-15"), path::BIRTH_DATE),
        Vec::<String>::new()
    );
}

#[test]
fn someone_fifteen_tomorrow_is_too_young() {
    assert_eq!(
        codes_at(&born("2011-06-16"), path::BIRTH_DATE),
        ["birth_date.too_young"]
    );
}

#[test]
fn someone_who_is_a_hundred_may_register() {
    assert_eq!(
        codes_at(&born("1926-01-01"), path::BIRTH_DATE),
        Vec::<String>::new()
    );
}

#[test]
fn someone_who_turned_a_hundred_and_one_is_too_old() {
    assert_eq!(
        codes_at(&born("1925-06-15"), path::BIRTH_DATE),
        ["birth_date.too_old"]
    );
}
