//! Arbitrary mutations for `push_of_arbitrary_mutations_stores_nothing_rejected`:
//! device-like ones (a complete record of a real form in the volunteer's
//! RTs), edits of a few real fields, and chaotic ones (junk forms,
//! versions, areas, ids, base versions, paths, and changes at the limits).
//! Record ids and base versions are resolved against what the server holds
//! only when a case is pushed.

use std::collections::BTreeMap;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use rukun_core::fixtures::{flood_report_answers, household_answers};
use rukun_core::form::{FormDef, Value};
use rukun_core::forms::{household, infrastructure};
use rukun_core::sync::{Mutation, Op, RecordState, MAX_ANSWERS, MAX_CODE_CHARS, MAX_ROWS};

use crate::values::{any_change, real_change};
use crate::{setting_all, Changes, VOLUNTEER_AREAS};

/// A record id: one of the case's own few (so mutations in a batch meet),
/// one shared by every case (so a later case edits an earlier one's record
/// from another device), or anything at all.
#[derive(Debug, Clone)]
enum Id {
    Case(u8),
    Shared(u8),
    Raw(String),
}

/// The base version: the record's version as the volunteer last pulled it
/// (0 for a new record), as a device would send, or any number.
#[derive(Debug, Clone)]
enum Base {
    Current,
    /// That many versions behind the current one: another device's later
    /// changes conflict.
    Behind(u8),
    Fixed(u64),
}

/// A mutation as generated: its record id and base version are resolved
/// when its case is pushed.
#[derive(Debug, Clone)]
pub(super) struct Gen {
    record: Id,
    form_id: String,
    form_version: u32,
    area: String,
    base: Base,
    op: Op,
    changes: Changes,
}

impl Gen {
    /// The mutation to push as `seq` of case number `case`, given the
    /// records the administrator pulled so far (`known`).
    pub(super) fn resolve(
        &self,
        case: u64,
        known: &BTreeMap<String, RecordState>,
        seq: u64,
    ) -> Mutation {
        let record_id = match &self.record {
            Id::Case(n) => format!("fz{case}-{n}"),
            Id::Shared(n) => format!("shared-{}-{n}", self.form_id),
            Id::Raw(id) => id.clone(),
        };
        let base_version = match self.base {
            Base::Current => known.get(&record_id).map_or(0, |r| r.version),
            Base::Behind(n) => known
                .get(&record_id)
                .map_or(0, |r| r.version.saturating_sub(u64::from(n))),
            Base::Fixed(v) => v,
        };
        Mutation {
            seq,
            record_id,
            form_id: self.form_id.clone(),
            form_version: self.form_version,
            area: self.area.clone(),
            base_version,
            op: self.op,
            changes: self.changes.clone(),
        }
    }
}

pub(super) fn mutation() -> impl Strategy<Value = Gen> {
    prop_oneof![
        3 => coherent("household"),
        2 => coherent("infrastructure"),
        2 => edit("household"),
        1 => edit("infrastructure"),
        4 => chaotic(),
    ]
}

/// One of the volunteer's RTs, spelt as records are filed.
fn volunteer_area() -> impl Strategy<Value = String> {
    select(VOLUNTEER_AREAS.to_vec()).prop_map(str::to_owned)
}

/// The definition of `form` (`household` or `infrastructure`).
fn form_def(form: &str) -> FormDef {
    if form == "household" {
        household()
    } else {
        infrastructure()
    }
}

pub(super) fn area() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => volunteer_area(),
        4 => select(vec![
            // Same kelurahan, other RT or RW; another kelurahan.
            "35.76.02.1010/01/04",
            "35.76.02.1010/02/01",
            "35.76.03.1001/01/01",
            // Not areas at all.
            "",
            "35.76.02.1010",
            "35.76.02.1010/01",
            "35.76.02.1010/01/01/01",
            "35.76.02.1010/01/01 ",
            "35.76.02.1010/-1/01",
            "35.76.02.1010/01/65536",
            "35.76.02/01/01",
            "../35.76.02.1010/01/01",
            "35.76.02.1010/01/0x1",
            // The volunteer's RT 01, spelt otherwise.
            "35.76.02.1010/1/1",
            "35.76.02.1010/01/001",
            "35.76.02.1010/+1/01",
        ])
        .prop_map(str::to_owned),
        2 => "(?s).{0,24}",
    ]
}

fn form_id() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just("household".to_owned()),
        4 => Just("infrastructure".to_owned()),
        2 => select(vec!["", "Household", "household ", "kiosk", "../household", "infrastructure\0"])
            .prop_map(str::to_owned),
        1 => "(?s).{0,12}",
    ]
}

