//! Semantic validation: what the types alone cannot say.
//!
//! [`validate`] checks a loaded [`Dataset`] and reports every problem at once, sorted by
//! location. The checks, by code:
//!
//! | code | severity | what |
//! |---|---|---|
//! | `duplicate-id` | error | an entity id used twice in the dataset (criteria and requirements: twice in their grid; principles: twice in their guide) |
//! | `duplicate-id` | warning | two ids that differ only by case (`MO0054`, `mo0054`) |
//! | `unknown-reference` | error | a reference to an id that does not exist, or that names another kind of thing (the message says which kind was expected), or that belongs to another plan, committee, meeting or call |
//! | `end-before-start` | error | a plan, commitment, membership or call that ends before it starts; a milestone due before its start |
//! | `date-out-of-range` | warning | a commitment outside its plan's period, a milestone outside its commitment's |
//! | `percent-out-of-range` | error | a percentage (update, reported figure, status scale, tolerance, pass mark) outside 0–100 |
//! | `weights-missing` | error | some commitments of a plan (or milestones of a commitment) weighted, some not: a missing weight is never silently 1 |
//! | `bad-weight` | error | a weight that is zero, negative or not finite; siblings' weights whose sum no number can hold |
//! | `empty-text` | error | a text, or one of its translations, with no words (only white space, zero-width or direction marks); an empty item of a list of free strings; a blank feature of a candidate |
//! | `empty-update` | error | an update with none of `percent`, `status`, `value` |
//! | `value-without-indicator` | error | an update with a `value` on something that has no indicator |
//! | `bad-indicator` | error | an indicator whose target equals its baseline, or whose arithmetic overflows (the span, or an update's value as a percent) |
//! | `duplicate-score` | error | a second score by the same evaluator for the same candidate and criterion |
//! | `bad-scale` | error | a criterion whose `min` is not below `max`, or a threshold, level or score outside the scale |
//! | `sector-mismatch` | warning | a membership whose sector is not its organization's |
//! | `out-of-range` | error | a quorum outside 0–1, a quota whose `min` exceeds its `max`, more delegates than seats |
//! | `invalid-value` | error | a `schema_version` this crate does not read, a country code that is not two capital letters, a language tag that is not BCP 47 (`default_language`, the keys of a text), an item of a list of free strings (sources, policy areas, evidence, focus) with spaces around it; a key of an `ext` or of a candidate's `features` that is empty or has spaces around it (a bundle's column heading could not give it back) |
//!
//! The codes of the JSON reader (`json-syntax`, `type-error`, `missing-field`, `unknown-field`,
//! `invalid-value`, `bad-id`, `bad-date`) come from [`Dataset::from_json`] instead, since a
//! document with such problems does not load.

use std::collections::BTreeSet;

use crate::error::{Code, Problem, Report};
use crate::{Dataset, Index, Kind, PlanDate, Text, Update};

/// Checks a dataset and returns every problem found, sorted by location.
///
/// ```
/// use ogp_core::{validate, Code, Dataset};
///
/// let ds = Dataset::from_json(r#"{
///   "schema_version": "1",
///   "organizations": [
///     {"id": "a", "name": "A", "sector": "government"},
///     {"id": "a", "name": " ", "sector": "government"}
///   ]
/// }"#).unwrap();
/// let codes: Vec<Code> = validate(&ds).problems.iter().map(|p| p.code).collect();
/// assert_eq!(codes, [Code::DuplicateId, Code::EmptyText]);
/// ```
pub fn validate(ds: &Dataset) -> Report {
    let index = ds.index();
    let mut v = Validator {
        index: &index,
        problems: Vec::new(),
        hints: std::collections::HashMap::new(),
        hint_work: 0,
        ids_of: std::collections::HashMap::new(),
    };
    v.dataset(ds);
    Report::new(v.problems)
}

struct Validator<'a> {
    index: &'a Index,
    problems: Vec<Problem>,
    /// The "did you mean" of each unknown id already looked up (by id and kinds expected): a
    /// dataset that repeats one wrong id thousands of times searches the ids once.
    hints: std::collections::HashMap<(String, String), String>,
    /// Ids compared so far for hints; past [`HINT_WORK`], unknown ids get no hint (bounded
    /// work on a dataset of thousands of distinct wrong ids).
    hint_work: usize,
    /// The ids of each set of kinds a reference expects (by its words), listed once.
    ids_of: std::collections::HashMap<String, Vec<&'a str>>,
}

/// How many id comparisons validation spends on "did you mean" hints, at most.
const HINT_WORK: usize = 1_000_000;

/// True when a text has nothing to read: only white space, zero-width and invisible
/// formatting characters (zero-width spaces and joiners, word joiner, byte-order mark, soft
/// hyphen, direction marks and embeddings).
/// True for a percentage: 0 to 100.
fn is_percent(v: f64) -> bool {
    (0.0..=100.0).contains(&v)
}

fn blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
                    | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{00ad}'
            )
    })
}

impl<'a> Validator<'a> {
    fn error(&mut self, code: Code, pointer: String, message: String) {
        self.problems.push(Problem::error(code, pointer, message));
    }

    fn warning(&mut self, code: Code, pointer: String, message: String) {
        self.problems.push(Problem::warning(code, pointer, message));
    }

    /// `id` must name an entity of one of `kinds`.
    fn refer(&mut self, pointer: String, id: &str, kinds: &[Kind]) {
        let expected = kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(" or ");
        let article = if expected.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        match self.index.get(id) {
            None => {
                let hint = self.hint(id, kinds, &expected);
                self.error(
                    Code::UnknownReference,
                    pointer,
                    format!("no {expected} has the id {id:?}{hint}"),
                );
            }
            Some(e) if !kinds.contains(&e.kind) => self.error(
                Code::UnknownReference,
                pointer,
                format!(
                    "{id:?} is a {} (at {}), but {article} {expected} is expected here",
                    e.kind, e.pointer
                ),
            ),
            Some(_) => {}
        }
    }

