//! The validated parts of a registration besides the person: address, business, koperasi.

use serde::{Deserialize, Serialize};

use crate::business::BusinessType;
use crate::id::KoperasiId;
use crate::nik::Nik;
use crate::region::{Kecamatan, Kelurahan};
use crate::text::{
    BusinessLocation, BusinessName, KoperasiName, LegalNumber, MemberNumber, Nib, PlaceName, Rt,
    Rw, Street,
};

/// Where the participant lives. Serialized with a `kind` tag: `in_city` or `outside_city`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Address {
    /// In Kota Mojokerto: a kelurahan from the list.
    InCity {
        /// Street and number.
        street: Street,
        /// RT.
        rt: Rt,
        /// RW.
        rw: Rw,
        /// Kelurahan.
        kelurahan: Kelurahan,
    },
    /// Outside Kota Mojokerto (e.g. Kabupaten Mojokerto residents trading in the city).
    OutsideCity {
        /// The whole address in free text.
        street: Street,
        /// City or regency.
        city: PlaceName,
    },
}

impl Address {
    /// The kelurahan, for an address in the city.
    pub fn kelurahan(&self) -> Option<Kelurahan> {
        match self {
            Address::InCity { kelurahan, .. } => Some(*kelurahan),
            Address::OutsideCity { .. } => None,
        }
    }

    /// The kecamatan, for an address in the city.
    pub fn kecamatan(&self) -> Option<Kecamatan> {
        self.kelurahan().map(Kelurahan::kecamatan)
    }
}

/// The participant's business.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Business {
    /// Name.
    pub name: BusinessName,
    /// Type: KBLI or free text.
    pub kind: BusinessType,
    /// Where it is.
    pub location: BusinessLocation,
    /// NIB, if it has one.
    pub nib: Option<Nib>,
    /// Number of employees (0 for most).
    pub employees: u16,
}

/// A koperasi (wadah) as registered: who it is, independent of any member.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Wadah {
    /// Permanent id.
    pub id: KoperasiId,
    /// Name.
    pub name: KoperasiName,
    /// The chair's NIK (`Debug` shows it masked).
    pub chair_nik: Nik,
    /// Where it is based.
    pub kelurahan: Kelurahan,
    /// Legal registration number, if it has one.
    pub legal_number: Option<LegalNumber>,
}

/// The koperasi a participant registers through, and their place in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Koperasi {
    /// The koperasi.
    pub wadah: Wadah,
    /// Member number, if known.
    pub member_number: Option<MemberNumber>,
}
