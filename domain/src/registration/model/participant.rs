//! The person registered.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::errors::FieldError;
use crate::nik::Nik;
use crate::phone::PhoneNumber;
use crate::registration::rules;
use crate::sex::Sex;
use crate::text::{Email, PersonName, PlaceName};

/// The person registered. Built only by validation, which checks that the NIK agrees with the
/// entered birth date and sex; deserializing checks that agreement again.
///
/// `Debug` shows only the masked NIK: debug output ends up in logs, and the endpoint keeps
/// personal data out of them.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ParticipantRecord")]
pub struct Participant {
    pub(super) nik: Nik,
    pub(super) full_name: PersonName,
    pub(super) place_of_birth: PlaceName,
    pub(super) birth_date: Date,
    pub(super) sex: Sex,
    pub(super) mother_maiden_name: Option<PersonName>,
    pub(super) phone: PhoneNumber,
    pub(super) email: Option<Email>,
}

impl std::fmt::Debug for Participant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Participant")
            .field("nik", &self.nik)
            .finish_non_exhaustive()
    }
}

/// [`Participant`]'s fields before the NIK agreement is checked.
#[derive(Deserialize)]
struct ParticipantRecord {
    nik: Nik,
    full_name: PersonName,
    place_of_birth: PlaceName,
    birth_date: Date,
    sex: Sex,
    mother_maiden_name: Option<PersonName>,
    phone: PhoneNumber,
    email: Option<Email>,
}

impl TryFrom<ParticipantRecord> for Participant {
    type Error = FieldError;
    fn try_from(r: ParticipantRecord) -> Result<Self, Self::Error> {
        rules::check_participant(&r.nik, r.birth_date, r.sex)?;
        Ok(Participant {
            nik: r.nik,
            full_name: r.full_name,
            place_of_birth: r.place_of_birth,
            birth_date: r.birth_date,
            sex: r.sex,
            mother_maiden_name: r.mother_maiden_name,
            phone: r.phone,
            email: r.email,
        })
    }
}

impl Participant {
    /// Assembles a participant whose NIK agreement validation has already checked.
    #[allow(clippy::too_many_arguments)] // one argument per field, all typed
    pub(crate) fn from_checked_parts(
        nik: Nik,
        full_name: PersonName,
        place_of_birth: PlaceName,
        birth_date: Date,
        sex: Sex,
        mother_maiden_name: Option<PersonName>,
        phone: PhoneNumber,
        email: Option<Email>,
    ) -> Participant {
        Participant {
            nik,
            full_name,
            place_of_birth,
            birth_date,
            sex,
            mother_maiden_name,
            phone,
            email,
        }
    }

    /// NIK.
    pub fn nik(&self) -> &Nik {
        &self.nik
    }
    /// Full name as on the KTP.
    pub fn full_name(&self) -> &PersonName {
        &self.full_name
    }
    /// Place of birth.
    pub fn place_of_birth(&self) -> &PlaceName {
        &self.place_of_birth
    }
    /// Date of birth (agrees with the NIK).
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }
    /// Sex (agrees with the NIK).
    pub fn sex(&self) -> Sex {
        self.sex
    }
    /// Mother's maiden name, if given.
    pub fn mother_maiden_name(&self) -> Option<&PersonName> {
        self.mother_maiden_name.as_ref()
    }
    /// Mobile phone.
    pub fn phone(&self) -> &PhoneNumber {
        &self.phone
    }
    /// Email, if given.
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }
    /// Age in completed years on `today`.
    pub fn age_on(&self, today: Date) -> u16 {
        self.birth_date.age_on(today)
    }
}
