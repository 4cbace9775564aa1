//! The hand-over files there are: each of the two lists in each of the two formats. The API's
//! routes and the dashboard's download buttons are both made from [`HandOver::ALL`], so a file
//! has one name, one path and one content type.

use domain::wire::API_PREFIX;

/// A list handed over to the branch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// The BPU registrations, one row per participant ([`super::bpu`]).
    Bpu,
    /// The owners' workers (PU), one row per worker ([`super::workers`]).
    Workers,
}

impl List {
    /// The last part of its API path (`/api/v1/export.csv`, `/api/v1/workers.csv`).
    pub fn route(self) -> &'static str {
        match self {
            List::Bpu => "export",
            List::Workers => "workers",
        }
    }

    /// Its name in the file name and as the workbook's sheet (`lindungi-bpu-….xlsx`).
    pub fn name(self) -> &'static str {
        match self {
            List::Bpu => "bpu",
            List::Workers => "pekerja",
        }
    }
}

/// A file format of the hand-over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated, UTF-8, cells that a spreadsheet would run made safe.
    Csv,
    /// An Excel workbook, NIK and phone numbers as text cells.
    Xlsx,
}

impl Format {
    /// The file extension, also the end of the API path.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The `Content-Type` of the download.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// One hand-over file: a list in a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandOver {
    /// Which rows.
    pub list: List,
    /// Written how.
    pub format: Format,
}

impl HandOver {
    /// The BPU registrations as CSV.
    pub const BPU_CSV: HandOver = HandOver::new(List::Bpu, Format::Csv);
    /// The BPU registrations as XLSX.
    pub const BPU_XLSX: HandOver = HandOver::new(List::Bpu, Format::Xlsx);
    /// The workers as CSV.
    pub const WORKERS_CSV: HandOver = HandOver::new(List::Workers, Format::Csv);
    /// The workers as XLSX.
    pub const WORKERS_XLSX: HandOver = HandOver::new(List::Workers, Format::Xlsx);
    /// Every file, in the order the dashboard offers them.
    pub const ALL: [HandOver; 4] = [
        Self::BPU_XLSX,
        Self::BPU_CSV,
        Self::WORKERS_XLSX,
        Self::WORKERS_CSV,
    ];

    const fn new(list: List, format: Format) -> Self {
        HandOver { list, format }
    }

    /// Its path under the API's prefix: `/export.csv`, `/workers.xlsx`, …
    pub fn route(self) -> String {
        format!("/{}.{}", self.list.route(), self.format.extension())
    }

    /// Its full path: `/api/v1/export.csv`, …
    pub fn path(self) -> String {
        format!("{API_PREFIX}{}", self.route())
    }

    /// The download's file name on `day`: `lindungi-bpu-2026-06-15.xlsx`.
    pub fn file_name(self, day: domain::Date) -> String {
        format!(
            "lindungi-{}-{day}.{}",
            self.list.name(),
            self.format.extension()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_has_its_own_path_named_by_its_list_and_format() {
        let paths: Vec<String> = HandOver::ALL.iter().map(|f| f.path()).collect();
        assert_eq!(
            paths,
            [
                "/api/v1/export.xlsx",
                "/api/v1/export.csv",
                "/api/v1/workers.xlsx",
                "/api/v1/workers.csv"
            ]
        );
        let day = domain::Date::new(2026, 6, 15).unwrap();
        assert_eq!(
            HandOver::WORKERS_CSV.file_name(day),
            "lindungi-pekerja-2026-06-15.csv"
        );
    }
}
