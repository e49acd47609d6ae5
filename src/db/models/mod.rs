//! One file per entity: the row as read (`Queryable`), the row to insert (`New*`) and, for
//! rows with an optimistic lock, what an update may change (`*Changes`, see [`versioned`]).

pub mod activity;
pub mod audit;
pub mod company;
pub mod deployment;
pub mod exchange_rate;
pub mod license;
pub mod operator;
pub mod partner;
pub mod person;
pub mod product_code;
pub mod purchase;
pub mod versioned;

pub use activity::{AppLogEntry, NewAppLogEntry, NewPortalUser, PortalUser, PortalUserChanges};
pub use audit::{AuditEntry, NewAuditEntry};
pub use company::{Company, CompanyChanges, NewCompany};
pub use deployment::{Deployment, DeploymentChanges, NewDeployment};
pub use exchange_rate::{ExchangeRate, NewExchangeRate};
pub use license::{License, LicenseChanges, NewKeyedLicense, NewLicense};
pub use operator::{NewOperator, Operator, OperatorChanges};
pub use partner::{NewPartner, Partner, PartnerChanges};
pub use person::{Engineer, EngineerChanges, NewEngineer, NewSalesRep, SalesRep, SalesRepChanges};
pub use product_code::{NewProductCode, ProductCode, ProductCodeChanges};
pub use purchase::{NewPurchase, Purchase};
pub use versioned::{NewRow, Versioned};
