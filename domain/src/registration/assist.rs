//! What the form works out for the officer while they type: the birth date and sex a NIK
//! encodes, the usual period and start month, the sector of the chosen business type, the
//! contribution estimate, and the employee count that follows the listed workers.
//!
//! These are rules too (which sector gets which discount window, what a NIK says), so they live
//! here with plain tests, and the screens only call them.

use crate::business::{BusinessType, Kbli, Sector, parse_employees};
use crate::date::{Date, YearMonth};
use crate::iuran::{Coverage, DeclaredIncome, PaymentPeriod, Schedule};
use crate::nik::Nik;
use crate::registration::form::{CoverageForm, ParticipantForm, RegistrationForm, WorkerForm};

/// The payment period a new registration starts with: one month, the smallest outlay.
pub const DEFAULT_PERIOD: PaymentPeriod = PaymentPeriod::One;

impl ParticipantForm {
    /// After the NIK changed: fills an empty birth date and sex from what a valid NIK encodes
    /// (`docs/domain.md` §5; the century is the latest one that is not after `today`). What the
    /// officer already entered is left alone: a disagreement is for the cross-field rule to flag.
    pub fn fill_from_nik(&mut self, today: Date) {
        let Ok(nik) = Nik::parse(&self.nik) else {
            return;
        };
        if self.birth_date.trim().is_empty() {
            self.birth_date = nik.birth_date(today).to_string();
        }
        if self.sex.trim().is_empty() {
            self.sex = nik.sex().to_string();
        }
    }
}

impl CoverageForm {
    /// Fills what a new registration usually has, where it is still empty: paying
    /// [`DEFAULT_PERIOD`], starting in `today`'s month.
    pub fn fill_defaults(&mut self, today: Date) {
        if self.start_month.trim().is_empty() {
            self.start_month = today.year_month().to_string();
        }
        if self.period.trim().is_empty() {
            self.period = DEFAULT_PERIOD.to_string();
        }
    }
}

impl RegistrationForm {
    /// The sector of the chosen business type, for the PP 50/2025 discount windows: a listed KBLI
    /// code's sector, anything else (nothing chosen yet, "other") the general one.
    pub fn sector(&self) -> Sector {
        Kbli::from_code(&self.business.kind)
            .map(|k| BusinessType::Kbli(k).sector())
            .unwrap_or(Sector::Other)
    }

    /// The coverage the form describes so far, if income, period and start month all parse.
    pub fn coverage_so_far(&self) -> Option<Coverage> {
        let c = &self.coverage;
        Some(Coverage {
            income: DeclaredIncome::parse(&c.income).ok()?,
            jht: c.jht,
            period: PaymentPeriod::parse(&c.period).ok()?,
            start_month: YearMonth::parse(&c.start_month).ok()?,
            paid_by_government: c.paid_by_government,
        })
    }

    /// The contributions the form describes so far, month by month, with the discount where it
    /// applies: what the officer reads out to the trader before the consent. `None` until income,
    /// period and start month parse.
    pub fn contribution_estimate(&self) -> Option<Schedule> {
        self.coverage_so_far()
            .map(|coverage| coverage.schedule(self.sector()))
    }

    /// Lists one more (empty) worker. A listed worker is an employee, so the employee count is
    /// raised to the number listed when it was lower (it is never lowered: the owner may have
    /// employees they do not list).
    pub fn add_worker(&mut self) {
        self.workers.push(WorkerForm::default());
        let listed = self.workers.len();
        let employees = parse_employees(&self.business.employees).unwrap_or(0);
        if usize::from(employees) < listed {
            self.business.employees = listed.to_string();
        }
    }

