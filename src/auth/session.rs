//! Who is acting: the logged-in operator, as the service layer sees them.

use crate::domain::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub operator_id: i64,
    pub username: String,
    pub role: Role,
}
