//! The owner's workers.

use super::*;

fn worker(nik: &str) -> WorkerForm {
    WorkerForm {
        full_name: "Slamet Riyadi".into(),
        nik: nik.into(),
        phone: String::new(),
        wage: "Rp 1.800.000".into(),
    }
}

#[test]
fn workers_are_validated_with_the_owner_and_kept_in_order() {
    let mut form = form();
    form.business.employees = "2".into();
    let first = nik_for("357602", date("1995-03-10"), Sex::Male, 11);
    let second = nik_for("357602", date("1999-11-02"), Sex::Female, 12);
    form.workers = vec![worker(&first), worker(&second)];
    form.workers[1].phone = "0812 3456 7890".into();
    let details = form.validate(REFERENCE_TODAY).unwrap();
    assert_eq!(details.workers.len(), 2);
    assert_eq!(details.workers[0].nik.to_string(), first);
    assert_eq!(details.workers[0].wage.rupiah().amount(), 1_800_000);
    assert_eq!(details.workers[0].phone, None);
    assert!(details.workers[1].phone.is_some());
}

#[test]
fn every_bad_worker_field_is_reported_at_its_own_path() {
    let mut form = form();
    form.business.employees = "3".into();
    let owner = form.participant.nik.clone();
    let other = nik_for("357602", date("1995-03-10"), Sex::Male, 11);
    form.workers = vec![
        WorkerForm {
            full_name: String::new(),
            nik: "12".into(),
            phone: "12".into(),
            wage: "0".into(),
        },
        worker(&owner),
        worker(&other),
    ];
    form.workers.push(worker(&other));
    form.business.employees = "4".into();
    let errors: Vec<(String, String)> = form
        .errors(REFERENCE_TODAY)
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect();
    assert_eq!(
        errors,
        [
            ("workers.0.full_name".into(), "required".into()),
            ("workers.0.nik".into(), "nik.length".into()),
            ("workers.0.phone".into(), "phone.not_mobile".into()),
            ("workers.0.wage".into(), "wage.zero".into()),
            ("workers.1.nik".into(), "worker.is_owner".into()),
            ("workers.3.nik".into(), "worker.duplicate_nik".into()),
        ]
    );
}

#[test]
fn workers_need_enough_employees_and_at_most_the_maximum() {
    let mut form = form();
    form.business.employees = "1".into();
    form.workers = vec![
        worker(&nik_for("357602", date("1995-03-10"), Sex::Male, 11)),
        worker(&nik_for("357602", date("1995-03-10"), Sex::Male, 12)),
    ];
    assert_eq!(
        codes_at(&form, path::EMPLOYEES),
        ["employees.fewer_than_workers"]
    );
    form.business.employees = "30".into();
    form.workers = (1..=crate::worker::MAX_WORKERS as u16 + 1)
        .map(|serial| worker(&nik_for("357602", date("1995-03-10"), Sex::Male, serial)))
        .collect();
    assert_eq!(codes_at(&form, path::WORKERS), ["workers.too_many"]);
}

#[test]
fn a_registration_with_workers_round_trips_through_its_form_and_json() {
    let mut form = form();
    form.business.employees = "1".into();
    let form_nik = nik_for("357602", date("1995-03-10"), Sex::Male, 11);
    form.workers = vec![worker(&form_nik)];
    form.workers[0].phone = "0812-3456-7890".into();
    let mut submission = testdata::submission(7);
    submission.form = form;
    let registration = Registration::from_submission(&submission, REFERENCE_TODAY).unwrap();
    let again =
        Registration::from_submission(&registration.to_submission(), REFERENCE_TODAY).unwrap();
    assert_eq!(again, registration);
    let json = serde_json::to_string(&registration).unwrap();
    assert_eq!(
        serde_json::from_str::<Registration>(&json).unwrap(),
        registration
    );
    let debug = format!("{:?}", registration.workers());
    assert!(
        !debug.contains(&form_nik) && !debug.contains("Slamet"),
        "{debug}"
    );
}

#[test]
fn a_stored_record_whose_worker_is_the_owner_does_not_read_back() {
    let mut form = form();
    form.business.employees = "1".into();
    form.workers = vec![worker(&nik_for(
        "357602",
        date("1995-03-10"),
        Sex::Male,
        11,
    ))];
    let mut submission = testdata::submission(7);
    submission.form = form;
    let registration = Registration::from_submission(&submission, REFERENCE_TODAY).unwrap();
    let mut json = serde_json::to_value(&registration).unwrap();
    json["workers"][0]["nik"] = json["participant"]["nik"].clone();
    let error = serde_json::from_value::<Registration>(json.clone()).unwrap_err();
    assert!(error.to_string().contains("worker.is_owner"), "{error}");
    json["workers"][0]["nik"] = nik_for("357602", date("1995-03-10"), Sex::Male, 11).into();
    json["business"]["employees"] = 0.into();
    let error = serde_json::from_value::<Registration>(json).unwrap_err();
    assert!(
        error.to_string().contains("employees.fewer_than_workers"),
        "{error}"
    );
}
