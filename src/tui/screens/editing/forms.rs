//! The fields of the license, purchase and deployment forms, and what each submits. The
//! text goes through the domain's form parsers, so the rules live in one place.

use chrono::{Months, NaiveDate};
use ratatui::text::{Line, Span};

pub use super::form_overlay::{FormOverlay, Purpose};
use super::requests::Request as EditRequest;
use crate::domain::FieldErrors;
use crate::domain::deployment_input::DeploymentForm;
use crate::domain::license_input::LicenseForm;
use crate::domain::purchase_input::PurchaseForm;
use crate::service::deployments::DeploymentRecord;
use crate::service::licenses::LicenseRecord;
use crate::service::options::RefKind;
use crate::tui::theme::Theme;
use crate::tui::widgets::edit_form::{EditField, EditForm};

fn named(id: Option<i64>, name: Option<&String>) -> Option<(i64, String)> {
    id.map(|id| (id, name.cloned().unwrap_or_default()))
}

fn license_fields(form: &LicenseForm, r: Option<&LicenseRecord>) -> Vec<EditField> {
    vec![
        EditField::reference(
            "company_id",
            "Company",
            RefKind::Company,
            named(form.company_id, r.map(|r| &r.company)),
            false,
        ),
        EditField::reference(
            "product_code_id",
            "Product code",
            RefKind::ProductCode,
            named(form.product_code_id, r.map(|r| &r.product_code)),
            false,
        ),
        EditField::reference(
            "partner_id",
            "Partner",
            RefKind::Partner,
            named(form.partner_id, r.and_then(|r| r.partner.as_ref())),
            true,
        ),
        EditField::reference(
            "sales_rep_id",
            "Sales rep",
            RefKind::SalesRep,
            named(form.sales_rep_id, r.and_then(|r| r.sales_rep.as_ref())),
            true,
        ),
        EditField::text("seats", "Seats", &form.seats),
        EditField::text("start_date", "Start date", &form.start_date),
        EditField::text("end_date", "End date", &form.end_date),
        EditField::text("notes", "Notes", &form.notes),
    ]
}

/// A new license: starts today, runs a year.
#[must_use]
pub fn new_license(today: NaiveDate) -> FormOverlay {
    let end = today
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(today);
    let form = LicenseForm {
        start_date: today.to_string(),
        end_date: end.to_string(),
        ..LicenseForm::default()
    };
    FormOverlay {
        purpose: Purpose::NewLicense,
        form: EditForm::new("New license".to_owned(), license_fields(&form, None)),
        reload: None,
        child: None,
    }
}

#[must_use]
pub fn edit_license(r: &LicenseRecord) -> FormOverlay {
    FormOverlay {
        purpose: Purpose::EditLicense {
            id: r.id,
            version: r.version,
        },
        form: EditForm::new(
            format!("Edit {} (version {})", r.license_key, r.version),
            license_fields(&r.form(), Some(r)),
        ),
        reload: None,
        child: None,
    }
}

/// The purchase kinds, as the form offers them.
const PURCHASE_KINDS: [&str; 3] = ["new", "renewal", "expansion"];

#[must_use]
pub fn purchase(r: &LicenseRecord, today: NaiveDate) -> FormOverlay {
    let kind = if r.status == crate::domain::LicenseStatus::Draft {
        "new"
    } else {
        "renewal"
    };
    let fields = vec![
        EditField::choice("kind", "Kind", &PURCHASE_KINDS, kind),
        EditField::text("purchase_date", "Date", &today.to_string()),
        EditField::text("seats_added", "Seats added", ""),
        EditField::text("cost", "Cost", ""),
        EditField::text("revenue", "Revenue", ""),
        EditField::text("currency", "Currency", ""),
        EditField::text("order_number", "Order number", ""),
        EditField::text("new_end_date", "New end date", ""),
        EditField::reference(
            "sales_rep_id",
            "Sales rep",
            RefKind::SalesRep,
            named(r.input.sales_rep_id, r.sales_rep.as_ref()),
            true,
        ),
        EditField::reference(
            "partner_id",
            "Partner",
            RefKind::Partner,
            named(r.input.partner_id, r.partner.as_ref()),
            true,
        ),
    ];
    FormOverlay {
        purpose: Purpose::Purchase {
            license_id: r.id,
            version: r.version,
        },
        form: EditForm::new(
            format!("Purchase on {} (ends {})", r.license_key, r.input.end_date),
            fields,
        ),
        reload: None,
        child: None,
    }
}