    /// " (did you mean …?)" for an unknown `id`, looked up once per id and while the hint
    /// budget lasts.
    fn hint(&mut self, id: &str, kinds: &[Kind], expected: &str) -> String {
        let key = (id.to_owned(), expected.to_owned());
        if let Some(h) = self.hints.get(&key) {
            return h.clone();
        }
        let index = self.index;
        let ids = self
            .ids_of
            .entry(expected.to_owned())
            .or_insert_with(|| kinds.iter().flat_map(|k| index.ids_of(*k)).collect());
        if self.hint_work.saturating_add(ids.len()) > HINT_WORK {
            return String::new();
        }
        self.hint_work += ids.len();
        let hint = crate::hint::did_you_mean(id, ids.iter().copied());
        self.hints.insert(key, hint.clone());
        hint
    }

    /// `id` must be one of `local` (the entities of one plan, committee, meeting or call).
    fn refer_local(
        &mut self,
        pointer: String,
        id: &str,
        kind: Kind,
        local: &BTreeSet<&str>,
        whose: &str,
    ) {
        if local.contains(id) {
            return;
        }
        match self.index.get(id) {
            Some(e) if e.kind == kind => self.error(
                Code::UnknownReference,
                pointer,
                format!("{id:?} is a {kind} of another {whose} (at {}); only this {whose}'s can be used here", e.pointer),
            ),
            _ => self.refer(pointer, id, &[kind]),
        }
    }

    fn text(&mut self, pointer: String, t: &Text) {
        self.text_faults(&pointer, t);
        match t {
            Text::Plain(s) if blank(s) => {
                self.error(Code::EmptyText, pointer, "the text is empty".into());
            }
            Text::Langs(m) if m.is_empty() => self.error(
                Code::EmptyText,
                pointer,
                "the text has no language in it".into(),
            ),
            Text::Langs(m) => {
                for (lang, s) in m {
                    if !crate::is_lang_tag(lang) {
                        self.error(
                            Code::InvalidValue,
                            format!("{pointer}/{}", esc(lang)),
                            format!("{lang:?} is not a language tag (BCP 47, like \"ar\", \"fr\" or \"zgh\")"),
                        );
                    }
                    if blank(s) {
                        self.error(
                            Code::EmptyText,
                            format!("{pointer}/{}", esc(lang)),
                            format!("the {lang:?} text is empty"),
                        );
                    }
                }
            }
            Text::Plain(_) => {}
        }
    }

    /// A text too long or holding NUL (`bad-text`), whatever it was read from.
    fn text_faults(&mut self, pointer: &str, t: &Text) {
        match t {
            Text::Plain(s) => {
                if let Some(why) = crate::text_fault(s) {
                    self.error(Code::BadText, pointer.to_owned(), why);
                }
            }
            Text::Langs(m) => {
                for (lang, s) in m {
                    if let Some(why) = crate::text_fault(s) {
                        self.error(Code::BadText, format!("{pointer}/{}", esc(lang)), why);
                    }
                }
            }
        }
    }

    /// An optional plain string (a url, a region, a place, a name…) that is given must say
    /// something: an empty one could not come back from a bundle's cell (an empty cell is an
    /// absent value), so it is an error here rather than a silent change there.
    fn opt_plain(&mut self, pointer: String, s: Option<&String>) {
        let Some(s) = s else { return };
        if let Some(why) = crate::text_fault(s) {
            self.error(Code::BadText, pointer, why);
        } else if blank(s) {
            self.error(
                Code::EmptyText,
                pointer,
                "the value is empty; leave the field out instead".into(),
            );
        }
    }

    fn opt_text(&mut self, pointer: String, t: Option<&Text>) {
        if let Some(t) = t {
            self.text(pointer, t);
        }
    }

    fn percent(&mut self, pointer: String, v: f64, what: &str) {
        if !is_percent(v) {
            self.error(
                Code::PercentOutOfRange,
                pointer,
                format!("{what} {v} is outside 0–100"),
            );
        }
    }

    fn order(&mut self, pointer: String, start: &PlanDate, end: &PlanDate, what: &str) {
        if end.resolve_end() < start.resolve_start() {
            self.error(
                Code::EndBeforeStart,
                pointer,
                format!("{what} {end} is before the start {start}"),
            );
        }
    }

    /// Warns when `[start, end]` is not within `[outer_start, outer_end]`.
    fn within(
        &mut self,
        pointer: String,
        dates: (&PlanDate, &PlanDate),
        outer: (&PlanDate, &PlanDate),
        what: &str,
        parent: &str,
    ) {
        let (s, e) = dates;
        let (os, oe) = outer;
        if s.resolve_start() < os.resolve_start() || e.resolve_end() > oe.resolve_end() {
            self.warning(
                Code::DateOutOfRange,
                pointer,
                format!("{what} runs {s} – {e}, outside its {parent}'s period {os} – {oe}"),
            );
        }
    }

    /// The items of a list of free strings (sources, policy areas, evidence, focus tags) are
    /// words with nothing around them: an empty item, or one with spaces before or after it,
    /// would not come back the same through a CSV bundle (whose cells are `;`-joined).
    fn items(&mut self, base: &str, items: &[String]) {
        for (i, item) in items.iter().enumerate() {
            if let Some(why) = crate::text_fault(item) {
                self.error(Code::BadText, format!("{base}/{i}"), why);
            } else if blank(item) {
                self.error(
                    Code::EmptyText,
                    format!("{base}/{i}"),
                    "the item is empty".into(),
                );
            } else if item.trim() != item {
                self.error(
                    Code::InvalidValue,
                    format!("{base}/{i}"),
                    format!("{item:?} has spaces around it: write {:?}", item.trim()),
                );
            }
        }
    }

