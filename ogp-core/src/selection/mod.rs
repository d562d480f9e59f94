//! Selecting civil-society candidates for a committee's seats: scoring grids, calls for
//! candidates — and [`run`], the selection with an audit that anyone can re-run ([`verify`]).
//!
//! [`run`] is a pure function of a borrowed [`Dataset`](crate::Dataset): one call, scored with its grid, gives
//! one [`SelectionResult`]. The rules below are exact: with them and the call's data, every
//! figure, rank and seat can be recomputed by hand. The numbers of the example in §11 are
//! worked out in full.
//!
//! # 0. Conventions
//! - **Comparisons** (a threshold, the ranking, a tie) are made on values rounded to 9 decimal
//!   places: two values that agree to 9 decimals are equal. This only absorbs floating-point noise
//!   (0.1 + 0.2); the JSON keeps every value in full.
//! - **Order does not matter**: the result depends on what the call says, not on the order of
//!   its candidates, evaluators or scores. Candidates are evaluated by id; scores of a
//!   criterion are listed by evaluator id and combined from their sorted values.
//! - Texts (`rule`, `derivation`, `message`) round numbers to 3 decimals; fields do not.
//!
//! # 1. Eligibility
//! A candidate is **eligible** when, for every requirement of the call's grid,
//! `eligibility[requirement]` is `true`. A requirement set to `false` is `not_met`; a
//! requirement the candidate's `eligibility` does not mention is `not_stated` and counts as not
//! met. When the call's committee has `max_consecutive_terms` = M, a candidate whose
//! `prior_terms` (read as the consecutive terms served up to this call; absent = 0) is ≥ M is
//! not eligible either (`term_limit`: another term would be its (M + 1)th). Without
//! `max_consecutive_terms` there is no term limit.
//!
//! A candidate that is not eligible is listed with `failed_requirements` (the grid's
//! requirements in grid order, then the term limit) and reason `ineligible`; it is not scored
//! further: its `criteria` are empty, its `total` and `rank` are `null`, and each of its scores
//! is listed in `excluded_scores` (reason `conflict_of_interest` when the evaluator has a
//! conflict with it, else `candidate_ineligible`).
//!
//! # 2. Conflicts of interest
//! A score given by an evaluator who lists the candidate in its `conflicts` is **never
//! counted**: it is shown in the candidate's criterion with `counted: false`, `excluded:
//! "conflict_of_interest"`, and listed in `excluded_scores`. Every other score is counted.
//!
//! # 3. A candidate's score on a criterion
//! The counted scores v₁ ≤ … ≤ vₙ of an eligible candidate on a criterion are **combined** by
//! the grid's `aggregation`:
//! - `mean`: (v₁ + … + vₙ) / n;
//! - `median`: the middle value v₍ₙ₊₁₎/₂ when n is odd, (vₙ/₂ + vₙ/₂₊₁) / 2 when n is even;
//! - `trimmed_mean`: when n ≥ 3, the mean of v₂ … vₙ₋₁ (one lowest and one highest dropped);
//!   when n < 3, the mean;
//! - `consensus`: when every counted score is equal, that score; otherwise the candidate has
//!   **no consensus** on the criterion (problem `no-consensus`, reason `no_consensus`).
//!
//! A mean is kept within v₁ … vₙ (this only undoes floating-point rounding). A candidate with
//! no counted score on some criterion is **incomplete** (problem `incomplete-scores`, reason
//! `incomplete`). Incomplete candidates and those without consensus are listed with what they
//! have, with `total` and `rank` `null`: they are not ranked.
//!
//! The combined score s is **normalised** to 0–100 over the criterion's scale:
//! **norm = (s − min) / (max − min) × 100** (on a 0–3 scale, 2 gives 66.667).
//!
//! # 4. Total
//! **total = Σ wᵢ·normᵢ / Σ wᵢ** over the grid's criteria, wᵢ being the criterion's `weight`
//! (summed in grid order, kept within the smallest and largest normᵢ); 0–100. Each
//! criterion's normalised weight wᵢ / Σ w is shown with it (and in
//! [`SelectionResult::criteria`]); `derivation` writes the sum out.
//!
//! # 5. Thresholds
//! A candidate whose combined score on a criterion is below that criterion's `min_score` (on
//! the criterion's own scale, before normalising) is **eliminated** (`below_min_score: true`
//! on that criterion; reason `below_min_score`). A total below the grid's `pass_mark`
//! eliminates too (reason `below_pass_mark`, when no criterion already did). Exactly at the
//! threshold passes. The reason's message lists every threshold missed. Eliminated candidates
//! keep their total; they are not ranked.
//!
//! # 6. Ranking and ties
//! The remaining candidates are ranked by total, highest first. Candidates with equal totals
//! form a **tie**, broken by the call's `tie_break` entries in order, each applied to the
//! candidates still tied:
//! - a **criterion id** compares the combined scores on that criterion (§3, on its own
//!   scale), higher first; equal scores stay tied for the next entry;
//! - **`lottery`** orders them by [`lottery::order`](crate::lottery::order)`(seed, call id,
//!   ids)`: ascending `lottery::key(seed, call id, id)` (see [`crate::lottery`] for the exact
//!   draw), which every tie step shows as 16 hexadecimal digits. A lottery separates
//!   everyone. When the call has no `seed`, the tie stays unresolved and the problem
//!   `no-seed` (error) is reported — there is never an implicit random choice.
//!
//! When the entries run out (a call without `lottery` in its `tie_break`), the candidates
//! still tied stay tied: they share a rank, are listed by id, and the problem
//! `unresolved-tie` is reported (see §7 for what it does to the seats). Ranks are competition
//! ranks: a candidate's rank is 1 + the number of candidates placed before it (two tied for 2nd
//! are both 2, the next is 4).
//!
//! Each ranked candidate but the first records in `separated_by` what put it after the
//! previous one: `total`, `criterion` (naming it), `lottery`, or `tied`. Each tie is listed in
//! [`SelectionResult::ties`] with every step: the rule, the candidates it was applied to, the
//! values compared and the order it gave.
//!
//! # 7. Seats and quotas
//! A quota (`feature`, `value`, `min`, `max`) counts the selected candidates whose
//! `features[feature]` is exactly `value`.
//!
//! *Reserved minimums.* First, taking the quotas in the order the call lists them, a quota
//! with `min` > 0 is **reserved** for when some choice of at most `seats` ranked candidates
//! meets its min and the mins of the quotas already reserved without exceeding any quota's
//! max; otherwise its min cannot be met (it is reported `quota-unmet` at the end, and is not
//! reserved for; its max still applies).
//!
//! *The walk.* Then the seats are filled going down the ranking. With L seats left, a
//! candidate is **skipped** when
//! 1. selecting it would take some quota above its `max` (reason `quota_max`), or
//! 2. after selecting it, no choice of at most L − 1 of the candidates ranked below it could
//!    bring every reserved quota up to its min without exceeding a max (reason
//!    `reserved_for_quota`: the seats left are needed for those minimums);
//!
//! otherwise it gets the next seat (`selected: true`, `seat` 1, 2, …). Once the seats are
//! filled, the candidates below get reason `below_last_seat`. The "some choice" tests are
//! exact (a search over the candidates' quota combinations). Because of them, the reserved
//! minimums are always met, unless the walk stops at a tie.
//!
//! *Unresolved ties in the walk.* Candidates who share a rank are taken together: if all of
//! them fit (enough seats, no max exceeded, reserved minimums still reachable), all are
//! selected (seats in id order); if none of them can be selected on its own, each is skipped
//! with its reason; if some could be and not all, nothing decides between them: **the
//! selection stops there** — they get reason `unresolved_tie`, every candidate below gets
//! `selection_stopped`, the seats left stay empty, and the `unresolved-tie` problem is an
//! error. An unresolved tie that does not cross the last seat is a warning.
//!
//! At the end, each quota is listed with the candidates selected, its count and `met` (min ≤
//! count ≤ max). A quota below its min is the problem `quota-unmet`. Fewer selected
//! candidates than seats without a stop is `seats-unfilled` (a warning).
//!
//! # 8. The result, in order
//! `candidates`: the ranked ones by rank (tied ones by id), then all the others by id.
//! `excluded_scores`: by candidate, criterion, evaluator. `ties`: in rank order. `quotas`: in
//! call order. `problems`: sorted by location, code and message. `selected`: seat order.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `incomplete-scores` | error | an eligible candidate has no counted score on a criterion |
//! | `no-consensus` | error | `consensus` aggregation and the counted scores differ |
//! | `no-seed` | error | a tie reaches `lottery` and the call has no `seed` |
//! | `unresolved-tie` | error / warning | candidates still tied after every rule; an error when the selection stops at it |
//! | `quota-unmet` | error | a quota's min is not reached |
//! | `seats-unfilled` | warning | fewer candidates could be selected than there are seats |
//! | `draft-grid` | warning | the grid's status is `draft`: the selection is provisional |
//!
//! Errors mean the selection is not final: the committee has a decision to take (a missing
//! score, a seed, a tie, a quota) before it publishes.
//!
//! # 9. The fingerprint and re-running an audit
//! `fingerprint` says what a result was computed from: the SHA-256 digest (FIPS 180-4) of the
//! canonical JSON of the array `[call, grid, max_consecutive_terms]`, written as 64 lower-case
//! hexadecimal digits. Before hashing, the call's candidates and evaluators are put in id
//! order, each evaluator's conflicts sorted, and its scores put in (candidate, evaluator,
//! criterion) order. The canonical JSON is compact (no space or newline), has every object's
//! keys in byte order, fields the model leaves empty omitted as the crate's JSON omits them,
//! strings escaped as `serde_json` escapes them and numbers in their shortest round-trip form
//! (`70`, `7.5`, `1e-7`). The same call data, in any order, gives the same fingerprint; data
//! that differs in anything gives another, and nobody can craft other data with the same one
//! (a cryptographic hash, where a 64-bit one could be matched by search).
//!
//! [`verify`] takes a published audit (the JSON of a `SelectionResult`), recomputes the
//! selection of the call it names from the dataset, and lists every difference, field by
//! field (`/candidates/0/total: published 70, recomputed 69.333…`); numbers are equal when
//! they are the same number (`40` and `40.0` are). No difference means the audit is exactly
//! what the data gives.
//!
//! # 10. Refusals
//! An unknown call is [`Error::NotFound`] naming the calls that exist. A dataset with
//! validation errors is refused when it is checked ([`crate::Checked`]: [`Error::Invalid`]
//! with every problem), before any engine runs; so is a call that scores a candidate twice by
//! the same evaluator on the same criterion (`duplicate-score`, located at the second score). [`verify`] of text that is not JSON, names a key twice in one
//! object (a forged value placed before the true one would otherwise be hidden), gives a seed
//! that is not a whole number, or names no call is [`Error::Argument`].
//!
//! # 11. Example
//! Two judges score three associations on two criteria (weights 2 and 1, scales 0–10 and
//! 0–3); judge-2 has a conflict with `c`; one seat; at most one disability-focused member.
//!
//! - `a`: experience mean(8, 6) = 7 → 70; plan mean(2, 3) = 2.5 → 83.333;
//!   total (2×70 + 1×83.333) / 3 = 74.444.
//! - `b`: experience mean(9, 7) = 8 → 80; plan mean(1, 2) = 1.5 → 50;
//!   total (2×80 + 1×50) / 3 = 70.
//! - `c`: judge-2's scores are excluded; experience 9 → 90; plan 1 → 33.333;
//!   total (2×90 + 33.333) / 3 = 71.111.
//!
//! Ranking a, c, b. `a` takes the seat; the others are `below_last_seat`.
//!
//! ```
//! use ogp_core::{Dataset, selection};
//!
//! let ds = Dataset::from_json(r#"{
//!   "schema_version": "1",
//!   "organizations": [
//!     {"id": "org-a", "name": "A", "sector": "civil_society"},
//!     {"id": "org-b", "name": "B", "sector": "civil_society"},
//!     {"id": "org-c", "name": "C", "sector": "civil_society"}
//!   ],
//!   "committees": [{"id": "sc", "name": "Steering", "kind": "steering",
//!                   "seats": {"government": 1, "civil_society": 1}}],
//!   "grids": [{"id": "g", "title": "Grid", "version": "1", "status": "approved",
//!     "criteria": [
//!       {"id": "experience", "title": "Experience", "weight": 2, "min": 0, "max": 10},
//!       {"id": "plan", "title": "Proposed plan", "weight": 1, "min": 0, "max": 3}]}],
//!   "calls": [{"id": "call", "committee": "sc", "grid": "g", "title": "Call", "seats": 1,
//!     "quotas": [{"feature": "focus", "value": "disability", "min": 0, "max": 1}],
//!     "candidates": [
//!       {"id": "a", "organization": "org-a", "features": {"focus": "disability"}},
//!       {"id": "b", "organization": "org-b"},
//!       {"id": "c", "organization": "org-c"}],
//!     "evaluators": [{"id": "judge-1"}, {"id": "judge-2", "conflicts": ["c"]}],
//!     "scores": [
//!       {"candidate": "a", "evaluator": "judge-1", "criterion": "experience", "score": 8},
//!       {"candidate": "a", "evaluator": "judge-2", "criterion": "experience", "score": 6},
//!       {"candidate": "a", "evaluator": "judge-1", "criterion": "plan", "score": 2},
//!       {"candidate": "a", "evaluator": "judge-2", "criterion": "plan", "score": 3},
//!       {"candidate": "b", "evaluator": "judge-1", "criterion": "experience", "score": 9},
//!       {"candidate": "b", "evaluator": "judge-2", "criterion": "experience", "score": 7},
//!       {"candidate": "b", "evaluator": "judge-1", "criterion": "plan", "score": 1},
//!       {"candidate": "b", "evaluator": "judge-2", "criterion": "plan", "score": 2},
//!       {"candidate": "c", "evaluator": "judge-1", "criterion": "experience", "score": 9},
//!       {"candidate": "c", "evaluator": "judge-2", "criterion": "experience", "score": 10},
//!       {"candidate": "c", "evaluator": "judge-1", "criterion": "plan", "score": 1},
//!       {"candidate": "c", "evaluator": "judge-2", "criterion": "plan", "score": 3}]}]
//! }"#)?;
//!
//! let r = selection::run(&ds.check()?, "call")?;
//! let order: Vec<&str> = r.candidates.iter().map(|c| c.id.as_str()).collect();
//! assert_eq!(order, ["a", "c", "b"]);
//! assert_eq!(r.selected, ["a"]);
//! let close = |x: Option<f64>, y: f64| (x.unwrap() - y).abs() < 1e-9;
//! assert!(close(r.candidates[0].total, 74.0 + 4.0 / 9.0));
//! assert!(close(r.candidates[1].total, 71.0 + 1.0 / 9.0));
//! assert_eq!(r.candidates[2].total, Some(70.0));
//! assert_eq!(r.excluded_scores.len(), 2); // judge-2's scores of c
//! assert!(r.problems.is_empty());
//!
//! // Anyone can re-run the published audit against the data.
//! let audit = serde_json::to_string(&r).unwrap();
//! assert!(selection::verify(&ds.check()?, &audit)?.is_empty());
//! let tampered = audit.replacen(r#""selected":["a"]"#, r#""selected":["c"]"#, 1);
//! assert_eq!(selection::verify(&ds.check()?, &tampered)?,
//!            ["/selected/0: published \"c\", recomputed \"a\""]);
//! # Ok::<(), ogp_core::Error>(())
//! ```

