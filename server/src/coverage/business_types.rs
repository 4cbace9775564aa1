//! Registrations by business type: every KBLI code on the list plus `other`, zero counts
//! included.

use domain::{BusinessType, business::KBLI_LIST};
use serde::Serialize;

use super::groups::{count_of, grouped};
use crate::db::Db;

/// A business type and its registrations.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BusinessTypeCount {
    /// KBLI code, or `other`.
    pub kind: &'static str,
    /// Indonesian label.
    pub label: &'static str,
    /// Registrations.
    pub count: i64,
}

/// The label of the types outside the list.
const OTHER_LABEL: &str = "Lainnya";

/// Registrations by the business's KBLI code.
pub(super) async fn count(db: &Db) -> sqlx::Result<Vec<BusinessTypeCount>> {
    let by_kind = grouped(
        db,
        "SELECT business_kind AS grouped_by, COUNT(*) AS registrations FROM registrations \
         GROUP BY business_kind",
    )
    .await?;
    Ok(KBLI_LIST
        .iter()
        .map(|e| BusinessTypeCount {
            kind: e.code,
            label: e.label_id,
            count: count_of(&by_kind, e.code),
        })
        .chain(std::iter::once(BusinessTypeCount {
            kind: BusinessType::OTHER_KIND,
            label: OTHER_LABEL,
            count: count_of(&by_kind, BusinessType::OTHER_KIND),
        }))
        .collect())
}
