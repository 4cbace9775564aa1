//! The ceiling: the same rows put straight into the same kind of database, created by the
//! endpoint's own migrations and connection settings, with plain prepared INSERTs in one
//! transaction per 500 rows: no HTTP, no JSON, no validation, no duplicate checks.

use std::time::Instant;

use domain::{Date, Registration};
use lindungi_server::db::Db;

/// Rows per transaction, as in the endpoint's largest batch.
const ROWS_PER_TRANSACTION: usize = 500;

/// Inserts every registration into a fresh database at `url`; returns rows per second.
pub async fn insert_rate(
    url: &str,
    registrations: &[Registration],
    today: Date,
) -> anyhow::Result<f64> {
    let db = Db::connect(url).await?;
    // The foreign keys of a registration: one officer and one device.
    sqlx::query("INSERT INTO officers (id, name, created_at) VALUES (1, 'Petugas Bench', 0)")
        .execute(&db.pool)
        .await?;
    sqlx::query(
        "INSERT INTO devices (id, officer_id, name, token_hash, created_at) \
         VALUES (1, 1, 'HP Bench', 'bench', 0)",
    )
    .execute(&db.pool)
    .await?;
    // Serialized outside the timed part: the ceiling is the database's, not serde's.
    let rows: Vec<(&Registration, String)> = registrations
        .iter()
        .map(|r| {
            (
                r,
                serde_json::to_string(r).expect("a registration serializes"),
            )
        })
        .collect();

    let started = Instant::now();
    for (chunk_index, chunk) in rows.chunks(ROWS_PER_TRANSACTION).enumerate() {
        let mut tx = db.pool.begin().await?;
        for (i, (registration, canonical_json)) in chunk.iter().enumerate() {
            let sequence = (chunk_index * ROWS_PER_TRANSACTION + i + 1) as i64;
            let address = registration.address();
            // The endpoint's INSERT, column for column (server/src/ingest.rs).
            sqlx::query(
                "INSERT INTO registrations (id, nik, kelurahan_code, kecamatan_code, \
                 business_kind, koperasi_id, officer_id, device_id, receipt_year, \
                 receipt_sequence, receipt, validated_on, received_at, canonical_json) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(registration.id().as_str())
            .bind(registration.participant().nik().as_str())
            .bind(address.kelurahan().map(|k| k.code()))
            .bind(address.kecamatan().map(|k| k.code()))
            .bind(registration.business().kind.kind())
            .bind(
                registration
                    .koperasi()
                    .map(|k| k.wadah.id.as_str().to_owned()),
            )
            .bind(1_i64)
            .bind(1_i64)
            .bind(i64::from(today.year()))
            .bind(sequence)
            .bind(format!("BENCH-{sequence:06}"))
            .bind(today.to_string())
            .bind(0_i64)
            .bind(canonical_json.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    db.pool.close().await;
    Ok(registrations.len() as f64 / seconds)
}
