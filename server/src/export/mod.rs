//! The hand-over files for the BPJS branch: the BPU registrations ([`bpu`]) and the owners'
//! workers for the employer (PU) path ([`workers`]), each a list of [`columns`] kept as data and
//! written as CSV or XLSX by the same code ([`write`]); [`files`] names each (list, format)
//! pair, [`filter`] chooses the registrations and [`source`] reads them.

pub mod bpu;
pub mod columns;
pub mod files;
pub mod filter;
pub mod source;
pub mod workers;
pub mod write;

pub use bpu::{COLUMNS, ExportRow};
pub use columns::{Column, column, date, empty, number_column, yes_no};
pub use files::{Format, HandOver, List};
pub use filter::Filter;
pub use source::Received;
pub use workers::{WORKER_COLUMNS, WorkerRow};
pub use write::{safe_cell, to_csv, to_xlsx};