    /// Each value of an indicator's updates gives a finite percent: `(value − baseline) /
    /// (target − baseline) × 100` must not overflow (it would count as 0 without a word).
    fn indicator_values(&mut self, mp: &str, ind: &crate::Indicator, updates: &[Update]) {
        let span = ind.target - ind.baseline;
        if !span.is_finite() || span == 0.0 {
            return; // the indicator itself is reported
        }
        for (i, u) in updates.iter().enumerate() {
            let Some(v) = u.value.filter(|v| v.is_finite()) else {
                continue;
            };
            if !((v - ind.baseline) / span * 100.0).is_finite() {
                self.error(
                    Code::BadIndicator,
                    format!("{mp}/updates/{i}/value"),
                    format!(
                        "value {v} on the indicator from {} to {} gives a percent no number \
                         can hold",
                        ind.baseline, ind.target
                    ),
                );
            }
        }
    }

    /// The weights rule among siblings: all or none, each > 0, and a sum a number can hold.
    fn weights(&mut self, base: &str, items: &[(Option<f64>, &str)], what: &str) {
        let given = items.iter().filter(|(w, _)| w.is_some()).count();
        let sum: f64 = items.iter().filter_map(|(w, _)| *w).sum();
        if given > 0 && !sum.is_finite() && items.iter().all(|(w, _)| w.is_none_or(f64::is_finite))
        {
            self.error(
                Code::BadWeight,
                base.to_owned(),
                format!(
                    "the {what}s' weights add up to more than a number can hold ({sum}); \
                     use smaller weights (only their ratios count)"
                ),
            );
        }
        for (i, (w, id)) in items.iter().enumerate() {
            match w {
                None if given > 0 => self.error(
                    Code::WeightsMissing,
                    format!("{base}/{i}"),
                    format!(
                        "{what} {id:?} has no weight while {given} of the {} {what}s {} one; give every {what} a weight, or none",
                        items.len(),
                        if given == 1 { "has" } else { "have" }
                    ),
                ),
                Some(w) if !(w.is_finite() && *w > 0.0) => self.error(
                    Code::BadWeight,
                    format!("{base}/{i}/weight"),
                    format!("weight {w} must be a number above 0"),
                ),
                _ => {}
            }
        }
    }

    fn updates(&mut self, base: &str, updates: &[Update], has_indicator: bool) {
        for (i, u) in updates.iter().enumerate() {
            // A world dataset has a million updates, nearly all fine: an update's pointer is
            // written only when there is something to check or to say at it.
            let p = || format!("{base}/updates/{i}");
            if let Some(pc) = u.percent.filter(|pc| !is_percent(*pc)) {
                self.percent(format!("{}/percent", p()), pc, "percent");
            }
            if u.percent.is_none() && u.status.is_none() && u.value.is_none() {
                self.error(
                    Code::EmptyUpdate,
                    p(),
                    "the update gives no percent, status or value".into(),
                );
            }
            if let Some(v) = u.value {
                if !has_indicator {
                    self.error(
                        Code::ValueWithoutIndicator,
                        format!("{}/value", p()),
                        "the update gives a value, but there is no indicator to measure it against"
                            .into(),
                    );
                } else if !v.is_finite() {
                    self.error(
                        Code::BadIndicator,
                        format!("{}/value", p()),
                        format!("value {v} is not a number"),
                    );
                }
            }
            if let Some(note) = &u.note {
                self.text(format!("{}/note", p()), note);
            }
            if !u.evidence.is_empty() {
                self.items(&format!("{}/evidence", p()), &u.evidence);
            }
        }
    }

    fn dataset(&mut self, ds: &Dataset) {
        if ds.schema_version != crate::SCHEMA_VERSION {
            self.error(
                Code::InvalidValue,
                "/schema_version".into(),
                format!(
                    "schema_version {:?} is not one this version reads ({:?})",
                    ds.schema_version,
                    crate::SCHEMA_VERSION
                ),
            );
        }
        if !crate::is_lang_tag(&ds.default_language) {
            self.error(
                Code::InvalidValue,
                "/default_language".into(),
                format!(
                    "default_language {:?} is not a language tag (BCP 47, like \"ar\", \"fr\" or \"zgh\")",
                    ds.default_language
                ),
            );
        }
        for (id, e) in self.index.duplicates().to_vec() {
            let first = self
                .index
                .get(&id)
                .map(|f| f.pointer.clone())
                .unwrap_or_default();
            self.error(
                Code::DuplicateId,
                format!("{}/id", e.pointer),
                format!(
                    "the id {id:?} is already used at {first}; ids are unique across the dataset"
                ),
            );
        }
        self.ids_by_case();
        self.organizations(ds);
        let orgs = ds.organizations.iter().map(|o| (&o.id, o.parent.as_ref()));
        self.parent_cycles("organizations", orgs);
        self.plans(ds);
        self.committees(ds);
        let committees = ds.committees.iter().map(|c| (&c.id, c.parent.as_ref()));
        self.parent_cycles("committees", committees);
        self.grids(ds);
        self.calls(ds);
        self.rotation(ds);
        self.every_ext(ds);
    }

