//! Property tests over the public API (needs the `testdata` feature).

use lindungi_domain::business::Sector;
use lindungi_domain::iuran::{DISCOUNT_WINDOWS, discount_applies};
use lindungi_domain::testdata::{self, REFERENCE_TODAY, nik_for};
use lindungi_domain::{
    Coverage, Date, DeclaredIncome, Email, Kelurahan, Nib, Nik, PaymentPeriod, PersonName,
    PhoneNumber, ReceiptNumber, Registration, RegistrationForm, RegistrationId, Rt, Rupiah, Sex,
    StoredSubmission, Submission, Timestamp, YearMonth,
};
use proptest::prelude::*;

/// Any date from 1 January 1901 to `REFERENCE_TODAY`, as days since the epoch.
fn date_up_to_today() -> impl Strategy<Value = Date> {
    let first = Date::new(1901, 1, 1).unwrap().days_since_unix_epoch();
    let last = REFERENCE_TODAY.days_since_unix_epoch();
    (first..=last).prop_map(|days| Date::from_days_since_unix_epoch(days).unwrap())
}

fn sex() -> impl Strategy<Value = Sex> {
    prop_oneof![Just(Sex::Male), Just(Sex::Female)]
}

fn month_in(first_year: u16, last_year: u16) -> impl Strategy<Value = YearMonth> {
    (first_year..=last_year, 1u8..=12).prop_map(|(y, m)| YearMonth::new(y, m).unwrap())
}

fn period() -> impl Strategy<Value = PaymentPeriod> {
    proptest::sample::select(PaymentPeriod::ALL.to_vec())
}

fn coverage() -> impl Strategy<Value = Coverage> {
    (
        1u64..=30_000_000,
        any::<bool>(),
        period(),
        month_in(2024, 2029),
        any::<bool>(),
    )
        .prop_map(
            |(income, jht, period, start_month, paid_by_government)| Coverage {
                income: DeclaredIncome::new(Rupiah(income)).unwrap(),
                jht,
                period,
                start_month,
                paid_by_government,
            },
        )
}