mod audit;
mod rank;
mod result;
mod score;
mod seats;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use result::{
    CandidateResult, CriterionInfo, CriterionScore, EvaluatorScore, ExcludedScore, ExclusionReason,
    FailReason, FailedRequirement, QuotaResult, Reason, ReasonCode, SelectionResult, Separation,
    Tie, TieStep, TieValue,
};

use crate::error::{Code, Problem, cmp_problems};
use crate::{Checked, Error, Ext, Id, PlanDate, Text};
use score::{Context, Standing};
use seats::{Decision, Seating, Sig};

/// The selection of call `call`, by the rules of this module.
///
/// Errors: [`Error::NotFound`] for an unknown call (naming the calls that exist);
/// (Validation errors, such as a call that scores a candidate twice by one evaluator on one
/// criterion, `duplicate-score`, are refused when the dataset is checked.)
///
/// ```
/// let checked = ogp_core::Dataset::default().check()?;
/// let err = ogp_core::selection::run(&checked, "call-2026").unwrap_err();
/// assert!(err.to_string().contains("no call with id \"call-2026\""));
/// # Ok::<(), ogp_core::Error>(())
/// ```
pub fn run(checked: &Checked, call: &str) -> Result<SelectionResult, Error> {
    let ds = checked.dataset();
    let (ci, c) = ds
        .calls
        .iter()
        .enumerate()
        .find(|(_, c)| c.id.as_str() == call)
        .ok_or_else(|| Error::NotFound {
            kind: "call",
            id: call.to_owned(),
            available: ds.calls.iter().map(|c| c.id.to_string()).collect(),
        })?;
    let (gi, grid) = ds
        .grids
        .iter()
        .enumerate()
        .find(|(_, g)| g.id == c.grid)
        .ok_or_else(|| Error::NotFound {
            kind: "scoring grid",
            id: c.grid.to_string(),
            available: ds.grids.iter().map(|g| g.id.to_string()).collect(),
        })?;
    let max_terms = ds
        .committee(c.committee.as_str())
        .and_then(|m| m.max_consecutive_terms);
    let ctx = Context::new(c, ci, grid, max_terms);
    let cp = ctx.call_pointer.clone();

    // Rules 1–5, candidate by candidate, in id order.
    let mut candidates: Vec<&Candidate> = c.candidates.iter().collect();
    candidates.sort_by(|a, b| a.id.cmp(&b.id));
    let mut excluded = Vec::new();
    let mut problems = Vec::new();
    let mut evs: Vec<score::Evaluated> = candidates
        .iter()
        .map(|x| score::evaluate(&ctx, x, &mut excluded, &mut problems))
        .collect();
    excluded.sort_by(|a, b| {
        (&a.candidate, &a.criterion, &a.evaluator).cmp(&(&b.candidate, &b.criterion, &b.evaluator))
    });

    // Rule 6.
    let rankable: Vec<usize> = evs
        .iter()
        .enumerate()
        .filter(|(_, e)| e.standing == Standing::Rankable)
        .map(|(i, _)| i)
        .collect();
    let ranking = rank::rank(&ctx, &evs, rankable);
    let mut ranks = Vec::with_capacity(ranking.places.len());
    let mut next = 1u32;
    for place in &ranking.places {
        ranks.push(next);
        next += place.len() as u32;
    }

    // Rule 7.
    let ranked: Vec<usize> = ranking.places.iter().flatten().copied().collect();
    let sigs: BTreeMap<usize, Sig> = ranked
        .iter()
        .filter_map(|i| evs.get(*i).map(|e| (*i, e)))
        .map(|(i, e)| {
            let sig = c
                .quotas
                .iter()
                .map(|q| e.result.features.get(&q.feature) == Some(&q.value))
                .collect();
            (i, sig)
        })
        .collect();
    let ids: BTreeMap<usize, String> = ranked
        .iter()
        .filter_map(|i| evs.get(*i).map(|e| (*i, e.id().to_owned())))
        .collect();
    let walk = Seating {
        quotas: &c.quotas,
        seats: c.seats,
        places: &ranking.places,
        ranks: &ranks,
        sigs: &sigs,
        ids: &ids,
    }
    .walk();

    // The ranked candidates' rank, separation and seat.
    for (p, place) in ranking.places.iter().enumerate() {
        for (k, i) in place.iter().enumerate() {
            let Some(e) = evs.get_mut(*i) else { continue };
            e.result.rank = ranks.get(p).copied();
            e.result.separated_by = if k == 0 {
                ranking.separations.get(p).cloned().flatten()
            } else {
                Some(Separation::Tied)
            };
            match walk.decisions.get(i) {
                Some(Decision::Seat(s)) => {
                    e.result.selected = true;
                    e.result.seat = Some(*s);
                    e.result.reason = None;
                }
                Some(Decision::Out(reason)) => e.result.reason = Some(reason.clone()),
                None => {}
            }
        }
    }

    // Problems of the ranking and the seats.
    if ranking.no_seed {
        let j = c.tie_break.iter().position(|t| t == "lottery").unwrap_or(0);
        problems.push(Problem::error(
            Code::NoSeed,
            format!("{cp}/tie_break/{j}"),
            "a tie needs the lottery and the call has no seed: draw one in public, record it \
             as the call's `seed`, and run the selection again",
        ));
    }
    for (p, place) in ranking.places.iter().enumerate() {
        if place.len() < 2 {
            continue;
        }
        let names: Vec<&str> = place.iter().map(|i| ids.get(i).map_or("", |s| s)).collect();
        let rank = ranks.get(p).copied().unwrap_or(0);
        let total = place
            .first()
            .and_then(|i| evs.get(*i))
            .map(|e| e.total())
            .unwrap_or_default();
        let head = format!(
            "{} are tied at rank {rank} (total {}) and no tie-break rule separates them",
            names.join(", "),
            score::show(total)
        );
        problems.push(if walk.stopped_at == Some(p) {
            Problem::error(
                Code::UnresolvedTie,
                format!("{cp}/tie_break"),
                format!(
                    "{head}; the selection stops at this tie with {} of {} seats filled",
                    walk.selected.len(),
                    c.seats
                ),
            )
        } else {
            Problem::warning(Code::UnresolvedTie, format!("{cp}/tie_break"), head)
        });
    }
    let mut quotas = Vec::with_capacity(c.quotas.len());
    for (j, q) in c.quotas.iter().enumerate() {
        let has = |i: &usize| sigs.get(i).and_then(|s| s.get(j)).copied() == Some(true);
        let selected: Vec<String> = walk
            .selected
            .iter()
            .filter(|i| has(i))
            .filter_map(|i| ids.get(i).cloned())
            .collect();
        let count = selected.len() as u32;
        let ranked_with = ranked.iter().filter(|i| has(i)).count() as u32;
        let reserved = walk.reserved.get(j).copied().unwrap_or(false);
        if count < q.min {
            let why = if walk.stopped_at.is_some() {
                "the selection stopped at an unresolved tie".to_owned()
            } else if ranked_with < q.min {
                format!(
                    "only {ranked_with} ranked candidate{} ha{} it",
                    if ranked_with == 1 { "" } else { "s" },
                    if ranked_with == 1 { "s" } else { "ve" }
                )
            } else if !reserved {
                format!(
                    "it cannot be met together with the quotas listed before it within {} seats",
                    c.seats
                )
            } else {
                "the seats could not be filled".to_owned()
            };
            problems.push(Problem::error(
                Code::QuotaUnmet,
                format!("{cp}/quotas/{j}"),
                format!(
                    "{}={}: {count} selected, at least {} required ({why})",
                    q.feature, q.value, q.min
                ),
            ));
        }
        quotas.push(QuotaResult {
            feature: q.feature.clone(),
            value: q.value.clone(),
            min: q.min,
            max: q.max,
            reserved,
            ranked: ranked_with,
            selected,
            count,
            met: q.min <= count && count <= q.max,
        });
    }
    let filled = walk.selected.len() as u32;
    if filled < c.seats && walk.stopped_at.is_none() {
        problems.push(Problem::warning(
            Code::SeatsUnfilled,
            format!("{cp}/seats"),
            format!(
                "{filled} of {} seats filled: no other candidate could be selected",
                c.seats
            ),
        ));
    }
    if grid.status == GridStatus::Draft {
        problems.push(Problem::warning(
            Code::DraftGrid,
            format!("/grids/{gi}/status"),
            format!(
                "the grid {:?} is a draft: the selection is provisional until it is approved",
                grid.id.as_str()
            ),
        ));
    }
    problems.sort_by(cmp_problems);
    problems.dedup();

    // The candidates in their final order.
    let mut slots: Vec<Option<CandidateResult>> = evs.into_iter().map(|e| Some(e.result)).collect();
    let mut out: Vec<CandidateResult> = Vec::with_capacity(slots.len());
    for i in &ranked {
        if let Some(r) = slots.get_mut(*i).and_then(Option::take) {
            out.push(r);
        }
    }
    out.extend(slots.into_iter().flatten());

    Ok(SelectionResult {
        call: c.id.to_string(),
        committee: c.committee.to_string(),
        grid: grid.id.to_string(),
        grid_version: grid.version.clone(),
        grid_status: grid.status,
        fingerprint: audit::fingerprint(c, grid, max_terms)?,
        aggregation: grid.aggregation,
        seats: c.seats,
        seed: c.seed,
        tie_break: c.tie_break.clone(),
        pass_mark: grid.pass_mark,
        max_consecutive_terms: max_terms,
        criteria: grid
            .criteria
            .iter()
            .map(|k| CriterionInfo {
                id: k.id.to_string(),
                title: k.title.clone(),
                min: k.min,
                max: k.max,
                weight: k.weight,
                normalised_weight: ctx.normalised_weight(k),
                min_score: k.min_score,
            })
            .collect(),
        selected: walk
            .selected
            .iter()
            .filter_map(|i| ids.get(i).cloned())
            .collect(),
        candidates: out,
        ties: ranking.ties,
        quotas,
        excluded_scores: excluded,
        problems,
    })
}