    /// Every `ext` of the dataset, each key checked by [`Self::heading_key`] (a bundle writes
    /// it into a column heading). Entities without `ext` cost nothing; pointers are written
    /// only for a fault.
    fn every_ext(&mut self, ds: &Dataset) {
        self.ext(String::new, &ds.ext);
        for (i, o) in ds.organizations.iter().enumerate() {
            self.ext(|| format!("/organizations/{i}"), &o.ext);
        }
        for (i, plan) in ds.plans.iter().enumerate() {
            let pp = || format!("/plans/{i}");
            self.ext(pp, &plan.ext);
            for (j, t) in plan.themes.iter().enumerate() {
                self.ext(|| format!("{}/themes/{j}", pp()), &t.ext);
            }
            for (j, r) in plan.reported.iter().enumerate() {
                self.ext(|| format!("{}/reported/{j}", pp()), &r.ext);
            }
            for (j, c) in plan.commitments.iter().enumerate() {
                let cp = || format!("{}/commitments/{j}", pp());
                self.ext(cp, &c.ext);
                if let Some(irm) = &c.irm {
                    self.ext(|| format!("{}/irm", cp()), &irm.ext);
                }
                for (k, u) in c.updates.iter().enumerate() {
                    self.ext(|| format!("{}/updates/{k}", cp()), &u.ext);
                }
                for (k, m) in c.milestones.iter().enumerate() {
                    let mp = || format!("{}/milestones/{k}", cp());
                    self.ext(mp, &m.ext);
                    for (l, u) in m.updates.iter().enumerate() {
                        self.ext(|| format!("{}/updates/{l}", mp()), &u.ext);
                    }
                }
            }
        }
        for (i, c) in ds.committees.iter().enumerate() {
            self.committee_ext(i, c);
        }
        for (i, g) in ds.grids.iter().enumerate() {
            let gp = || format!("/grids/{i}");
            self.ext(gp, &g.ext);
            for (j, c) in g.criteria.iter().enumerate() {
                self.ext(|| format!("{}/criteria/{j}", gp()), &c.ext);
            }
            for (j, r) in g.requirements.iter().enumerate() {
                self.ext(|| format!("{}/requirements/{j}", gp()), &r.ext);
            }
        }
        for (i, call) in ds.calls.iter().enumerate() {
            let cp = || format!("/calls/{i}");
            self.ext(cp, &call.ext);
            for (j, c) in call.candidates.iter().enumerate() {
                self.ext(|| format!("{}/candidates/{j}", cp()), &c.ext);
            }
            for (j, e) in call.evaluators.iter().enumerate() {
                self.ext(|| format!("{}/evaluators/{j}", cp()), &e.ext);
            }
            for (j, s) in call.scores.iter().enumerate() {
                self.ext(|| format!("{}/scores/{j}", cp()), &s.ext);
            }
        }
        for (i, r) in ds.rotation_policies.iter().enumerate() {
            self.ext(|| format!("/rotation_policies/{i}"), &r.ext);
        }
        for (i, e) in ds.events.iter().enumerate() {
            self.ext(|| format!("/events/{i}"), &e.ext);
        }
    }

    fn committee_ext(&mut self, i: usize, c: &crate::Committee) {
        let cp = || format!("/committees/{i}");
        self.ext(cp, &c.ext);
        if let Some(g) = &c.guide {
            self.ext(|| format!("{}/guide", cp()), &g.ext);
            for (j, p) in g.principles.iter().enumerate() {
                self.ext(|| format!("{}/guide/principles/{j}", cp()), &p.ext);
            }
        }
        for (j, m) in c.memberships.iter().enumerate() {
            let mp = || format!("{}/memberships/{j}", cp());
            self.ext(mp, &m.ext);
            for (k, r) in m.representatives.iter().enumerate() {
                self.ext(|| format!("{}/representatives/{k}", mp()), &r.ext);
            }
        }
        for (j, m) in c.meetings.iter().enumerate() {
            let mp = || format!("{}/meetings/{j}", cp());
            self.ext(mp, &m.ext);
            let lists: [(&str, Vec<&crate::Ext>); 5] = [
                ("attendance", m.attendance.iter().map(|x| &x.ext).collect()),
                ("guests", m.guests.iter().map(|x| &x.ext).collect()),
                ("agenda", m.agenda.iter().map(|x| &x.ext).collect()),
                ("decisions", m.decisions.iter().map(|x| &x.ext).collect()),
                ("actions", m.actions.iter().map(|x| &x.ext).collect()),
            ];
            for (name, exts) in lists {
                for (k, ext) in exts.into_iter().enumerate() {
                    self.ext(|| format!("{}/{name}/{k}", mp()), ext);
                }
            }
        }
    }

    /// The keys of one `ext` (at the pointer `at` gives, written only for a fault).
    fn ext(&mut self, at: impl Fn() -> String, ext: &crate::Ext) {
        for key in ext.keys() {
            if key.is_empty() || key.trim() != key {
                self.heading_key(format!("{}/ext/{}", at(), esc(key)), key);
            }
        }
    }

    /// A key that a bundle writes into a column heading (`ext/<key>`, `features/<key>`)
    /// must be words with nothing around them.
    fn heading_key(&mut self, pointer: String, key: &str) {
        if key.is_empty() {
            self.error(Code::InvalidValue, pointer, "the key is empty".into());
        } else if key.trim() != key {
            self.error(
                Code::InvalidValue,
                pointer,
                format!(
                    "the key {key:?} has spaces around it: write {:?}",
                    key.trim()
                ),
            );
        }
    }

