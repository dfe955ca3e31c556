//! Schemas of the API's code strings (statuses, kinds, roles, regions) for
//! `#[schema(schema_with = ...)]`: the derive sees a `String`, the document
//! shows the `enum` of values. Each list is read from the domain's own
//! `ALL` (or list of codes), so the document cannot drift from what the
//! server accepts and answers.

use gedhub_core::assessment::{Status as AssessmentStatus, Transition};
use gedhub_core::inquiries::InquiryStatus;
use gedhub_core::monitoring::{ActionStatus, PlanStatus};
use gedhub_core::pathway::Stage;
use gedhub_core::surveys::{ItemKind, SurveyKind};
use gedhub_core::training::{ExerciseKind, WorkshopKind, WorkshopMode};
use gedhub_core::{Region, Role};
use serde_json::Value;
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, SchemaFormat, SchemaType, Type};

/// A string that is one of `values`.
pub fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.into_iter().map(str::to_owned)))
        .build()
}

/// A string that is one of `values`, or `null`.
pub fn one_of_or_null<'a>(values: impl IntoIterator<Item = &'a str>) -> Object {
    let mut enum_values: Vec<Value> = values
        .into_iter()
        .map(|v| Value::String(v.to_owned()))
        .collect();
    enum_values.push(Value::Null);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(enum_values))
        .build()
}

/// A string of a known format (`date`, `date-time`, `email`, `uri`), or
/// `null`, for `Option<String>` fields.
fn formatted_or_null(format: KnownFormat) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .format(Some(SchemaFormat::KnownFormat(format)))
        .build()
}

pub fn date_or_null() -> Object {
    formatted_or_null(KnownFormat::Date)
}

pub fn date_time_or_null() -> Object {
    formatted_or_null(KnownFormat::DateTime)
}

pub fn role() -> Object {
    one_of(Role::ALL.map(Role::as_str))
}

pub fn region() -> Object {
    one_of(Region::ALL.map(Region::as_str))
}

pub fn assessment_status() -> Object {
    one_of(AssessmentStatus::ALL.map(AssessmentStatus::as_str))
}

pub fn assessment_transition() -> Object {
    one_of(Transition::ALL.map(Transition::as_str))
}

pub fn plan_status() -> Object {
    one_of(PlanStatus::ALL.map(PlanStatus::as_str))
}

/// The statuses a plan can be moved to (plans only move forward).
pub fn plan_next_status() -> Object {
    one_of(
        PlanStatus::ALL
            .into_iter()
            .filter(|s| *s != PlanStatus::Draft)
            .map(PlanStatus::as_str),
    )
}

pub fn action_status() -> Object {
    one_of(ActionStatus::ALL.map(ActionStatus::as_str))
}

pub fn action_status_or_null() -> Object {
    one_of_or_null(ActionStatus::ALL.map(ActionStatus::as_str))
}

pub fn inquiry_status() -> Object {
    one_of(InquiryStatus::ALL.map(InquiryStatus::as_str))
}

pub fn stage() -> Object {
    one_of(Stage::ALL.map(Stage::as_str))
}

pub fn stage_or_null() -> Object {
    one_of_or_null(Stage::ALL.map(Stage::as_str))
}

pub fn workshop_kind() -> Object {
    one_of(WorkshopKind::ALL.map(WorkshopKind::as_str))
}

pub fn workshop_mode() -> Object {
    one_of(WorkshopMode::ALL.map(WorkshopMode::as_str))
}

pub fn delivery_language() -> Object {
    one_of(gedhub_store::training::DELIVERY_LANGUAGES)
}

/// A list of [`delivery_language`] codes.
pub fn delivery_languages() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(delivery_language())
        .build()
}

/// A person's sex (`gedhub_core::programme::SEXES`), or `null`.
pub fn sex_or_null() -> Object {
    one_of_or_null(gedhub_core::programme::SEXES)
}

pub fn exercise_kind() -> Object {
    one_of([ExerciseKind::Individual, ExerciseKind::Group].map(ExerciseKind::as_str))
}

pub fn survey_kind() -> Object {
    one_of(SurveyKind::ALL.map(SurveyKind::as_str))
}

pub fn item_kind() -> Object {
    one_of(ItemKind::ALL.map(ItemKind::as_str))
}

pub fn progress_status() -> Object {
    use gedhub_core::monitoring::Status;
    one_of(Status::ALL.map(Status::as_str))
}

/// A JSON object, or `null` (the audit log's before and after).
pub fn object_or_null() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
        .build()
}
