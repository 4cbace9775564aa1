//! Officers' areas: the kelurahan each officer works, which decide what their phones' worklist
//! holds (`domain::wire::worklist::Area`).
//!
//! The city sets an area with `lindungi-server assign-officer ID --kelurahan Kauman,Miji` or
//! from the dashboard; a new area replaces the old one whole. An officer without kelurahan sees
//! nothing, unless the city gave them the whole city (`--whole-city`): a list of 32,051 people
//! goes to a phone only when someone decided it should.

use std::net::IpAddr;

use domain::{Kelurahan, wire::worklist::Area};
use sqlx::AnyConnection;

use crate::{
    audit::{self, Actor, Event},
    db::Db,
};

/// The kelurahan of a list as typed: codes or names in any spelling `Kelurahan::parse` accepts,
/// separated by commas (`Kauman, 35.76.03.1002`). An entry that is not a kelurahan is an error
/// that names it (a kelurahan's name is not personal data).
pub fn parse_kelurahan_list(input: &str) -> Result<Vec<Kelurahan>, String> {
    let mut list = Vec::new();
    let mut unknown = Vec::new();
    for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match Kelurahan::parse(part) {
            Ok(kelurahan) => list.push(kelurahan),
            Err(_) => unknown.push(format!("\"{part}\"")),
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "not a kelurahan of Kota Mojokerto: {} (use a name such as Kauman or a code such as \
             35.76.01.1004)",
            unknown.join(", ")
        ));
    }
    if list.is_empty() {
        return Err("no kelurahan given".to_owned());
    }
    Ok(list)
}

/// The area of officer `officer_id` as stored (an unknown officer has none).
pub async fn of_officer(conn: &mut AnyConnection, officer_id: i64) -> sqlx::Result<Area> {
    let codes: Vec<(String,)> = sqlx::query_as(
        "SELECT kelurahan_code FROM officer_areas WHERE officer_id = $1 ORDER BY kelurahan_code",
    )
    .bind(officer_id)
    .fetch_all(&mut *conn)
    .await?;
    let whole_city: Option<(i64,)> =
        sqlx::query_as("SELECT whole_city FROM officers WHERE id = $1")
            .bind(officer_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(area_of(
        codes.iter().map(|(code,)| code.as_str()),
        whole_city.is_some_and(|(flag,)| flag != 0),
    ))
}

/// An area from its stored parts. A stored code that no longer names a kelurahan (none does
/// today) is left out rather than failing the officer's every sync.
fn area_of<'a>(codes: impl Iterator<Item = &'a str>, whole_city: bool) -> Area {
    match Area::of_kelurahan(codes.filter_map(Kelurahan::from_code)) {
        Area::Unassigned if whole_city => Area::WholeCity,
        area => area,
    }
}

/// Who changes an area, from where, and when: what the audit trail records.
pub struct AssignedBy<'a> {
    /// The command line, or an admin token's holder.
    pub actor: &'a Actor,
    /// The client's address (none from the command line).
    pub address: Option<IpAddr>,
    /// Now (unix millis).
    pub now: i64,
}

/// Replaces the area of the active officer `officer_id`, with an entry in the audit trail in the
/// same transaction. False if there is no such officer (or they were revoked).
pub async fn assign(
    db: &Db,
    officer_id: i64,
    area: &Area,
    by: AssignedBy<'_>,
) -> sqlx::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let whole_city = i64::from(matches!(area, Area::WholeCity));
    let done =
        sqlx::query("UPDATE officers SET whole_city = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(whole_city)
            .bind(officer_id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM officer_areas WHERE officer_id = $1")
        .bind(officer_id)
        .execute(&mut *tx)
        .await?;
    let mut codes = Vec::new();
    if let Area::Kelurahan { kelurahan } = area {
        for k in kelurahan {
            sqlx::query("INSERT INTO officer_areas (officer_id, kelurahan_code) VALUES ($1, $2)")
                .bind(officer_id)
                .bind(k.code())
                .execute(&mut *tx)
                .await?;
            codes.push(k.code().to_owned());
        }
    }
    let event = Event::OfficerAreaAssigned {
        officer_id,
        kelurahan: codes,
        whole_city: whole_city == 1,
    };
    audit::record(&mut *tx, by.now, by.actor, by.address, &event).await?;
    tx.commit().await?;
    tracing::info!(
        officer_id,
        kelurahan = match area {
            Area::Kelurahan { kelurahan } => kelurahan.len(),
            _ => 0,
        },
        whole_city = whole_city == 1,
        "officer area assigned"
    );
    Ok(true)
}

/// An active officer and their area, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerArea {
    /// The officer's id.
    pub id: i64,
    /// The officer's name.
    pub name: String,
    /// Their area.
    pub area: Area,
}

/// Every active officer with their area, by name.
pub async fn all(db: &Db) -> sqlx::Result<Vec<OfficerArea>> {
    let officers: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, name, whole_city FROM officers WHERE revoked_at IS NULL ORDER BY name, id",
    )
    .fetch_all(&db.pool)
    .await?;
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT a.officer_id, a.kelurahan_code FROM officer_areas a \
         JOIN officers o ON o.id = a.officer_id WHERE o.revoked_at IS NULL",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(officers
        .into_iter()
        .map(|(id, name, whole_city)| OfficerArea {
            area: area_of(
                rows.iter()
                    .filter(|(officer, _)| *officer == id)
                    .map(|(_, code)| code.as_str()),
                whole_city != 0,
            ),
            id,
            name,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_names_and_codes_in_any_spelling_reads_as_kelurahan() {
        assert_eq!(
            parse_kelurahan_list("Kauman, miji ,35.76.02.1001,Gunung Gedangan"),
            Ok(vec![
                Kelurahan::Kauman,
                Kelurahan::Miji,
                Kelurahan::Gununggedangan,
                Kelurahan::Gununggedangan
            ])
        );
    }

    #[test]
    fn a_name_that_is_no_kelurahan_is_an_error_naming_it() {
        let error = parse_kelurahan_list("Kauman,Atlantis,Miji,Gotham").unwrap_err();
        assert!(error.contains("\"Atlantis\", \"Gotham\""), "{error}");
        assert!(
            !error.contains("\"Kauman\"") && !error.contains("\"Miji\""),
            "{error}"
        );
        assert_eq!(
            parse_kelurahan_list(" , "),
            Err("no kelurahan given".into())
        );
    }

    #[test]
    fn whole_city_counts_only_for_an_officer_without_kelurahan() {
        assert_eq!(area_of(std::iter::empty(), true), Area::WholeCity);
        assert_eq!(area_of(std::iter::empty(), false), Area::Unassigned);
        assert_eq!(
            area_of(["35.76.01.1004"].into_iter(), true),
            Area::of_kelurahan([Kelurahan::Kauman])
        );
    }
}