/// Re-runs a published audit: recomputes the selection of the call the audit names (its
/// `call` field) and lists every difference from the published JSON, field by field, as
/// `/json/pointer: published X, recomputed Y` (a different fingerprint first: the audit was
/// computed from other data). An empty list means the audit is exactly what the data gives.
///
/// Errors: [`Error::Argument`] when `published` is not JSON or names no call; otherwise those
/// of [`run`].
///
/// ```
/// use ogp_core::{Dataset, selection};
///
/// let ds = Dataset::from_json(&std::fs::read_to_string(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/format-sample.json"))?)?;
/// let audit = serde_json::to_string_pretty(&selection::run(&ds.check()?, "zz-call-2026")?).unwrap();
/// assert_eq!(selection::verify(&ds.check()?, &audit)?, Vec::<String>::new());
///
/// let tampered = audit.replace("\"seats\": 1", "\"seats\": 2");
/// assert_eq!(selection::verify(&ds.check()?, &tampered)?, ["/seats: published 2, recomputed 1"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify(ds: &Checked, published: &str) -> Result<Vec<String>, Error> {
    let p = audit::read_published(published)?;
    let call = p
        .get("call")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| {
            Error::Argument("the published audit names no call (its \"call\" field)".into())
        })?;
    let r = run(ds, call)?;
    let v = serde_json::to_value(&r)
        .map_err(|e| Error::Argument(format!("cannot serialise the recomputation: {e}")))?;
    Ok(audit::differences(&p, &v))
}