fn deployment_fields(form: &DeploymentForm, engineer: Option<&String>) -> Vec<EditField> {
    vec![
        EditField::reference(
            "engineer_id",
            "Engineer",
            RefKind::Engineer,
            named(form.engineer_id, engineer),
            true,
        ),
        EditField::text("scheduled_date", "Scheduled", &form.scheduled_date),
        EditField::text("environment", "Environment", &form.environment),
        EditField::text("notes", "Notes", &form.notes),
    ]
}

#[must_use]
pub fn schedule(r: &LicenseRecord, today: NaiveDate) -> FormOverlay {
    let form = DeploymentForm {
        license_id: r.id,
        scheduled_date: today.to_string(),
        ..DeploymentForm::default()
    };
    FormOverlay {
        purpose: Purpose::Schedule { license_id: r.id },
        form: EditForm::new(
            format!("Schedule a deployment of {}", r.license_key),
            deployment_fields(&form, None),
        ),
        reload: None,
        child: None,
    }
}

#[must_use]
pub fn edit_deployment(d: &DeploymentRecord) -> FormOverlay {
    FormOverlay {
        purpose: Purpose::EditDeployment {
            id: d.id,
            version: d.version,
            license_id: d.input.license_id,
        },
        form: EditForm::new(
            format!("Edit deployment #{} of {}", d.id, d.license_key),
            deployment_fields(&DeploymentForm::from_input(&d.input), d.engineer.as_ref()),
        ),
        reload: None,
        child: None,
    }
}

fn license_form(f: &EditForm) -> LicenseForm {
    LicenseForm {
        company_id: f.id("company_id"),
        product_code_id: f.id("product_code_id"),
        partner_id: f.id("partner_id"),
        sales_rep_id: f.id("sales_rep_id"),
        seats: f.text("seats"),
        start_date: f.text("start_date"),
        end_date: f.text("end_date"),
        notes: f.text("notes"),
    }
}

fn deployment_form(f: &EditForm, license_id: i64) -> DeploymentForm {
    DeploymentForm {
        license_id,
        engineer_id: f.id("engineer_id"),
        scheduled_date: f.text("scheduled_date"),
        environment: f.text("environment"),
        notes: f.text("notes"),
    }
}

/// The request the form's text makes, or its field errors.
///
/// # Errors
/// Every field problem the domain's parser finds.
pub fn submit(o: &FormOverlay) -> Result<EditRequest, FieldErrors> {
    let f = &o.form;
    Ok(match o.purpose {
        Purpose::NewLicense => EditRequest::SaveLicense {
            id: None,
            input: license_form(f).parse()?,
        },
        Purpose::EditLicense { id, version } => EditRequest::SaveLicense {
            id: Some((id, version)),
            input: license_form(f).parse()?,
        },
        Purpose::Purchase {
            license_id,
            version,
        } => EditRequest::Purchase {
            version,
            input: PurchaseForm {
                license_id,
                kind: f.text("kind"),
                purchase_date: f.text("purchase_date"),
                seats_added: f.text("seats_added"),
                cost: f.text("cost"),
                revenue: f.text("revenue"),
                currency: f.text("currency"),
                order_number: f.text("order_number"),
                sales_rep_id: f.id("sales_rep_id"),
                partner_id: f.id("partner_id"),
                new_end_date: f.text("new_end_date"),
            }
            .parse()?,
        },
        Purpose::Schedule { license_id } => EditRequest::Schedule {
            input: deployment_form(f, license_id).parse()?,
        },
        Purpose::EditDeployment {
            id,
            version,
            license_id,
        } => EditRequest::SaveDeployment {
            id,
            version,
            input: deployment_form(f, license_id).parse()?,
        },
        Purpose::NewRecord(kind) => EditRequest::SaveRecord {
            id: None,
            input: super::record_form::parse(kind, f)?,
        },
        Purpose::EditRecord { kind, id, version } => EditRequest::SaveRecord {
            id: Some((id, version)),
            input: super::record_form::parse(kind, f)?,
        },
    })
}

/// The key line at the bottom of a form.
#[must_use]
pub fn hint(o: &FormOverlay, theme: Theme) -> Line<'static> {
    let mut spans = vec![
        Span::styled("Tab ↑↓", theme.key()),
        Span::raw(" field  "),
        Span::styled("Enter", theme.key()),
    ];
    if o.form.on_reference() {
        spans.push(Span::raw(" pick  "));
    } else {
        spans.push(Span::raw(" save  "));
    }
    spans.extend([
        Span::styled("Ctrl-S", theme.key()),
        Span::raw(" save  "),
        Span::styled("Esc", theme.key()),
        Span::raw(" close"),
    ]);
    Line::from(spans)
}
