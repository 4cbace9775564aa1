//! Strings shown on every screen.

use super::Text;
use crate::text;

/// The app's name.
pub const APP_NAME: Text = text!("Lindungi", "Lindungi");
/// Label of the language switch.
pub const LANGUAGE: Text = text!("Bahasa", "Language");
/// Label of the switch's button: names the language it switches *to*.
pub const SWITCH_TO_OTHER: Text = text!("English", "Bahasa Indonesia");
