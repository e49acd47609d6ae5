//! Who is acting and how they prove it, without IO: password hashing, the login decision
//! and its throttle, the session's actor. The login use case (lookup, bookkeeping, audit)
//! is `service::sessions`.

pub mod login;
pub mod password;
pub mod secret;
pub mod session;
pub mod throttle;

pub use secret::Secret;
pub use session::Actor;