// The model: grids, calls, candidates, evaluators, scores.

/// A scoring grid: the criteria and eligibility requirements by which candidates are judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoringGrid {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Version label.
    pub version: String,
    /// Draft or approved.
    pub status: GridStatus,
    /// The meeting that approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_at: Option<Id>,
    /// Scored criteria (ids unique within the grid).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    /// Yes/no eligibility requirements (ids unique within the grid).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    /// The weighted score, 0–100, a candidate needs to be selectable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    #[schemars(range(min = 0, max = 100))]
    pub pass_mark: Option<f64>,
    /// How several evaluators' scores are combined.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Draft or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum GridStatus {
    Draft,
    Approved,
}

/// How several evaluators' scores for one criterion are combined.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The mean.
    #[default]
    Mean,
    /// The median.
    Median,
    /// The mean without the highest and the lowest score.
    TrimmedMean,
    /// The evaluators agree on one score.
    Consensus,
}

/// A scored criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Id, unique within the grid.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Weight (> 0); weights are normalised by their sum.
    #[serde(serialize_with = "crate::num::f64")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub weight: f64,
    /// Lowest score on the scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub min: f64,
    /// Highest score on the scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub max: f64,
    /// Named levels of the scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// Eliminatory threshold: a candidate scoring below it is not selectable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    pub min_score: Option<f64>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A named level of a criterion's scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// What the level means.
    pub label: Text,
    /// Its points.
    #[serde(serialize_with = "crate::num::f64")]
    pub points: f64,
}

