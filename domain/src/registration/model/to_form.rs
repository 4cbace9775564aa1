//! From a validated registration back to the form that validates into it, in canonical spelling:
//! what a stored record is edited as, and what is sent.

use crate::business::BusinessType;
use crate::registration::form::{
    AddressForm, BusinessForm, CoverageForm, KoperasiForm, ParticipantForm, RegistrationForm,
    WorkerForm,
};
use crate::registration::model::{Address, Registration, Wadah};

impl Registration {
    /// The form that validates back into this registration, in canonical spelling.
    pub fn to_form(&self) -> RegistrationForm {
        let p = &self.participant;
        let optional = |value: Option<String>| value.unwrap_or_default();
        let participant = ParticipantForm {
            nik: p.nik.to_string(),
            full_name: p.full_name.to_string(),
            place_of_birth: p.place_of_birth.to_string(),
            birth_date: p.birth_date.to_string(),
            sex: p.sex.to_string(),
            mother_maiden_name: optional(p.mother_maiden_name.as_ref().map(ToString::to_string)),
            phone: p.phone.e164().to_owned(),
            email: optional(p.email.as_ref().map(ToString::to_string)),
        };
        let address = match &self.address {
            Address::InCity {
                street,
                rt,
                rw,
                kelurahan,
            } => AddressForm {
                outside_city: false,
                street: street.to_string(),
                rt: rt.to_string(),
                rw: rw.to_string(),
                kelurahan: kelurahan.code().to_owned(),
                city: String::new(),
            },
            Address::OutsideCity { street, city } => AddressForm {
                outside_city: true,
                street: street.to_string(),
                city: city.to_string(),
                ..AddressForm::default()
            },
        };
        let b = &self.business;
        let business = BusinessForm {
            name: b.name.to_string(),
            kind: b.kind.kind().to_owned(),
            other_kind: match &b.kind {
                BusinessType::Other(text) => text.to_string(),
                BusinessType::Kbli(_) => String::new(),
            },
            location: b.location.to_string(),
            nib: optional(b.nib.as_ref().map(ToString::to_string)),
            employees: b.employees.to_string(),
        };
        let koperasi = match &self.koperasi {
            Some(k) => KoperasiForm {
                member_number: optional(k.member_number.as_ref().map(ToString::to_string)),
                ..k.wadah.to_form()
            },
            None => KoperasiForm::default(),
        };
        let workers = self
            .workers
            .iter()
            .map(|w| WorkerForm {
                full_name: w.full_name.to_string(),
                nik: w.nik.to_string(),
                phone: optional(w.phone.as_ref().map(|p| p.e164().to_owned())),
                wage: w.wage.rupiah().amount().to_string(),
            })
            .collect();
        let c = &self.coverage;
        let coverage = CoverageForm {
            income: c.income.rupiah().amount().to_string(),
            jht: c.jht,
            period: c.period.to_string(),
            start_month: c.start_month.to_string(),
            paid_by_government: c.paid_by_government,
        };
        RegistrationForm {
            participant,
            address,
            business,
            koperasi,
            workers,
            coverage,
            consent: true,
        }
    }
}

impl Wadah {
    /// The koperasi form that validates back into this koperasi (registering through it, no
    /// member number).
    pub fn to_form(&self) -> KoperasiForm {
        KoperasiForm {
            via_koperasi: true,
            id: self.id.to_string(),
            name: self.name.to_string(),
            chair_nik: self.chair_nik.to_string(),
            kelurahan: self.kelurahan.code().to_owned(),
            legal_number: self
                .legal_number
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            member_number: String::new(),
        }
    }
}