proptest! {
    #[test]
    fn every_valid_nik_for_any_date_sex_and_serial_round_trips(
        birth in date_up_to_today(),
        sex in sex(),
        serial in 1u16..=9999,
        region in 110_000u32..=999_999,
    ) {
        let digits = nik_for(&region.to_string(), birth, sex, serial);
        let nik = Nik::parse(&digits).unwrap();
        prop_assert_eq!(nik.as_str(), digits.as_str());
        prop_assert_eq!(nik.sex(), sex);
        prop_assert_eq!(nik.serial(), serial);
        prop_assert!(nik.matches_birth_date(birth));
        // Within the last 100 years the century resolves to the real one.
        if birth.age_on(REFERENCE_TODAY) < 100 {
            prop_assert_eq!(nik.birth_date(REFERENCE_TODAY), birth);
        }
        prop_assert!(nik.birth_date(REFERENCE_TODAY) <= REFERENCE_TODAY);
    }

    #[test]
    fn a_nik_birth_date_is_never_after_today(digits in "[0-9]{16}", days in 0i64..=40_000) {
        let today = Date::from_days_since_unix_epoch(days).unwrap();
        if let Ok(nik) = Nik::parse(&digits) {
            prop_assert!(nik.birth_date(today) <= today);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic_any_parser(input in any::<String>()) {
        let _ = Nik::parse(&input);
        let _ = PhoneNumber::parse(&input);
        let _ = Kelurahan::parse(&input);
        let _ = PersonName::parse(&input);
        let _ = Email::parse(&input);
        let _ = Nib::parse(&input);
        let _ = Rt::parse(&input);
        let _ = Date::parse(&input);
        let _ = YearMonth::parse(&input);
        let _ = Timestamp::parse(&input);
        let _ = RegistrationId::parse(&input);
        let _ = ReceiptNumber::parse(&input);
        let _ = DeclaredIncome::parse(&input);
        let _ = PaymentPeriod::parse(&input);
        let _ = Sex::parse(&input);
        let _ = Kelurahan::search(&input).count();
    }

    #[test]
    fn parser_shaped_strings_never_panic_any_parser(input in "[0-9+ .,:/()TZRrp-]{0,40}") {
        let _ = Nik::parse(&input);
        let _ = PhoneNumber::parse(&input);
        let _ = Date::parse(&input);
        let _ = YearMonth::parse(&input);
        let _ = Timestamp::parse(&input);
        let _ = DeclaredIncome::parse(&input);
        let _ = ReceiptNumber::parse(&input);
    }

    #[test]
    fn a_form_of_arbitrary_strings_never_panics_validation(
        fields in proptest::collection::vec(any::<String>(), 20),
        flags in any::<[bool; 5]>(),
        days in 0i64..=40_000,
    ) {
        let mut form = RegistrationForm::default();
        let p = &mut form.participant;
        [p.nik, p.full_name, p.place_of_birth, p.birth_date, p.sex] =
            [0, 1, 2, 3, 4].map(|i| fields[i].clone());
        [p.mother_maiden_name, p.phone, p.email] = [5, 6, 7].map(|i| fields[i].clone());
        let a = &mut form.address;
        [a.street, a.rt, a.rw, a.kelurahan, a.city] = [8, 9, 10, 11, 12].map(|i| fields[i].clone());
        let b = &mut form.business;
        [b.name, b.kind, b.other_kind, b.location, b.nib, b.employees] =
            [13, 14, 15, 16, 17, 18].map(|i| fields[i].clone());
        form.coverage.income = fields[19].clone();
        form.address.outside_city = flags[0];
        form.koperasi.via_koperasi = flags[1];
        form.coverage.jht = flags[2];
        form.coverage.paid_by_government = flags[3];
        form.consent = flags[4];
        let today = Date::from_days_since_unix_epoch(days).unwrap();
        let _ = form.validate(today);
    }

    #[test]
    fn phone_normalisation_is_idempotent(seed in any::<u64>()) {
        let mut rng = testdata::Rng::new(seed);
        let typed = testdata::phone_input(&mut rng);
        let phone = PhoneNumber::parse(&typed).unwrap();
        prop_assert_eq!(PhoneNumber::parse(phone.e164()).unwrap(), phone.clone());
        prop_assert_eq!(PhoneNumber::parse(&phone.to_string()).unwrap(), phone.clone());
        prop_assert_eq!(PhoneNumber::parse(&phone.national()).unwrap(), phone);
    }

    #[test]
    fn any_accepted_phone_parses_back_to_itself(input in "[+]?[0-9 ()-]{1,20}") {
        if let Ok(phone) = PhoneNumber::parse(&input) {
            prop_assert_eq!(PhoneNumber::parse(phone.e164()).unwrap(), phone.clone());
            prop_assert_eq!(PhoneNumber::parse(&phone.local_grouped()).unwrap(), phone);
        }
    }

    #[test]
    fn the_period_total_equals_the_sum_of_its_months(coverage in coverage(), transport in any::<bool>()) {
        let sector = if transport { Sector::Transport } else { Sector::Other };
        let schedule = coverage.schedule(sector);
        let sum: u64 = schedule.months().iter().map(|m| m.total.0).sum();
        prop_assert_eq!(schedule.total(), Rupiah(sum));
        prop_assert_eq!(schedule.months().len(), usize::from(coverage.period.months()));
        for month in schedule.months() {
            prop_assert_eq!(month.total, month.jkk + month.jkm + month.jht - month.discount);
            prop_assert!(month.discount <= month.jkk + month.jkm);
        }
    }

    #[test]
    fn the_discount_never_applies_outside_its_window(
        coverage in coverage(),
        transport in any::<bool>(),
    ) {
        let sector = if transport { Sector::Transport } else { Sector::Other };
        let window = DISCOUNT_WINDOWS.iter().find(|w| w.sector == sector).unwrap();
        for month in coverage.schedule(sector).months() {
            let inside = window.contains(month.month) && !coverage.paid_by_government;
            prop_assert_eq!(month.discount > Rupiah(0), inside);
            prop_assert_eq!(discount_applies(month.month, sector, coverage.paid_by_government), inside);
        }
    }

    #[test]
    fn generated_registrations_round_trip_through_submission_and_json(seed in any::<u64>()) {
        let registration = testdata::registration(seed);
        let submission = registration.to_submission();
        prop_assert_eq!(
            Registration::from_submission(&submission, REFERENCE_TODAY).unwrap(),
            registration.clone()
        );
        let json = serde_json::to_string(&registration).unwrap();
        prop_assert_eq!(serde_json::from_str::<Registration>(&json).unwrap(), registration);
        let stored: StoredSubmission = serde_json::from_str(&serde_json::to_string(&submission).unwrap()).unwrap();
        prop_assert_eq!(stored.into_current().unwrap(), submission);
    }

    #[test]
    fn a_timestamp_is_written_as_javascript_writes_it_and_reads_back(
        // Years 1 to 9999, in milliseconds from 1970.
        millis in -62_135_596_800_000i64..253_402_300_800_000,
    ) {
        let timestamp = Timestamp::from_unix_millis(millis).unwrap();
        let date = timestamp.date_utc();
        let of_day = millis.rem_euclid(86_400_000);
        let expected = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            date.year(), date.month(), date.day(),
            of_day / 3_600_000, of_day / 60_000 % 60, of_day / 1000 % 60, of_day % 1000
        );
        prop_assert_eq!(timestamp.to_string(), expected.clone());
        prop_assert_eq!(serde_json::to_string(&timestamp).unwrap(), format!("\"{expected}\""));
        prop_assert_eq!(serde_json::from_str::<Timestamp>(&format!("\"{expected}\"")).unwrap(), timestamp);
        prop_assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{}\"", &expected[..10]));
    }

    #[test]
    fn the_typed_and_the_canonical_submission_are_the_same_content(seed in any::<u64>()) {
        let typed: Submission = testdata::submission(seed);
        let registration = Registration::from_submission(&typed, REFERENCE_TODAY).unwrap();
        let canonical = Registration::from_submission(&registration.to_submission(), REFERENCE_TODAY).unwrap();
        prop_assert!(registration.same_content(&canonical));
    }
}