/// A yes/no eligibility requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Id, unique within the grid.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A call for candidates to a committee's seats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Call {
    /// Unique id.
    pub id: Id,
    /// The committee whose seats are filled.
    pub committee: Id,
    /// The grid candidates are scored with.
    pub grid: Id,
    /// Title.
    pub title: Text,
    /// How many seats are filled.
    pub seats: u32,
    /// When applications open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<PlanDate>,
    /// When applications close.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes: Option<PlanDate>,
    /// Bounds on how many selected candidates share a feature.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<Quota>,
    /// The applicants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// The judges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluators: Vec<Evaluator>,
    /// One score per candidate, evaluator and criterion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    /// How ties are broken: criterion ids in order, then `lottery`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_break: Vec<String>,
    /// Seed of the lottery, written into every result that used it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A bound on the number of selected candidates with `features[feature] == value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// The feature (`region`, `focus`…).
    pub feature: String,
    /// Its value.
    pub value: String,
    /// At least this many.
    pub min: u32,
    /// At most this many.
    pub max: u32,
}

/// An applicant to a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Unique id.
    pub id: Id,
    /// The applying organization.
    pub organization: Id,
    /// Features used by quotas (`region`, `focus`…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, String>,
    /// Whether each requirement of the grid is met.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub eligibility: BTreeMap<String, bool>,
    /// How many terms it has already served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_terms: Option<u32>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A judge of a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluator {
    /// Unique id.
    pub id: Id,
    /// Name (personal data: optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Candidates this evaluator must not score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Id>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// One evaluator's score of one candidate on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// The candidate.
    pub candidate: Id,
    /// The evaluator.
    pub evaluator: Id,
    /// The criterion of the call's grid.
    pub criterion: Id,
    /// The score, on the criterion's scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub score: f64,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}
