//! Which registrations a hand-over file holds: received from, received until, and kelurahan.
//!
//! Days are WIB days of receipt (`registrations.validated_on`), both ends included, so "from
//! the 1st to the 7th" is the week the branch gets, whatever day the phones went offline.

use axum::{
    extract::{FromRequestParts, Query},
    http::request::Parts,
};
use domain::{Date, Kelurahan};
use serde::Deserialize;

use crate::error::Error;

/// The query of a hand-over download, as typed (an empty value is no filter: a browser form
/// sends empty fields).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterQuery {
    /// First WIB day of receipt included, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last WIB day of receipt included, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Only participants living in this kelurahan: its code (`35.76.01.1004`) or its name.
    pub kelurahan: Option<String>,
}

/// A checked filter.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// First day of receipt included.
    pub from: Option<Date>,
    /// Last day of receipt included.
    pub to: Option<Date>,
    /// The participant's kelurahan.
    pub kelurahan: Option<Kelurahan>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Filter {
    /// Checks a query; the message says which parameter is wrong and how to write it (the
    /// value itself is not repeated).
    pub fn parse(query: &FilterQuery) -> Result<Filter, String> {
        let day = |name: &str, value: &Option<String>| {
            given(value)
                .map(|v| {
                    Date::parse(v)
                        .map_err(|_| format!("`{name}` must be a date written YYYY-MM-DD."))
                })
                .transpose()
        };
        let filter = Filter {
            from: day("from", &query.from)?,
            to: day("to", &query.to)?,
            kelurahan: given(&query.kelurahan)
                .map(|v| {
                    Kelurahan::parse(v).map_err(|_| {
                        "`kelurahan` must be the code or the name of a kelurahan of Kota \
                         Mojokerto."
                            .to_owned()
                    })
                })
                .transpose()?,
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            return Err("`from` is after `to`.".to_owned());
        }
        Ok(filter)
    }

    /// The SQL condition on `registrations` (starting ` WHERE`, or empty) and its values, to be
    /// bound in order as `$1`, `$2`, …
    pub fn sql(&self) -> (String, Vec<String>) {
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        let mut condition = |sql: &str, value: String| {
            values.push(value);
            conditions.push(format!("{sql} ${}", values.len()));
        };
        // `validated_on` is `YYYY-MM-DD` text: ordered as text as it is as days.
        if let Some(from) = self.from {
            condition("validated_on >=", from.to_string());
        }
        if let Some(to) = self.to {
            condition("validated_on <=", to.to_string());
        }
        if let Some(kelurahan) = self.kelurahan {
            condition("kelurahan_code =", kelurahan.code().to_owned());
        }
        if conditions.is_empty() {
            (String::new(), values)
        } else {
            (format!(" WHERE {}", conditions.join(" AND ")), values)
        }
    }
}

/// The filter of a hand-over request, from its query string: every export route takes it, and a
/// query that cannot be read or a filter that is wrong is a 400 that names the parameter.
impl<S: Send + Sync> FromRequestParts<S> for Filter {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Query(query) = Query::<FilterQuery>::from_request_parts(parts, state)
            .await
            .map_err(|_| {
                Error::BadRequest(
                    "The query string cannot be read: use from, to and kelurahan.".into(),
                )
            })?;
        Filter::parse(&query).map_err(Error::BadRequest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(from: &str, to: &str, kelurahan: &str) -> FilterQuery {
        FilterQuery {
            from: Some(from.into()),
            to: Some(to.into()),
            kelurahan: Some(kelurahan.into()),
        }
    }

    #[test]
    fn empty_fields_are_no_filter() {
        assert_eq!(Filter::parse(&query("", " ", "")), Ok(Filter::default()));
        assert_eq!(Filter::default().sql(), (String::new(), Vec::new()));
    }

    #[test]
    fn a_filter_becomes_numbered_conditions() {
        let filter = Filter::parse(&query("2026-06-01", "2026-06-30", "Kauman")).unwrap();
        let (sql, values) = filter.sql();
        assert_eq!(
            sql,
            " WHERE validated_on >= $1 AND validated_on <= $2 AND kelurahan_code = $3"
        );
        assert_eq!(values, ["2026-06-01", "2026-06-30", "35.76.01.1004"]);
    }

    #[test]
    fn a_bad_date_an_unknown_kelurahan_or_a_reversed_range_is_refused() {
        assert!(
            Filter::parse(&query("kemarin", "", ""))
                .unwrap_err()
                .contains("`from`")
        );
        assert!(
            Filter::parse(&query("", "", "Atlantis"))
                .unwrap_err()
                .contains("`kelurahan`")
        );
        assert!(
            Filter::parse(&query("2026-06-30", "2026-06-01", ""))
                .unwrap_err()
                .contains("after")
        );
    }
}
