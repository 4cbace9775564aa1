//! The officers' areas from the dashboard: each officer's form posts here, signed in (the same
//! admin sign-in as the page; its SameSite=Strict cookie is what keeps other sites from posting
//! it). A new area replaces the old one, as `lindungi-server assign-officer` does.

use axum::{
    Form,
    extract::{State, rejection::FormRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::CookieJar;
use domain::{Kelurahan, wire::worklist::Area};

use super::{PAGE_PATH, html, remembered_language};
use crate::{
    AppState, areas,
    audit::Actor,
    auth::Admin,
    devices_health,
    error::{Error, Result},
    proxy::Client,
};

/// Largest form read: an officer id and 19 boxes fit in well under a kilobyte.
pub(super) const MAX_FORM_BYTES: usize = 4 * 1024;

/// What the field cards need besides the figures.
pub(super) async fn field(state: &AppState) -> Result<html::Field> {
    Ok(html::Field {
        officers: areas::all(&state.db).await?,
        phones: devices_health::phones(&state.db).await?,
        served_version: devices_health::served_app_version(&state.config.dist_dir),
        now: state.config.clock.now_millis(),
    })
}

/// The area a form asks for, or why it cannot be read.
fn area_of(form: &[(String, String)]) -> std::result::Result<(i64, Area), &'static str> {
    let mut officer = None;
    let mut kelurahan = Vec::new();
    let mut whole_city = false;
    for (name, value) in form {
        match name.as_str() {
            "officer" => officer = value.parse::<i64>().ok(),
            "kelurahan" => kelurahan.push(Kelurahan::from_code(value).ok_or("kelurahan")?),
            "whole_city" => whole_city = true,
            _ => {}
        }
    }
    let officer = officer.ok_or("officer")?;
    match (kelurahan.is_empty(), whole_city) {
        (false, true) => Err("both"),
        (true, true) => Ok((officer, Area::WholeCity)),
        _ => Ok((officer, Area::of_kelurahan(kelurahan))),
    }
}

/// Saves an officer's area and goes back to their row; without a sign-in, the sign-in form.
pub(super) async fn assign(
    State(state): State<AppState>,
    jar: CookieJar,
    client: Client,
    admin: std::result::Result<Admin, Error>,
    form: std::result::Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response> {
    let lang = remembered_language(&jar);
    let Ok(admin) = admin else {
        tracing::warn!("officer area change refused: not signed in");
        return Ok(html(
            StatusCode::UNAUTHORIZED,
            super::html::sign_in(lang, None),
        ));
    };
    let w = lang.field();
    let refused = |status, reason: &str| html(status, super::html::area_refused(lang, reason));
    let Ok(Form(form)) = form else {
        return Ok(refused(StatusCode::BAD_REQUEST, w.bad_form));
    };
    let (officer, area) = match area_of(&form) {
        Ok(parsed) => parsed,
        Err("both") => return Ok(refused(StatusCode::BAD_REQUEST, w.both_chosen)),
        Err(_) => return Ok(refused(StatusCode::BAD_REQUEST, w.bad_form)),
    };
    let by = areas::AssignedBy {
        actor: &Actor::Admin { label: admin.label },
        address: client.address,
        now: state.now_millis(),
    };
    if !areas::assign(&state.db, officer, &area, by).await? {
        return Ok(refused(StatusCode::NOT_FOUND, w.no_such_officer));
    }
    Ok(Redirect::to(&format!("{PAGE_PATH}#officer-{officer}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_form_reads_as_the_officer_and_the_area_it_asks_for() {
        let form = pairs(&[
            ("officer", "3"),
            ("kelurahan", "35.76.03.1002"),
            ("kelurahan", "35.76.01.1004"),
        ]);
        assert_eq!(
            area_of(&form),
            Ok((3, Area::of_kelurahan([Kelurahan::Kauman, Kelurahan::Miji])))
        );
        assert_eq!(
            area_of(&pairs(&[("officer", "3")])),
            Ok((3, Area::Unassigned))
        );
        assert_eq!(
            area_of(&pairs(&[("officer", "3"), ("whole_city", "1")])),
            Ok((3, Area::WholeCity))
        );
    }

    #[test]
    fn a_form_with_both_choices_or_a_bad_value_is_refused() {
        let both = pairs(&[
            ("officer", "3"),
            ("kelurahan", "35.76.01.1004"),
            ("whole_city", "1"),
        ]);
        assert_eq!(area_of(&both), Err("both"));
        assert!(area_of(&pairs(&[("officer", "x")])).is_err());
        assert!(area_of(&pairs(&[("officer", "3"), ("kelurahan", "Atlantis")])).is_err());
    }
}
