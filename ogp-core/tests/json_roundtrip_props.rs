//! Property tests of the JSON format: any dataset built as Rust values (multilingual texts
//! with quotes, backslashes, newlines and formula-like strings, dates of every precision,
//! nested `ext`, plans down to updates, committees, rotation) survives `to_json` then
//! `from_json` unchanged and is written byte-stably; and `from_json` never panics, whatever
//! the text, always locating its problems by JSON pointer or line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ogp_core::{
    ActionPlan, Attendance, Code, Commitment, Committee, Completion, Dataset, Error, Event, Id,
    Indicator, IrmAssessment, Membership, Milestone, OgpValue, OrgKind, Organization, PlanDate,
    PlanLevel, PlanStatus, Pool, PotentialForResults, ProgressMethod, ProgressRules, Reported,
    RotationPolicy, RotationRule, Sector, Text, Theme, Update, UpdateSource,
};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------------------------
// Building blocks

/// A model value from the JSON of its required fields; optional fields are then set in Rust.
fn base<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("a well-formed base value")
}

fn id() -> impl Strategy<Value = Id> {
    "[A-Za-z0-9][A-Za-z0-9._:-]{0,12}".prop_map(|s| Id::new(s).unwrap())
}

/// Strings that stress the writer: Arabic, Tifinagh, French, JSON escapes, spreadsheet
/// formulas, blanks, and arbitrary Unicode.
fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(vec![
            "وزارة الانتقال الرقمي وإصلاح الإدارة",
            "ⵜⴰⵎⴰⵣⵉⵖⵜ ⵜⴰⵏⴰⵎⵓⵙⵜ",
            "Ministère de l'Économie et des Finances",
            "say \"hello\"",
            "back\\slash \\n not a newline",
            "line one\nline two\r\nline three",
            "=SUM(A1)",
            "+212 5 37",
            "-1",
            "@mention",
            "\ttabbed",
            "",
            " ",
            "\u{1}\u{1f}\u{7f}",
            "emoji 🇲🇦 and \u{200f}rtl mark",
        ])
        .prop_map(str::to_owned),
        // Any text a dataset may hold: NUL is refused (bad-text), so none is generated.
        2 => "(?s)[^\u{0}]{0,12}",
    ]
}

fn lang() -> impl Strategy<Value = String> {
    select(vec!["ar", "fr", "en", "zgh", "ar-MA", "zgh-Tfng"]).prop_map(str::to_owned)
}

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        string().prop_map(Text::Plain),
        btree_map(lang(), string(), 0..4).prop_map(Text::Langs),
    ]
}

/// Dates of year, month and day precision.
fn date() -> impl Strategy<Value = PlanDate> {
    prop_oneof![
        (1i32..=9999).prop_map(PlanDate::Year),
        (1000i32..=2999, 1u32..=12).prop_map(|(y, m)| PlanDate::Month(y, m)),
        (1000i32..=2999, 1u32..=12, 1u32..=31).prop_filter_map("a calendar day", |(y, m, d)| {
            format!("{y:04}-{m:02}-{d:02}").parse::<PlanDate>().ok()
        }),
    ]
}

