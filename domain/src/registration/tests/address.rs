//! The address: in the city or outside it.

use super::*;

#[test]
fn an_address_outside_the_city_needs_a_city_and_no_kelurahan() {
    let mut form = form();
    form.address = AddressForm {
        outside_city: true,
        street: "Dusun Sumber, Desa Sooko".into(),
        kelurahan: "nonsense is ignored".into(),
        ..AddressForm::default()
    };
    assert_eq!(
        form.errors(REFERENCE_TODAY),
        [FieldError::new(path::CITY, "required")]
    );
    form.address.city = "Kab. Mojokerto".into();
    let details = form.validate(REFERENCE_TODAY).unwrap();
    assert_eq!(details.address.kelurahan(), None);
}

#[test]
fn an_address_in_the_city_needs_rt_rw_and_a_kelurahan_of_the_city() {
    let mut form = form();
    form.address.outside_city = false;
    form.address.kelurahan = "Sooko".into();
    form.address.rt = "000".into();
    let errors = form.errors(REFERENCE_TODAY);
    assert!(errors.contains(&FieldError::new(path::KELURAHAN, "kelurahan.unknown")));
    assert!(errors.contains(&FieldError::new(path::RT, "rt_rw.zero")));
}