fn form_version() -> impl Strategy<Value = u32> {
    prop_oneof![
        12 => Just(1u32),
        1 => select(vec![0, 2, u32::MAX]),
        1 => any::<u32>(),
    ]
}

fn base() -> impl Strategy<Value = Base> {
    prop_oneof![
        6 => Just(Base::Current),
        2 => (1u8..3).prop_map(Base::Behind),
        2 => Just(Base::Fixed(0)),
        1 => (1u64..6).prop_map(Base::Fixed),
        1 => select(vec![u64::MAX, i64::MAX as u64, i64::MAX as u64 + 1]).prop_map(Base::Fixed),
        1 => any::<u64>().prop_map(Base::Fixed),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![6 => Just(Op::Upsert), 1 => Just(Op::Delete)]
}

fn record_id() -> impl Strategy<Value = Id> {
    prop_oneof![
        8 => (0u8..4).prop_map(Id::Case),
        2 => (0u8..3).prop_map(Id::Shared),
        1 => prop_oneof![
            select(vec!["", " ", "../records/x", "a/b", "%2e%2e", "NULL", "\0"]).prop_map(str::to_owned),
            "(?s).{0,40}",
            (1usize..20_000).prop_map(|n| "r".repeat(n)),
        ]
        .prop_map(Id::Raw),
    ]
}

/// A whole record's answers from the fixtures, valid for its form.
fn complete(form: &'static str) -> BoxedStrategy<Changes> {
    match form {
        "household" => (1u32..5_000, 1u32..5)
            .prop_map(move |(n, members)| setting_all(household_answers(n, members)))
            .boxed(),
        _ => (1u32..5_000)
            .prop_map(move |n| setting_all(flood_report_answers(n)))
            .boxed(),
    }
}

/// A device-like mutation: its form's right id and version, a complete
/// record of it in the volunteer's RTs, with a few changes on real paths.
fn coherent(form: &'static str) -> impl Strategy<Value = Gen> {
    let def = form_def(form);
    (
        record_id(),
        prop_oneof![9 => volunteer_area(), 1 => area()],
        base(),
        prop_oneof![9 => Just(Op::Upsert), 1 => Just(Op::Delete)],
        complete(form),
        vec(real_change(&def), 0..3),
    )
        .prop_map(move |(record, area, base, op, mut changes, extra)| {
            changes.extend(extra);
            Gen {
                record,
                form_id: form.to_owned(),
                form_version: 1,
                area,
                base,
                op,
                changes,
            }
        })
}

/// An edit of a few real fields of an existing record.
fn edit(form: &'static str) -> impl Strategy<Value = Gen> {
    let def = form_def(form);
    (
        record_id(),
        volunteer_area(),
        base(),
        vec(real_change(&def), 1..4),
    )
        .prop_map(move |(record, area, base, changes)| Gen {
            record,
            form_id: form.to_owned(),
            form_version: 1,
            area,
            base,
            op: Op::Upsert,
            changes: changes.into_iter().collect(),
        })
}

/// Changes at the limits: a complete household with orphan rows of the
/// largest well-shaped answers (passes the shape check, too large as a
/// record), or more answers than one change may carry.
fn oversized() -> impl Strategy<Value = Changes> {
    prop_oneof![
        (75usize..90, complete("household")).prop_map(|(rows, mut changes)| {
            let codes = vec!["9".repeat(MAX_CODE_CHARS); MAX_ROWS];
            for i in 0..rows {
                changes.insert(
                    format!("members/big{i}/insurance"),
                    Some(Value::Choices(codes.clone())),
                );
            }
            changes
        }),
        (MAX_ANSWERS - 1..MAX_ANSWERS + 2).prop_map(|n| {
            (0..n)
                .map(|i| (format!("members/t{i}/name"), Some(Value::Text("x".into()))))
                .collect()
        }),
    ]
}

/// Anything goes.
fn chaotic() -> impl Strategy<Value = Gen> {
    (
        record_id(),
        form_id(),
        form_version(),
        area(),
        base(),
        op(),
        prop_oneof![
            12 => vec(any_change(), 0..8).prop_map(|c| c.into_iter().collect::<Changes>()),
            4 => (complete("household"), vec(any_change(), 1..3)).prop_map(|(mut c, extra)| {
                c.extend(extra);
                c
            }),
            1 => oversized(),
        ],
    )
        .prop_map(
            |(record, form_id, form_version, area, base, op, changes)| Gen {
                record,
                form_id,
                form_version,
                area,
                base,
                op,
                changes,
            },
        )
}