/// Numbers that round-trip exactly through decimal text. Whole ones are written as integers
/// (see `ogp-core/src/num.rs`), fractions in the shortest form.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        select(vec![
            0.0, 0.25, 0.5, 1.0, 1.5, 2.5, 12.5, 29.0, 33.75, 99.875, 100.0, 1e6, 123456.125,
            -3.75, 0.001, 1e21,
        ]),
        (-1000i32..1000).prop_map(f64::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        number().prop_map(Value::from),
        string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(string(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn ext() -> impl Strategy<Value = Map<String, Value>> {
    prop_oneof![
        2 => Just(Map::new()),
        1 => btree_map(string(), json_value(), 1..4).prop_map(|m| m.into_iter().collect()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Entities

fn organization() -> impl Strategy<Value = Organization> {
    (
        (
            id(),
            text(),
            select(vec![
                Sector::Government,
                Sector::CivilSociety,
                Sector::Other,
            ]),
        ),
        (
            option::of(text()),
            option::of(select(vec![
                OrgKind::Ministry,
                OrgKind::Association,
                OrgKind::Other,
            ])),
            option::of(id()),
            option::of(string()),
            vec(string(), 0..3),
            option::of(string()),
            ext(),
        ),
    )
        .prop_map(
            |((id, name, sector), (short_name, kind, parent, region, focus, url, ext))| {
                let mut o: Organization =
                    base(json!({"id": "o", "name": "o", "sector": "government"}));
                o.id = id;
                o.name = name;
                o.sector = sector;
                o.short_name = short_name;
                o.kind = kind;
                o.parent = parent;
                o.region = region;
                o.focus = focus;
                o.url = url;
                o.ext = ext;
                o
            },
        )
}

fn update() -> impl Strategy<Value = Update> {
    (
        date(),
        option::of(number()),
        option::of(select(vec![
            Completion::NoEvidence,
            Completion::NotStarted,
            Completion::Limited,
            Completion::Substantial,
            Completion::Complete,
            Completion::Withdrawn,
        ])),
        option::of(number()),
        select(vec![
            UpdateSource::SelfAssessment,
            UpdateSource::Committee,
            UpdateSource::CivilSociety,
            UpdateSource::Irm,
            UpdateSource::Other,
        ]),
        option::of(text()),
        vec(string(), 0..2),
        ext(),
    )
        .prop_map(
            |(date, percent, status, value, source, note, evidence, ext)| {
                let mut u: Update = base(json!({"date": "2024", "source": "other"}));
                u.date = date;
                u.percent = percent;
                u.status = status;
                u.value = value;
                u.source = source;
                u.note = note;
                u.evidence = evidence;
                u.ext = ext;
                u
            },
        )
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (string(), number(), number(), any::<bool>()).prop_map(|(unit, baseline, target, hib)| {
        let mut i: Indicator = base(json!({"unit": "u", "baseline": 0, "target": 1}));
        i.unit = unit;
        i.baseline = baseline;
        i.target = target;
        i.higher_is_better = hib;
        i
    })
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (
        (
            id(),
            text(),
            option::of(date()),
            date(),
            option::of(number()),
        ),
        (
            option::of(id()),
            option::of(indicator()),
            vec(update(), 0..3),
            ext(),
        ),
    )
        .prop_map(
            |((id, title, start, due, weight), (lead, indicator, updates, ext))| {
                let mut m: Milestone = base(json!({"id": "m", "title": "m", "due": "2024"}));
                m.id = id;
                m.title = title;
                m.start = start;
                m.due = due;
                m.weight = weight;
                m.lead = lead;
                m.indicator = indicator;
                m.updates = updates;
                m.ext = ext;
                m
            },
        )
}

fn irm() -> impl Strategy<Value = IrmAssessment> {
    (
        option::of(any::<bool>()),
        option::of(select(vec![
            PotentialForResults::Unclear,
            PotentialForResults::Modest,
            PotentialForResults::Substantial,
        ])),
        option::of(string()),
        ext(),
    )
        .prop_map(|(verifiable, pfr, early, ext)| IrmAssessment {
            verifiable,
            potential_for_results: pfr,
            early_results: early,
            ext,
            ..IrmAssessment::default()
        })
}

fn commitment() -> impl Strategy<Value = Commitment> {
    (
        (
            id(),
            option::of(string()),
            option::of(string()),
            text(),
            option::of(text()),
            option::of(id()),
            id(),
            vec(id(), 0..3),
        ),
        (
            vec(string(), 0..2),
            vec(
                select(vec![
                    OgpValue::AccessToInformation,
                    OgpValue::CivicParticipation,
                    OgpValue::PublicAccountability,
                    OgpValue::TechnologyAndInnovation,
                    OgpValue::Inclusion,
                ]),
                0..3,
            ),
            option::of(text()),
            option::of(text()),
            date(),
            date(),
            option::of(number()),
        ),
        (
            vec(milestone(), 0..3),
            vec(update(), 0..2),
            option::of(irm()),
            ext(),
        ),
    )
        .prop_map(
            |(
                (id, ogp_id, number, title, short_title, theme, lead, partners),
                (policy_areas, values, challenge, solution, start, end, weight),
                (milestones, updates, irm, ext),
            )| {
                let mut c: Commitment = base(json!({
                    "id": "c", "title": "c", "lead": "o", "start": "2024", "end": "2025"
                }));
                c.id = id;
                c.ogp_id = ogp_id;
                c.number = number;
                c.title = title;
                c.short_title = short_title;
                c.theme = theme;
                c.lead = lead;
                c.partners = partners;
                c.policy_areas = policy_areas;
                c.values = values;
                c.challenge = challenge;
                c.solution = solution;
                c.start = start;
                c.end = end;
                c.weight = weight;
                c.milestones = milestones;
                c.updates = updates;
                c.irm = irm;
                c.ext = ext;
                c
            },
        )
}

fn plan() -> impl Strategy<Value = ActionPlan> {
    (
        (
            id(),
            option::of(string()),
            select(vec!["MA", "ZZ", "FR"]),
            select(vec![PlanLevel::National, PlanLevel::Local]),
            option::of(text()),
            option::of(0u32..10),
            text(),
            date(),
            date(),
            select(vec![
                PlanStatus::Drafting,
                PlanStatus::Implementation,
                PlanStatus::Completed,
                PlanStatus::Withdrawn,
            ]),
        ),
        (
            vec((id(), text(), ext()), 0..3),
            vec(commitment(), 0..3),
            option::of((
                option::of(select(vec![
                    ProgressMethod::CommitmentMean,
                    ProgressMethod::MilestoneMean,
                    ProgressMethod::CompletionShare,
                ])),
                option::of(number()),
            )),
            vec(
                (
                    date(),
                    number(),
                    option::of(string()),
                    option::of(id()),
                    option::of(text()),
                ),
                0..3,
            ),
            vec(string(), 0..2),
            ext(),
        ),
    )
        .prop_map(
            |(
                (id, ogp_id, country, level, jurisdiction, number, title, start, end, status),
                (themes, commitments, rules, reported, sources, ext),
            )| {
                let mut p: ActionPlan = base(json!({
                    "id": "p", "country": "ZZ", "level": "national", "title": "p",
                    "start": "2024", "end": "2025", "status": "drafting"
                }));
                p.id = id;
                p.ogp_id = ogp_id;
                p.country = country.to_owned();
                p.level = level;
                p.jurisdiction = jurisdiction;
                p.number = number;
                p.title = title;
                p.start = start;
                p.end = end;
                p.status = status;
                p.themes = themes
                    .into_iter()
                    .map(|(id, title, ext)| {
                        let mut t: Theme = base(json!({"id": "t", "title": "t"}));
                        t.id = id;
                        t.title = title;
                        t.ext = ext;
                        t
                    })
                    .collect();
                p.commitments = commitments;
                p.progress_rules = rules.map(|(method, tolerance)| ProgressRules {
                    method,
                    tolerance,
                    ..ProgressRules::default()
                });
                p.reported = reported
                    .into_iter()
                    .map(|(as_of, percent, source, meeting, note)| {
                        let mut r: Reported = base(json!({"as_of": "2024", "percent": 0}));
                        r.as_of = as_of;
                        r.percent = percent;
                        r.source = source;
                        r.meeting = meeting;
                        r.note = note;
                        r
                    })
                    .collect();
                p.sources = sources;
                p.ext = ext;
                p
            },
        )
}

fn committee() -> impl Strategy<Value = Committee> {
    (
        (id(), text(), option::of(id()), option::of(number())),
        vec(
            (
                id(),
                id(),
                select(vec![Sector::Government, Sector::CivilSociety]),
                date(),
                option::of(date()),
                ext(),
            ),
            0..3,
        ),
        vec(
            (id(), date(), vec((id(), any::<bool>()), 0..3), ext()),
            0..2,
        ),
        ext(),
    )
        .prop_map(|((id, name, plan, quorum), members, meetings, ext)| {
            let mut c: Committee = base(json!({
                "id": "c", "name": "c", "kind": "steering",
                "seats": {"government": 1, "civil_society": 1}
            }));
            c.id = id;
            c.name = name;
            c.plan = plan;
            c.quorum = quorum;
            c.memberships = members
                .into_iter()
                .map(|(id, org, sector, start, end, ext)| {
                    let mut m: Membership = base(json!({
                        "id": "m", "organization": "o", "sector": "government",
                        "role": "member", "start": "2024"
                    }));
                    m.id = id;
                    m.organization = org;
                    m.sector = sector;
                    m.start = start;
                    m.end = end;
                    m.ext = ext;
                    m
                })
                .collect();
            c.meetings = meetings
                .into_iter()
                .map(|(id, date, attendance, ext)| {
                    let mut m: ogp_core::Meeting = base(json!({
                        "id": "m", "date": "2024", "format": "remote"
                    }));
                    m.id = id;
                    m.date = date;
                    m.attendance = attendance
                        .into_iter()
                        .map(|(membership, present)| {
                            let mut a: Attendance =
                                base(json!({"membership": "m", "present": true}));
                            a.membership = membership;
                            a.present = present;
                            a
                        })
                        .collect();
                    m.ext = ext;
                    m
                })
                .collect();
            c.ext = ext;
            c
        })
}

fn rotation() -> impl Strategy<Value = (Vec<RotationPolicy>, Vec<Event>)> {
    (
        vec(
            (
                id(),
                id(),
                prop_oneof![
                    select(vec![
                        Sector::Government,
                        Sector::CivilSociety,
                        Sector::Other
                    ])
                    .prop_map(Pool::Sector),
                    vec(id(), 0..3).prop_map(Pool::Memberships),
                ],
                select(vec![
                    RotationRule::LeastRecent,
                    RotationRule::LeastOften,
                    RotationRule::RoundRobin,
                ]),
                0u32..4,
                option::of(any::<u64>()),
            ),
            0..2,
        ),
        vec(
            (
                id(),
                text(),
                date(),
                any::<bool>(),
                0u32..4,
                vec(id(), 0..3),
                ext(),
            ),
            0..2,
        ),
    )
        .prop_map(|(policies, events)| {
            let policies = policies
                .into_iter()
                .map(|(id, committee, pool, rule, cooldown, seed)| {
                    let mut r: RotationPolicy = base(json!({
                        "id": "r", "committee": "c", "pool": "civil_society", "rule": "least_recent"
                    }));
                    r.id = id;
                    r.committee = committee;
                    r.pool = pool;
                    r.rule = rule;
                    r.cooldown = cooldown;
                    r.seed = seed;
                    r
                })
                .collect();
            let events = events
                .into_iter()
                .map(|(id, title, date, funded, seats, delegates, ext)| {
                    let mut e: Event = base(json!({
                        "id": "e", "title": "e", "date": "2024", "funded": true, "seats": 1
                    }));
                    e.id = id;
                    e.title = title;
                    e.date = date;
                    e.funded = funded;
                    e.seats = seats;
                    e.delegates = delegates;
                    e.ext = ext;
                    e
                })
                .collect();
            (policies, events)
        })
}

fn dataset() -> impl Strategy<Value = Dataset> {
    (
        lang(),
        vec(organization(), 0..4),
        vec(plan(), 0..3),
        vec(committee(), 0..2),
        rotation(),
        ext(),
    )
        .prop_map(
            |(default_language, organizations, plans, committees, (policies, events), ext)| {
                Dataset {
                    default_language,
                    organizations,
                    plans,
                    committees,
                    rotation_policies: policies,
                    events,
                    ext,
                    ..Dataset::default()
                }
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Inputs for the robustness properties

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The texts of the valid fixtures (and the format sample and examples, where present).
fn valid_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/valid"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.push(repo().join("tests/fixtures/format-sample.json"));
        if let Ok(dirs) = std::fs::read_dir(repo().join("examples")) {
            paths.extend(dirs.map(|d| d.unwrap().path().join("dataset.json")));
        }
        paths.sort();
        let texts: Vec<String> = paths
            .iter()
            .filter(|p| p.is_file())
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(texts.len() >= 3, "the valid fixtures are missing");
        texts
    })
}

/// Every problem of a failed read is located: by pointer or by line (the cap notice aside).
fn assert_located(src: &str, problems: &[ogp_core::Problem]) {
    assert!(
        !problems.is_empty(),
        "a parse error without problems for {src:?}"
    );
    for p in problems {
        if p.code == Code::TooManyProblems {
            continue;
        }
        assert!(
            p.location.pointer.is_some() || p.location.line.is_some(),
            "unlocated problem {p:?} for {src:?}"
        );
    }
}

/// Reads `src`; on success, the dataset validates without panicking and round-trips.
fn read_anything(src: &str) {
    match Dataset::from_json(src) {
        Ok(ds) => {
            let _report = ogp_core::validate(&ds);
            let again = Dataset::from_json(&ds.to_json()).unwrap();
            assert_eq!(again, ds, "a dataset read from {src:?} does not round-trip");
        }
        Err(Error::Parse { problems }) => assert_located(src, &problems),
        Err(other) => panic!("from_json returned a non-parse error {other} for {src:?}"),
    }
}

/// JSON pointers of every node of `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A structural mutation of a JSON document.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    AddField(String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..200).prop_map(Value::from),
        Just(json!(-1.5)),
        Just(json!(1e300)),
        select(vec![
            "",
            "x",
            "b c",
            "2025-02-30",
            "18/03/2025",
            "2024-13",
            "business",
            "MA",
            "ar",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"ar": ""})),
        Just(json!([1, "a"])),
    ];
    prop_oneof![
        3 => leaf.clone().prop_map(Mutation::Replace),
        2 => Just(Mutation::Remove),
        1 => (select(vec!["titel", "colour", "ext", "id", "weight"]), leaf)
            .prop_map(|(k, v)| Mutation::AddField(k.to_owned(), v)),
    ]
}

/// Applies `m` at `pointer` (which exists in `doc`).
fn apply(doc: &mut Value, pointer: &str, m: &Mutation) {
    match m {
        Mutation::Replace(v) => *doc.pointer_mut(pointer).unwrap() = v.clone(),
        Mutation::AddField(k, v) => match doc.pointer_mut(pointer).unwrap() {
            Value::Object(o) => {
                o.insert(k.clone(), v.clone());
            }
            other => *other = v.clone(),
        },
        Mutation::Remove => {
            let Some((parent, last)) = pointer.rsplit_once('/') else {
                *doc = Value::Null; // removing the root leaves nothing
                return;
            };
            let last = last.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent).unwrap() {
                Value::Object(o) => {
                    o.remove(&last);
                }
                Value::Array(a) => {
                    a.remove(last.parse::<usize>().unwrap());
                }
                _ => unreachable!("a parent is a container"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_dataset_round_trips_through_json(d in dataset()) {
        let first = d.to_json();
        prop_assert_eq!(&first, &d.to_json(), "to_json is not stable");
        let back = Dataset::from_json(&first);
        prop_assert!(back.is_ok(), "to_json output does not load: {:?}\n{}", back.err(), first);
        let back = back.unwrap();
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(back.to_json(), first, "bytes differ after a round trip");
    }

    #[test]
    fn texts_keep_their_shape(t in text(), lang in lang()) {
        let mut org: Organization = base(json!({"id": "o", "name": "o", "sector": "other"}));
        org.name = t.clone();
        let d = Dataset {
            default_language: lang,
            organizations: vec![org],
            ..Dataset::default()
        };
        let written: Value = serde_json::from_str(&d.to_json()).unwrap();
        let name = &written["organizations"][0]["name"];
        match &t {
            Text::Plain(s) => prop_assert_eq!(name, &Value::String(s.clone())),
            Text::Langs(m) => {
                let expected: BTreeMap<&String, Value> =
                    m.iter().map(|(k, v)| (k, Value::String(v.clone()))).collect();
                prop_assert_eq!(name, &serde_json::to_value(expected).unwrap());
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(src in "(?s).{0,64}") {
        read_anything(&src);
    }

    #[test]
    fn json_like_text_never_panics(
        src in r#"[\[\]{}",:0-9a-z_ \n\\-]{0,80}"#
    ) {
        read_anything(&src);
        let wrapped = format!(r#"{{"schema_version": "1", "plans": [{src}]}}"#);
        read_anything(&wrapped);
    }

    #[test]
    fn textual_mutations_of_valid_documents_never_panic(
        doc in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        cut in 0usize..8,
        insert in prop_oneof![
            Just(String::new()),
            Just(",".to_owned()),
            Just("\"".to_owned()),
            Just("}".to_owned()),
            Just("]".to_owned()),
            Just("[".to_owned()),
            Just("\\".to_owned()),
            Just("null".to_owned()),
            Just("\u{feff}".to_owned()),
            "(?s).{1,4}",
        ],
    ) {
        let texts = valid_texts();
        let src = &texts[doc.index(texts.len())];
        let boundaries: Vec<usize> =
            src.char_indices().map(|(i, _)| i).chain([src.len()]).collect();
        let start = boundaries[at.index(boundaries.len())];
        let end = boundaries
            .iter()
            .copied()
            .filter(|&b| b >= start)
            .nth(cut)
            .unwrap_or(src.len());
        let mutated = format!("{}{insert}{}", &src[..start], &src[end..]);
        read_anything(&mutated);
    }

    #[test]
    fn structural_mutations_are_located_in_the_original_document(
        doc in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        m in mutation(),
    ) {
        let texts = valid_texts();
        let mut value: Value = serde_json::from_str(&texts[doc.index(texts.len())]).unwrap();
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let pointer = all[at.index(all.len())].clone();
        apply(&mut value, &pointer, &m);
        let src = serde_json::to_string_pretty(&value).unwrap();
        match Dataset::from_json(&src) {
            Ok(ds) => {
                let again = Dataset::from_json(&ds.to_json()).unwrap();
                prop_assert_eq!(again, ds);
            }
            Err(Error::Parse { problems }) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    if p.code == Code::TooManyProblems {
                        continue;
                    }
                    // The text is JSON, so every problem has a pointer, into this document.
                    let ptr = p.location.pointer.as_deref();
                    prop_assert!(ptr.is_some(), "no pointer: {:?} (mutation {:?} at {})", p, m, pointer);
                    let ptr = ptr.unwrap();
                    prop_assert!(
                        value.pointer(ptr).is_some(),
                        "{} is not in the document: {:?} (mutation {:?} at {})", ptr, p, m, pointer
                    );
                    prop_assert!(
                        p.location.line.is_some(),
                        "{} exists but has no line: {:?}", ptr, p
                    );
                }
            }
            Err(other) => prop_assert!(false, "non-parse error {}", other),
        }
    }
}