    /// Reports each cycle of `parent` links among `items` (the entities of the array `array`,
    /// as `(id, parent)` in order) once, at its first member: a chain of parents must end.
    fn parent_cycles<'d>(
        &mut self,
        array: &str,
        items: impl Iterator<Item = (&'d crate::Id, Option<&'d crate::Id>)>,
    ) {
        let items: Vec<_> = items.collect();
        let at: std::collections::HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.as_str(), i))
            .collect();
        let parent_of = |i: usize| {
            items
                .get(i)
                .and_then(|(_, p)| *p)
                .and_then(|p| at.get(p.as_str()).copied())
        };
        // 0: not seen; 1: on the chain being walked; 2: done.
        let mut state = vec![0u8; items.len()];
        for start in 0..items.len() {
            let mut chain = Vec::new();
            let mut next = Some(start);
            while let Some(i) = next {
                match state.get(i) {
                    Some(0) => {}
                    Some(1) => {
                        let cycle = chain.iter().skip_while(|&&j| j != i).copied();
                        self.cycle_found(array, &items, cycle.collect());
                        break;
                    }
                    _ => break,
                }
                if let Some(s) = state.get_mut(i) {
                    *s = 1;
                }
                chain.push(i);
                next = parent_of(i);
            }
            for j in chain {
                if let Some(s) = state.get_mut(j) {
                    *s = 2;
                }
            }
        }
    }

    fn cycle_found(
        &mut self,
        array: &str,
        items: &[(&crate::Id, Option<&crate::Id>)],
        mut cycle: Vec<usize>,
    ) {
        let Some(first) = cycle.iter().position(|i| Some(i) == cycle.iter().min()) else {
            return;
        };
        cycle.rotate_left(first);
        let Some(&first) = cycle.first() else {
            return;
        };
        let names: Vec<String> = cycle
            .iter()
            .filter_map(|&i| items.get(i))
            .map(|(id, _)| format!("{:?}", id.as_str()))
            .collect();
        let message = match names.as_slice() {
            [one] => format!("{one} names itself as its parent"),
            _ => format!(
                "the parents go round in a circle: {} → {}; one of them must have no parent or \
                 another",
                names.join(" → "),
                names.first().map_or("", String::as_str)
            ),
        };
        self.error(
            Code::ParentCycle,
            format!("/{array}/{first}/parent"),
            message,
        );
    }

    /// Warns when two ids differ only by case (`MO0054` and `mo0054`): they are two ids here,
    /// but one for many spreadsheets, file systems and people.
    fn ids_by_case(&mut self) {
        let mut seen: std::collections::BTreeMap<String, (&str, String)> =
            std::collections::BTreeMap::new();
        let mut found = Vec::new();
        for (id, e) in self.index.entries() {
            match seen.get(&id.to_lowercase()) {
                Some((first, at)) => found.push((
                    format!("{}/id", e.pointer),
                    format!(
                        "the id {id:?} differs from {first:?} (at {at}) only by case; give them \
                         ids that differ in more than case"
                    ),
                )),
                None => {
                    seen.insert(id.to_lowercase(), (id, e.pointer.clone()));
                }
            }
        }
        for (pointer, message) in found {
            self.warning(Code::DuplicateId, pointer, message);
        }
    }

    fn organizations(&mut self, ds: &Dataset) {
        for (i, o) in ds.organizations.iter().enumerate() {
            let p = format!("/organizations/{i}");
            self.text(format!("{p}/name"), &o.name);
            self.items(&format!("{p}/focus"), &o.focus);
            self.opt_text(format!("{p}/short_name"), o.short_name.as_ref());
            self.opt_plain(format!("{p}/region"), o.region.as_ref());
            self.opt_plain(format!("{p}/url"), o.url.as_ref());
            if let Some(parent) = &o.parent {
                self.refer(
                    format!("{p}/parent"),
                    parent.as_str(),
                    &[Kind::Organization],
                );
            }
        }
    }

    fn plans(&mut self, ds: &Dataset) {
        for (i, plan) in ds.plans.iter().enumerate() {
            let pp = format!("/plans/{i}");
            self.text(format!("{pp}/title"), &plan.title);
            self.opt_text(format!("{pp}/jurisdiction"), plan.jurisdiction.as_ref());
            self.opt_plain(format!("{pp}/ogp_id"), plan.ogp_id.as_ref());
            self.opt_plain(format!("{pp}/region"), plan.region.as_ref());
            if !(plan.country.len() == 2 && plan.country.bytes().all(|b| b.is_ascii_uppercase())) {
                self.error(
                    Code::InvalidValue,
                    format!("{pp}/country"),
                    format!(
                        "country {:?} is not an ISO 3166-1 alpha-2 code (two capital letters){}",
                        plan.country,
                        crate::hint::country(&plan.country)
                            .map_or_else(String::new, |h| format!(": {h}"))
                    ),
                );
            }
            self.order(format!("{pp}/end"), &plan.start, &plan.end, "the end");
            for (j, t) in plan.themes.iter().enumerate() {
                self.text(format!("{pp}/themes/{j}/title"), &t.title);
            }
            if let Some(r) = &plan.progress_rules {
                if let Some(t) = r.tolerance {
                    self.percent(format!("{pp}/progress_rules/tolerance"), t, "tolerance");
                }
                if let Some(s) = &r.status_scale {
                    for (name, v) in s.entries() {
                        self.percent(format!("{pp}/progress_rules/status_scale/{name}"), v, name);
                    }
                }
            }
            for (j, r) in plan.reported.iter().enumerate() {
                let rp = format!("{pp}/reported/{j}");
                self.percent(format!("{rp}/percent"), r.percent, "reported percent");
                self.opt_plain(format!("{rp}/source"), r.source.as_ref());
                if let Some(m) = &r.meeting {
                    self.refer(format!("{rp}/meeting"), m.as_str(), &[Kind::Meeting]);
                }
                self.opt_text(format!("{rp}/note"), r.note.as_ref());
            }
            let themes: BTreeSet<&str> = plan.themes.iter().map(|t| t.id.as_str()).collect();
            let weights: Vec<(Option<f64>, &str)> = plan
                .commitments
                .iter()
                .map(|c| (c.weight, c.id.as_str()))
                .collect();
            self.weights(&format!("{pp}/commitments"), &weights, "commitment");
            self.items(&format!("{pp}/sources"), &plan.sources);
            for (j, c) in plan.commitments.iter().enumerate() {
                let cp = format!("{pp}/commitments/{j}");
                self.items(&format!("{cp}/policy_areas"), &c.policy_areas);
                self.text(format!("{cp}/title"), &c.title);
                self.opt_text(format!("{cp}/short_title"), c.short_title.as_ref());
                self.opt_plain(format!("{cp}/ogp_id"), c.ogp_id.as_ref());
                self.opt_plain(format!("{cp}/number"), c.number.as_ref());
                self.opt_plain(format!("{cp}/url"), c.url.as_ref());
                if let Some(irm) = &c.irm {
                    self.opt_plain(
                        format!("{cp}/irm/early_results"),
                        irm.early_results.as_ref(),
                    );
                }
                self.opt_text(format!("{cp}/challenge"), c.challenge.as_ref());
                self.opt_text(format!("{cp}/solution"), c.solution.as_ref());
                if let Some(t) = &c.theme {
                    self.refer_local(
                        format!("{cp}/theme"),
                        t.as_str(),
                        Kind::Theme,
                        &themes,
                        "plan",
                    );
                }
                self.refer(format!("{cp}/lead"), c.lead.as_str(), &[Kind::Organization]);
                for (k, o) in c.partners.iter().enumerate() {
                    self.refer(
                        format!("{cp}/partners/{k}"),
                        o.as_str(),
                        &[Kind::Organization],
                    );
                }
                self.order(format!("{cp}/end"), &c.start, &c.end, "the end");
                self.within(
                    cp.clone(),
                    (&c.start, &c.end),
                    (&plan.start, &plan.end),
                    "the commitment",
                    "plan",
                );
                let weights: Vec<(Option<f64>, &str)> = c
                    .milestones
                    .iter()
                    .map(|m| (m.weight, m.id.as_str()))
                    .collect();
                self.weights(&format!("{cp}/milestones"), &weights, "milestone");
                for (k, m) in c.milestones.iter().enumerate() {
                    let mp = format!("{cp}/milestones/{k}");
                    self.text(format!("{mp}/title"), &m.title);
                    let start = m.start.unwrap_or(c.start);
                    if m.start.is_some() {
                        self.order(format!("{mp}/due"), &start, &m.due, "the due date");
                    }
                    self.within(
                        mp.clone(),
                        (&start, &m.due),
                        (&c.start, &c.end),
                        "the milestone",
                        "commitment",
                    );
                    if let Some(l) = &m.lead {
                        self.refer(format!("{mp}/lead"), l.as_str(), &[Kind::Organization]);
                    }
                    if let Some(ind) = &m.indicator {
                        self.indicator_values(&mp, ind, &m.updates);
                        if !(ind.baseline.is_finite() && ind.target.is_finite())
                            || ind.baseline == ind.target
                            || !(ind.target - ind.baseline).is_finite()
                        {
                            self.error(
                                Code::BadIndicator,
                                format!("{mp}/indicator"),
                                format!(
                                    "baseline {} and target {} must be different numbers, whose \
                                     difference a number can hold",
                                    ind.baseline, ind.target
                                ),
                            );
                        } else if (ind.target > ind.baseline) != ind.higher_is_better {
                            self.warning(
                                Code::BadIndicator,
                                format!("{mp}/indicator"),
                                format!(
                                    "higher_is_better is {} but the target {} is {} the baseline {}",
                                    ind.higher_is_better,
                                    ind.target,
                                    if ind.target > ind.baseline { "above" } else { "below" },
                                    ind.baseline
                                ),
                            );
                        }
                    }
                    self.updates(&mp, &m.updates, m.indicator.is_some());
                }
                self.updates(&cp, &c.updates, false);
            }
        }
    }

    fn committees(&mut self, ds: &Dataset) {
        for (i, c) in ds.committees.iter().enumerate() {
            let cp = format!("/committees/{i}");
            self.text(format!("{cp}/name"), &c.name);
            if let Some(x) = &c.parent {
                self.refer(format!("{cp}/parent"), x.as_str(), &[Kind::Committee]);
            }
            if let Some(x) = &c.plan {
                self.refer(format!("{cp}/plan"), x.as_str(), &[Kind::Plan]);
            }
            if let Some(x) = &c.chair {
                self.refer(format!("{cp}/chair"), x.as_str(), &[Kind::Organization]);
            }
            if let Some(x) = &c.secretariat {
                self.refer(
                    format!("{cp}/secretariat"),
                    x.as_str(),
                    &[Kind::Organization],
                );
            }
            if let Some(q) = c.quorum
                && !(0.0..=1.0).contains(&q)
            {
                self.error(
                    Code::OutOfRange,
                    format!("{cp}/quorum"),
                    format!("quorum {q} is a share and must lie in 0–1"),
                );
            }
            if let Some(g) = &c.guide {
                let gp = format!("{cp}/guide");
                self.opt_plain(format!("{gp}/source"), g.source.as_ref());
                if let Some(m) = &g.adopted_at {
                    self.refer(format!("{gp}/adopted_at"), m.as_str(), &[Kind::Meeting]);
                }
                let mut seen = BTreeSet::new();
                for (j, pr) in g.principles.iter().enumerate() {
                    if !seen.insert(pr.id.as_str()) {
                        self.error(
                            Code::DuplicateId,
                            format!("{gp}/principles/{j}/id"),
                            format!(
                                "the principle id {:?} is used twice in this guide",
                                pr.id.as_str()
                            ),
                        );
                    }
                    self.text(format!("{gp}/principles/{j}/title"), &pr.title);
                    self.opt_text(format!("{gp}/principles/{j}/text"), pr.text.as_ref());
                }
                for (j, a) in g.annexes.iter().enumerate() {
                    if self.index.get(a.as_str()).is_none() {
                        self.error(
                            Code::UnknownReference,
                            format!("{gp}/annexes/{j}"),
                            format!("nothing in the dataset has the id {:?}", a.as_str()),
                        );
                    }
                }
            }
            let members: BTreeSet<&str> = c.memberships.iter().map(|m| m.id.as_str()).collect();
            for (j, m) in c.memberships.iter().enumerate() {
                let mp = format!("{cp}/memberships/{j}");
                self.refer(
                    format!("{mp}/organization"),
                    m.organization.as_str(),
                    &[Kind::Organization],
                );
                if let Some(org) = ds.organization(m.organization.as_str())
                    && org.sector != m.sector
                {
                    self.warning(
                        Code::SectorMismatch,
                        format!("{mp}/sector"),
                        format!(
                            "the seat is {} but {:?} is {}",
                            m.sector.as_str(),
                            m.organization.as_str(),
                            org.sector.as_str()
                        ),
                    );
                }
                if let Some(end) = &m.end {
                    self.order(format!("{mp}/end"), &m.start, end, "the end");
                }
                if let Some(call) = &m.selected_by {
                    self.refer(format!("{mp}/selected_by"), call.as_str(), &[Kind::Call]);
                }
                for (k, r) in m.representatives.iter().enumerate() {
                    self.opt_text(format!("{mp}/representatives/{k}/title"), r.title.as_ref());
                    self.opt_plain(format!("{mp}/representatives/{k}/name"), r.name.as_ref());
                }
            }
            for (j, m) in c.meetings.iter().enumerate() {
                let mp = format!("{cp}/meetings/{j}");
                self.opt_plain(format!("{mp}/minutes_url"), m.minutes_url.as_ref());
                for (k, a) in m.attendance.iter().enumerate() {
                    self.refer_local(
                        format!("{mp}/attendance/{k}/membership"),
                        a.membership.as_str(),
                        Kind::Membership,
                        &members,
                        "committee",
                    );
                }
                for (k, g) in m.guests.iter().enumerate() {
                    self.opt_plain(format!("{mp}/guests/{k}/name"), g.name.as_ref());
                    if let Some(o) = &g.organization {
                        self.refer(
                            format!("{mp}/guests/{k}/organization"),
                            o.as_str(),
                            &[Kind::Organization],
                        );
                    }
                }
                let items: BTreeSet<&str> = m.agenda.iter().map(|a| a.id.as_str()).collect();
                for (k, a) in m.agenda.iter().enumerate() {
                    self.text(format!("{mp}/agenda/{k}/title"), &a.title);
                }
                for (k, d) in m.decisions.iter().enumerate() {
                    let dp = format!("{mp}/decisions/{k}");
                    self.text(format!("{dp}/text"), &d.text);
                    if let Some(it) = &d.item {
                        self.refer_local(
                            format!("{dp}/item"),
                            it.as_str(),
                            Kind::AgendaItem,
                            &items,
                            "meeting",
                        );
                    }
                    if let Some(o) = &d.proposed_by {
                        self.refer(
                            format!("{dp}/proposed_by"),
                            o.as_str(),
                            &[Kind::Organization],
                        );
                    }
                }
                for (k, a) in m.actions.iter().enumerate() {
                    let ap = format!("{mp}/actions/{k}");
                    self.text(format!("{ap}/title"), &a.title);
                    if let Some(o) = &a.owner {
                        self.refer(format!("{ap}/owner"), o.as_str(), &[Kind::Organization]);
                    }
                    if let Some(d) = &a.decision {
                        self.refer(format!("{ap}/decision"), d.as_str(), &[Kind::Decision]);
                    }
                    if let Some(closed) = &a.closed_on {
                        self.order(format!("{ap}/closed_on"), &m.date, closed, "closed on");
                    }
                }
            }
        }
    }

    fn grids(&mut self, ds: &Dataset) {
        for (i, g) in ds.grids.iter().enumerate() {
            let gp = format!("/grids/{i}");
            self.text(format!("{gp}/title"), &g.title);
            if let Some(m) = &g.approved_at {
                self.refer(format!("{gp}/approved_at"), m.as_str(), &[Kind::Meeting]);
            }
            if let Some(pm) = g.pass_mark {
                self.percent(format!("{gp}/pass_mark"), pm, "pass mark");
            }
            let mut seen = BTreeSet::new();
            for (j, c) in g.criteria.iter().enumerate() {
                let cp = format!("{gp}/criteria/{j}");
                if !seen.insert(c.id.as_str()) {
                    self.error(
                        Code::DuplicateId,
                        format!("{cp}/id"),
                        format!(
                            "the criterion id {:?} is used twice in this grid",
                            c.id.as_str()
                        ),
                    );
                }
                self.text(format!("{cp}/title"), &c.title);
                if !(c.weight.is_finite() && c.weight > 0.0) {
                    self.error(
                        Code::BadWeight,
                        format!("{cp}/weight"),
                        format!("weight {} must be a number above 0", c.weight),
                    );
                }
                if !(c.min.is_finite() && c.max.is_finite() && c.min < c.max) {
                    self.error(
                        Code::BadScale,
                        format!("{cp}/max"),
                        format!("the scale {} – {} must rise", c.min, c.max),
                    );
                    continue;
                }
                let on_scale = |v: f64| v >= c.min && v <= c.max;
                if let Some(t) = c.min_score
                    && !on_scale(t)
                {
                    self.error(
                        Code::BadScale,
                        format!("{cp}/min_score"),
                        format!("threshold {t} is outside the scale {} – {}", c.min, c.max),
                    );
                }
                for (k, l) in c.levels.iter().enumerate() {
                    self.text(format!("{cp}/levels/{k}/label"), &l.label);
                    if !on_scale(l.points) {
                        self.error(
                            Code::BadScale,
                            format!("{cp}/levels/{k}/points"),
                            format!(
                                "{} points is outside the scale {} – {}",
                                l.points, c.min, c.max
                            ),
                        );
                    }
                }
            }
            let mut seen = BTreeSet::new();
            for (j, r) in g.requirements.iter().enumerate() {
                if !seen.insert(r.id.as_str()) {
                    self.error(
                        Code::DuplicateId,
                        format!("{gp}/requirements/{j}/id"),
                        format!(
                            "the requirement id {:?} is used twice in this grid",
                            r.id.as_str()
                        ),
                    );
                }
                self.text(format!("{gp}/requirements/{j}/title"), &r.title);
            }
        }
    }

    fn calls(&mut self, ds: &Dataset) {
        for (i, call) in ds.calls.iter().enumerate() {
            let cp = format!("/calls/{i}");
            self.text(format!("{cp}/title"), &call.title);
            self.refer(
                format!("{cp}/committee"),
                call.committee.as_str(),
                &[Kind::Committee],
            );
            self.refer(format!("{cp}/grid"), call.grid.as_str(), &[Kind::Grid]);
            if let (Some(o), Some(c)) = (&call.opens, &call.closes) {
                self.order(format!("{cp}/closes"), o, c, "closing date");
            }
            for (j, q) in call.quotas.iter().enumerate() {
                if q.min > q.max {
                    self.error(
                        Code::OutOfRange,
                        format!("{cp}/quotas/{j}"),
                        format!("quota min {} is above its max {}", q.min, q.max),
                    );
                }
            }
            let grid = ds.grids.iter().find(|g| g.id == call.grid);
            let candidates: BTreeSet<&str> =
                call.candidates.iter().map(|c| c.id.as_str()).collect();
            let evaluators: BTreeSet<&str> =
                call.evaluators.iter().map(|e| e.id.as_str()).collect();
            for (j, c) in call.candidates.iter().enumerate() {
                let p = format!("{cp}/candidates/{j}");
                for (key, value) in &c.features {
                    let at = format!("{p}/features/{}", esc(key));
                    if blank(value) {
                        // A bundle's blank cell is no feature at all.
                        self.error(Code::EmptyText, at.clone(), "the feature is empty".into());
                    }
                    self.heading_key(at, key);
                }
                self.refer(
                    format!("{p}/organization"),
                    c.organization.as_str(),
                    &[Kind::Organization],
                );
                if let Some(g) = grid {
                    for req in c.eligibility.keys() {
                        if !g.requirements.iter().any(|r| r.id.as_str() == req) {
                            self.error(
                                Code::UnknownReference,
                                format!("{p}/eligibility/{}", esc(req)),
                                format!("the grid {:?} has no requirement {req:?}", g.id.as_str()),
                            );
                        }
                    }
                }
            }
            for (j, e) in call.evaluators.iter().enumerate() {
                self.opt_plain(format!("{cp}/evaluators/{j}/name"), e.name.as_ref());
                for (k, x) in e.conflicts.iter().enumerate() {
                    self.refer_local(
                        format!("{cp}/evaluators/{j}/conflicts/{k}"),
                        x.as_str(),
                        Kind::Candidate,
                        &candidates,
                        "call",
                    );
                }
            }
            let mut scored = BTreeSet::new();
            for (j, s) in call.scores.iter().enumerate() {
                let sp = format!("{cp}/scores/{j}");
                self.opt_text(format!("{sp}/note"), s.note.as_ref());
                if !scored.insert((
                    s.candidate.as_str(),
                    s.evaluator.as_str(),
                    s.criterion.as_str(),
                )) {
                    // Which of two scores would count is not for an engine to guess.
                    self.error(
                        Code::DuplicateScore,
                        sp.clone(),
                        format!(
                            "{} already scored {} on {:?}: keep one score",
                            s.evaluator.as_str(),
                            s.candidate.as_str(),
                            s.criterion.as_str()
                        ),
                    );
                }
                self.refer_local(
                    format!("{sp}/candidate"),
                    s.candidate.as_str(),
                    Kind::Candidate,
                    &candidates,
                    "call",
                );
                self.refer_local(
                    format!("{sp}/evaluator"),
                    s.evaluator.as_str(),
                    Kind::Evaluator,
                    &evaluators,
                    "call",
                );
                if let Some(g) = grid {
                    match g.criteria.iter().find(|c| c.id == s.criterion) {
                        None => self.error(
                            Code::UnknownReference,
                            format!("{sp}/criterion"),
                            format!(
                                "the grid {:?} has no criterion {:?}",
                                g.id.as_str(),
                                s.criterion.as_str()
                            ),
                        ),
                        Some(c) if !(s.score >= c.min && s.score <= c.max) => self.error(
                            Code::BadScale,
                            format!("{sp}/score"),
                            format!(
                                "score {} is outside the scale {} – {} of {:?}",
                                s.score,
                                c.min,
                                c.max,
                                c.id.as_str()
                            ),
                        ),
                        Some(_) => {}
                    }
                }
            }
            for (j, t) in call.tie_break.iter().enumerate() {
                let known = t == "lottery"
                    || grid.is_some_and(|g| g.criteria.iter().any(|c| c.id.as_str() == t));
                if !known && grid.is_some() {
                    self.error(
                        Code::UnknownReference,
                        format!("{cp}/tie_break/{j}"),
                        format!("{t:?} is neither a criterion of the call's grid nor \"lottery\""),
                    );
                }
            }
        }
    }

    fn rotation(&mut self, ds: &Dataset) {
        for (i, r) in ds.rotation_policies.iter().enumerate() {
            let rp = format!("/rotation_policies/{i}");
            self.refer(
                format!("{rp}/committee"),
                r.committee.as_str(),
                &[Kind::Committee],
            );
            if let crate::Pool::Memberships(ids) = &r.pool {
                for (j, m) in ids.iter().enumerate() {
                    self.refer(format!("{rp}/pool/{j}"), m.as_str(), &[Kind::Membership]);
                }
            }
        }
        for (i, e) in ds.events.iter().enumerate() {
            let ep = format!("/events/{i}");
            self.text(format!("{ep}/title"), &e.title);
            self.opt_plain(format!("{ep}/place"), e.place.as_ref());
            if let Some(p) = &e.policy {
                self.refer(format!("{ep}/policy"), p.as_str(), &[Kind::RotationPolicy]);
            }
            for (j, m) in e.delegates.iter().enumerate() {
                self.refer(
                    format!("{ep}/delegates/{j}"),
                    m.as_str(),
                    &[Kind::Membership],
                );
            }
            for (j, m) in e.declined.iter().enumerate() {
                self.refer(
                    format!("{ep}/declined/{j}"),
                    m.as_str(),
                    &[Kind::Membership],
                );
            }
            if let Some(m) = &e.decided_at {
                self.refer(format!("{ep}/decided_at"), m.as_str(), &[Kind::Meeting]);
            }
            if e.delegates.len() > e.seats as usize {
                self.error(
                    Code::OutOfRange,
                    format!("{ep}/delegates"),
                    format!(
                        "{} delegates for {} seat{}",
                        e.delegates.len(),
                        e.seats,
                        if e.seats == 1 { "" } else { "s" }
                    ),
                );
            }
        }
    }
}

/// Escapes a JSON pointer segment.
fn esc(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
