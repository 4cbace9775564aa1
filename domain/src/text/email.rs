//! An email address.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

coded_error! {
    /// Why a text is not an email address.
    pub enum EmailError {
        /// Nothing was entered.
        Empty => "required", "no email entered";
        /// No `@`.
        MissingAt => "email.missing_at", "an email address has an @";
        /// The part before the `@` is empty, has a space, a second `@` or a misplaced dot.
        InvalidLocalPart => "email.invalid_local_part", "the part before the @ is not valid";
        /// The part after the `@` is not a domain like `gmail.com`.
        InvalidDomain => "email.invalid_domain", "the part after the @ is not a domain";
        /// Longer than 254 characters, or more than 64 before the `@`.
        TooLong => "email.too_long", "an email address has at most 254 characters";
    }
}

/// An email address that passes a simple, sane check (not full RFC 5322): `local@domain.tld` with
/// ASCII letters, digits and the usual punctuation. The domain is lowercased; the local part is
/// kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Most characters in an address (RFC 5321 path limit).
    pub const MAX_CHARS: usize = 254;
    const MAX_LOCAL_CHARS: usize = 64;

    /// Trims and checks an address.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let address = input.trim();
        if address.is_empty() {
            return Err(EmailError::Empty);
        }
        let (local, domain) = address.rsplit_once('@').ok_or(EmailError::MissingAt)?;
        if address.chars().count() > Self::MAX_CHARS
            || local.chars().count() > Self::MAX_LOCAL_CHARS
        {
            return Err(EmailError::TooLong);
        }
        let local_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
        if local.is_empty()
            || !local.chars().all(local_char)
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
        {
            return Err(EmailError::InvalidLocalPart);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |label: &&str| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        let top_level_ok = labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if labels.len() < 2 || !labels.iter().all(label_ok) || !top_level_ok {
            return Err(EmailError::InvalidDomain);
        }
        Ok(Email(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Email::parse(&input)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_email_is_accepted_with_its_domain_lowercased() {
        assert_eq!(
            Email::parse(" Siti.Aminah@Gmail.COM ").unwrap().as_str(),
            "Siti.Aminah@gmail.com"
        );
        assert!(Email::parse("warung+bu_sri@mojokertokota.go.id").is_ok());
    }

    #[test]
    fn an_email_without_an_at_is_rejected() {
        assert_eq!(Email::parse("siti.gmail.com"), Err(EmailError::MissingAt));
    }

    #[test]
    fn an_email_with_a_bad_local_part_is_rejected() {
        for input in [
            "@gmail.com",
            "si ti@gmail.com",
            "a@b@gmail.com",
            ".siti@gmail.com",
            "si..ti@gmail.com",
        ] {
            assert_eq!(
                Email::parse(input),
                Err(EmailError::InvalidLocalPart),
                "{input}"
            );
        }
    }

    #[test]
    fn an_email_with_a_bad_domain_is_rejected() {
        for input in [
            "siti@gmail",
            "siti@",
            "siti@gmail..com",
            "siti@-gmail.com",
            "siti@gmail.c0m",
            "siti@gmail.c",
        ] {
            assert_eq!(
                Email::parse(input),
                Err(EmailError::InvalidDomain),
                "{input}"
            );
        }
    }

    #[test]
    fn an_overlong_email_is_rejected() {
        let long_local = format!("{}@gmail.com", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(EmailError::TooLong));
        let long_domain = format!("a@{}.com", "b".repeat(260));
        assert_eq!(Email::parse(&long_domain), Err(EmailError::TooLong));
    }
}