    /// Removes the worker at `index` (nothing if there is none). The employee count stays: the
    /// worker may still be employed, just not listed.
    pub fn remove_worker(&mut self, index: usize) {
        if index < self.workers.len() {
            self.workers.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iuran::Rupiah;
    use crate::sex::Sex;
    use crate::testdata::nik_for;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    const TODAY: &str = "2026-11-23";

    #[test]
    fn a_complete_nik_fills_an_empty_birth_date_and_sex() {
        let mut p = ParticipantForm {
            nik: nik_for("357602", date("1990-07-05"), Sex::Female, 12),
            ..ParticipantForm::default()
        };
        p.fill_from_nik(date(TODAY));
        assert_eq!(p.birth_date, "1990-07-05");
        assert_eq!(p.sex, "P");
    }

    #[test]
    fn a_nik_leaves_what_was_entered_and_an_incomplete_nik_fills_nothing() {
        let mut p = ParticipantForm {
            nik: nik_for("357602", date("1990-07-05"), Sex::Female, 12),
            birth_date: "1991-01-01".into(),
            sex: "L".into(),
            ..ParticipantForm::default()
        };
        p.fill_from_nik(date(TODAY));
        assert_eq!((p.birth_date.as_str(), p.sex.as_str()), ("1991-01-01", "L"));

        let mut half = ParticipantForm {
            nik: "35760245079".into(),
            ..ParticipantForm::default()
        };
        half.fill_from_nik(date(TODAY));
        assert_eq!((half.birth_date.as_str(), half.sex.as_str()), ("", ""));
    }

    #[test]
    fn a_two_digit_year_is_read_in_the_latest_century_not_in_the_future() {
        let mut p = ParticipantForm {
            nik: nik_for("357601", date("2005-01-02"), Sex::Male, 1),
            ..ParticipantForm::default()
        };
        p.fill_from_nik(date(TODAY));
        assert_eq!(p.birth_date, "2005-01-02");
        let mut q = ParticipantForm {
            nik: nik_for("357601", date("1930-01-02"), Sex::Male, 1),
            ..ParticipantForm::default()
        };
        q.fill_from_nik(date(TODAY));
        assert_eq!(q.birth_date, "1930-01-02");
    }

    #[test]
    fn a_new_registration_pays_one_month_from_this_month() {
        let mut c = CoverageForm::default();
        c.fill_defaults(date(TODAY));
        assert_eq!(
            (c.period.as_str(), c.start_month.as_str()),
            ("1", "2026-11")
        );
        let mut chosen = CoverageForm {
            period: "12".into(),
            start_month: "2027-01".into(),
            ..CoverageForm::default()
        };
        chosen.fill_defaults(date(TODAY));
        assert_eq!(
            (chosen.period.as_str(), chosen.start_month.as_str()),
            ("12", "2027-01")
        );
    }

    #[test]
    fn an_ojek_is_transport_and_anything_unlisted_is_the_general_sector() {
        let mut form = RegistrationForm::default();
        assert_eq!(form.sector(), Sector::Other);
        form.business.kind = "49424".into();
        assert_eq!(form.sector(), Sector::Transport);
        form.business.kind = BusinessType::OTHER_KIND.into();
        assert_eq!(form.sector(), Sector::Other);
    }

    #[test]
    fn the_estimate_follows_income_jht_period_and_discount() {
        let mut form = RegistrationForm::default();
        assert_eq!(form.contribution_estimate(), None);
        form.coverage.income = "1.000.000".into();
        form.coverage.fill_defaults(date(TODAY));
        let schedule = form.contribution_estimate().unwrap();
        // JKK 10.000 + JKM 6.800 = 16.800, halved by PP 50/2025 in November 2026.
        assert_eq!(schedule.total(), Rupiah(8_400));
        form.coverage.jht = true;
        // JHT 20.000 is never discounted.
        assert_eq!(
            form.contribution_estimate().unwrap().total(),
            Rupiah(28_400)
        );
    }

    #[test]
    fn listing_a_worker_raises_the_employee_count_to_match_and_removing_keeps_it() {
        let mut form = RegistrationForm::default();
        form.add_worker();
        assert_eq!(form.business.employees, "1");
        form.business.employees = "5".into();
        form.add_worker();
        assert_eq!(form.business.employees, "5");
        form.remove_worker(0);
        form.remove_worker(7);
        assert_eq!(
            (form.workers.len(), form.business.employees.as_str()),
            (1, "5")
        );
    }
}
