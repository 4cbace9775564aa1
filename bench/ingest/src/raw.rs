//! The ceiling: the same rows put straight into the same kind of database, created by the
//! endpoint's own migrations and connection settings, in one transaction per batch: no HTTP,
//! no JSON, no validation, no duplicate checks, no workers or koperasi. Two shapes of
//! statement: one prepared `INSERT` per row (the ceiling of the earlier runs), and multi-row
//! `INSERT`s of 100 rows (the shape the endpoint now writes with, and the faster of the two:
//! the ceiling the budgets are judged against).

use std::time::Instant;

use domain::{Date, Registration};
use lindungi_server::{
    config::SqliteSynchronous,
    db::{Backend, Db},
};
use sqlx::{Any, query::Query};

/// Rows per multi-row statement, as the endpoint writes them.
const ROWS_PER_STATEMENT: usize = 100;
const COLUMNS: &str = "id, nik, kelurahan_code, kecamatan_code, business_kind, koperasi_id, \
     officer_id, device_id, receipt_year, receipt_sequence, receipt, validated_on, received_at, \
     canonical_json";
const COLUMN_COUNT: usize = 14;

/// How the rows are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One prepared `INSERT` per row.
    RowByRow,
    /// `INSERT … VALUES (…), (…), …` of [`ROWS_PER_STATEMENT`] rows.
    MultiRow,
}

/// Inserts every registration into a fresh database at `url`, `batch` rows per transaction,
/// SQLite committing with `synchronous`; returns rows per second.
pub async fn insert_rate(
    url: &str,
    synchronous: SqliteSynchronous,
    shape: Shape,
    batch: usize,
    registrations: &[Registration],
    today: Date,
) -> anyhow::Result<f64> {
    let db = Db::connect_with(url, synchronous).await?;
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
    let rows: Vec<Row<'_>> = registrations
        .iter()
        .enumerate()
        .map(|(i, registration)| Row {
            registration,
            canonical_json: serde_json::to_string(registration).expect("a registration serializes"),
            sequence: i as i64 + 1,
        })
        .collect();
    let one_row = format!(
        "INSERT INTO registrations ({COLUMNS}) VALUES {}",
        values(db.backend, 1)
    );

    let started = Instant::now();
    for chunk in rows.chunks(batch) {
        let mut tx = db.pool.begin().await?;
        match shape {
            Shape::RowByRow => {
                for row in chunk {
                    let query = sqlx::query(sqlx::AssertSqlSafe(one_row.clone()));
                    row.bind(query, today).execute(&mut *tx).await?;
                }
            }
            Shape::MultiRow => {
                for statement in chunk.chunks(ROWS_PER_STATEMENT) {
                    let sql = format!(
                        "INSERT INTO registrations ({COLUMNS}) VALUES {}",
                        values(db.backend, statement.len())
                    );
                    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for row in statement {
                        query = row.bind(query, today);
                    }
                    query.execute(&mut *tx).await?;
                }
            }
        }
        tx.commit().await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    db.pool.close().await;
    Ok(registrations.len() as f64 / seconds)
}

/// A row as the endpoint writes it (server/src/ingest/store.rs), column for column.
struct Row<'a> {
    registration: &'a Registration,
    canonical_json: String,
    sequence: i64,
}

impl Row<'_> {
    fn bind<'q>(
        &self,
        query: Query<'q, Any, sqlx::any::AnyArguments>,
        today: Date,
    ) -> Query<'q, Any, sqlx::any::AnyArguments> {
        let registration = self.registration;
        let address = registration.address();
        query
            .bind(registration.id().as_str())
            .bind(registration.participant().nik().as_str())
            .bind(address.kelurahan().map(|k| k.code()))
            .bind(address.kecamatan().map(|k| k.code()))
            .bind(registration.business().kind.kind())
            .bind(registration.koperasi().map(|k| k.wadah.id.as_str()))
            .bind(1_i64)
            .bind(1_i64)
            .bind(i64::from(today.year()))
            .bind(self.sequence)
            .bind(format!("BENCH-{:06}", self.sequence))
            .bind(today.to_string())
            .bind(0_i64)
            .bind(self.canonical_json.as_str())
    }
}

/// `(…), (…)` for `rows` rows: `?` on SQLite, `$n` on PostgreSQL, as the endpoint writes them.
fn values(backend: Backend, rows: usize) -> String {
    let mut n = 0;
    let row = |n: &mut usize| {
        let marks: Vec<String> = (0..COLUMN_COUNT)
            .map(|_| match backend {
                Backend::Sqlite => "?".to_owned(),
                Backend::Postgres => {
                    *n += 1;
                    format!("${n}")
                }
            })
            .collect();
        format!("({})", marks.join(", "))
    };
    (0..rows)
        .map(|_| row(&mut n))
        .collect::<Vec<_>>()
        .join(", ")
}
