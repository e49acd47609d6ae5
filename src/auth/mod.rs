//! Login and passwords.

pub mod login;
pub mod password;
pub mod session;

pub use login::login;
pub use session::Actor;
