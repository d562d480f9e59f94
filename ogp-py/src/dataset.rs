//! `ogp.Dataset`, `ogp.Problem` and `ogp.PlanSummary`.

use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::errors;

/// A dataset: organizations, action plans, committees, grids, calls, events and rotation
/// policies.
///
/// Read one with `ogp.load(path)` or `Dataset.from_json(text)`.
#[pyclass(module = "ogp", frozen)]
pub struct Dataset {
    pub(crate) inner: Arc<ogp_core::Dataset>,
    /// The dataset with its validation report, made once when the dataset was read.
    loaded: Arc<ogp_core::Loaded>,
    /// The checked dataset the engines take; `None` when validation found errors.
    checked: Option<Arc<ogp_core::Checked>>,
}

impl Dataset {
    /// A dataset read from a file or text, validated once (its problems located at their
    /// source when it came from a file).
    pub fn new(loaded: ogp_core::Loaded) -> Dataset {
        let checked = loaded.check().ok().map(Arc::new);
        Dataset {
            inner: Arc::clone(loaded.dataset()),
            loaded: Arc::new(loaded),
            checked,
        }
    }

    /// The checked dataset for an engine, or `ValidationError` with every located problem.
    pub(crate) fn checked(&self, py: Python<'_>) -> PyResult<Arc<ogp_core::Checked>> {
        match &self.checked {
            Some(c) => Ok(Arc::clone(c)),
            None => Err(errors::to_py(
                py,
                self.loaded
                    .check()
                    .err()
                    .unwrap_or_else(|| ogp_core::Error::Invalid {
                        problems: Vec::new(),
                    }),
            )),
        }
    }
}

#[pymethods]
impl Dataset {
    /// Read a dataset from JSON text. Raises `ParseError` with every problem found.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Dataset> {
        let text = text.to_owned();
        let ds = py
            .detach(move || ogp_core::Dataset::from_json(&text).map(ogp_core::Loaded::from_dataset))
            .map_err(|e| errors::to_py(py, e))?;
        Ok(Dataset::new(ds))
    }

    /// The dataset as pretty, deterministic JSON text.
    fn to_json(&self, py: Python<'_>) -> String {
        let ds = Arc::clone(&self.inner);
        py.detach(move || ds.to_json())
    }

    /// Write the dataset as a `.json` file. A file that exists and is not empty is left as it
    /// is and `OutputExistsError` raised, unless `force=True`; the file is written aside and
    /// renamed into place, so a failure never leaves it half-written.
    #[pyo3(signature = (path, force=false))]
    fn write_json(&self, py: Python<'_>, path: std::path::PathBuf, force: bool) -> PyResult<()> {
        let ds = Arc::clone(&self.inner);
        let overwrite = ogp_core::io::output::Overwrite::from_force(force);
        py.detach(move || ogp_core::io::save(&ds, &path, overwrite))
            .map_err(|e| errors::to_py(py, e))
    }

    /// Write the dataset as a CSV bundle: a folder of tables plus `datapackage.json`
    /// (Frictionless), ready for a spreadsheet. `redact_people` leaves out person names;
    /// `spreadsheet_safe` (default True) neutralises text a spreadsheet would run as a formula
    /// (restored on reading). `ogp.load(folder)` reads it back. A folder that is not empty is
    /// left as it is and `OutputExistsError` raised, unless `force=True`.
    #[pyo3(signature = (path, redact_people=false, spreadsheet_safe=true, force=false))]
    fn write_csv(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        redact_people: bool,
        spreadsheet_safe: bool,
        force: bool,
    ) -> PyResult<()> {
        let ds = Arc::clone(&self.inner);
        let opts = ogp_core::io::csv::WriteOptions {
            redact_people,
            spreadsheet_safe,
        };
        let overwrite = ogp_core::io::output::Overwrite::from_force(force);
        py.detach(move || ogp_core::io::csv::write_dir(&ds, &path, &opts, overwrite))
            .map_err(|e| errors::to_py(py, e))
    }

    /// Write the dataset as an Excel workbook (`.xlsx`): one sheet per table, with the same
    /// headings as the CSV bundle, and a README sheet. Numbers are number cells, dates text
    /// (`2024`, `2024-03`, `2024-03-18` keep their precision), text is never a formula. The
    /// same dataset gives the same bytes. `redact_people` leaves out person names.
    /// `ogp.load(path)` reads it back. A file that is not empty is left as it is and
    /// `OutputExistsError` raised, unless `force=True`.
    #[pyo3(signature = (path, redact_people=false, force=false))]
    fn write_xlsx(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        redact_people: bool,
        force: bool,
    ) -> PyResult<()> {
        let ds = Arc::clone(&self.inner);
        let opts = ogp_core::io::csv::WriteOptions {
            redact_people,
            ..ogp_core::io::csv::WriteOptions::default()
        };
        let overwrite = ogp_core::io::output::Overwrite::from_force(force);
        py.detach(move || ogp_core::io::xlsx::write_file(&ds, &path, &opts, overwrite))
            .map_err(|e| errors::to_py(py, e))
    }

    /// Check the dataset: every problem found, sorted by location (warnings included), each
    /// located at its source when the dataset was read from a file (line and column in JSON;
    /// file, row and column in a CSV bundle; sheet and cell in a workbook). The dataset was
    /// validated once, when it was read: this returns that report.
    fn validate(&self, py: Python<'_>) -> PyResult<Vec<Problem>> {
        self.loaded
            .report()
            .problems
            .iter()
            .cloned()
            .map(|p| Problem::from_core(py, p))
            .collect()
    }

    /// The plans: id, title (in the dataset's default language), start and end dates.
    #[getter]
    fn plans(&self) -> Vec<PlanSummary> {
        let lang = self.inner.default_language.as_str();
        self.inner
            .plans
            .iter()
            .map(|p| PlanSummary {
                id: p.id.to_string(),
                title: p.title.get(lang, lang).unwrap_or_default().to_owned(),
                start: p.start.resolve_start(),
                end: p.end.resolve_end(),
            })
            .collect()
    }

    /// The ids of the plans, in dataset order.
    fn plan_ids(&self) -> Vec<String> {
        self.inner.plans.iter().map(|p| p.id.to_string()).collect()
    }

    /// A plan's progress on a date (see the README's "Progress" section for every rule).
    ///
    /// `plan`: the plan's id. Left out, the dataset's only plan, or, when the dataset has
    /// several, every plan (as `series()` does): then a `PlansProgress`, one `Progress` per
    /// plan in dataset order, with `to_pandas()` giving one row per plan. `as_of`: a
    /// `datetime.date` or an ISO string of any precision (a month or year means its last
    /// day); default today. `method`: "commitment_mean", "milestone_mean" or
    /// "completion_share"; `schedule`: "step" or "linear" (defaults: the plan's rules).
    /// `by`: "theme", "lead", "value" or "policy_area" for roll-ups (`Progress.groups`).
    /// `lang`: the language of titles. Raises `ValidationError` when the dataset has errors,
    /// `NotFoundError` for an unknown plan, `ArgumentError` for a bad argument. Ctrl-C
    /// interrupts it between plans.
    #[pyo3(signature = (plan=None, as_of=None, method=None, schedule=None, by=None, lang=None))]
    #[allow(clippy::too_many_arguments)]
    fn progress(
        &self,
        py: Python<'_>,
        plan: Option<&str>,
        as_of: Option<&Bound<'_, PyAny>>,
        method: Option<&str>,
        schedule: Option<&str>,
        by: Option<&str>,
        lang: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        let as_of = match as_of {
            Some(d) if !d.is_none() => crate::convert::date_arg(d)?,
            _ => chrono::Local::now().date_naive(),
        };
        let opts = options(py, method, schedule)?;
        let by = match by {
            None | Some("commitment") => None,
            Some(b) => Some(
                b.parse::<ogp_core::progress::GroupBy>()
                    .map_err(|e| errors::to_py(py, e))?,
            ),
        };
        let ds = self.checked(py)?;
        let every_plan = plan.is_none() && ds.plans.len() > 1;
        let ids: Vec<String> = if every_plan {
            ds.plans.iter().map(|p| p.id.to_string()).collect()
        } else {
            vec![
                ds.plan_or_only(plan)
                    .map_err(|e| errors::to_py(py, e))?
                    .id
                    .to_string(),
            ]
        };
        let lang = lang.unwrap_or(&self.inner.default_language);
        let mut items = Vec::with_capacity(ids.len());
        for piece in ids.chunks(PLANS_PER_PIECE) {
            let computed = py.detach(|| {
                piece
                    .iter()
                    .map(|id| {
                        let p = ogp_core::progress::plan_progress(&ds, id, as_of, &opts)?;
                        let groups = by.map(|b| ogp_core::progress::groups(&ds, &p, b));
                        Ok::<_, ogp_core::Error>((p, groups))
                    })
                    .collect::<Result<Vec<_>, _>>()
            });
            for (inner, groups) in computed.map_err(|e| errors::to_py(py, e))? {
                let p = crate::progress::Progress {
                    inner,
                    groups,
                    lang: lang.to_owned(),
                    default_lang: self.inner.default_language.clone(),
                };
                items.push(Py::new(py, p)?);
            }
            py.check_signals()?;
        }
        if every_plan {
            return Ok(Py::new(py, crate::progress::PlansProgress { items })?.into_any());
        }
        items
            .pop()
            .map(Py::into_any)
            .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("no plan was computed"))
    }

    /// The same figures on many dates, in long format (`Series.to_pandas()`), with a `plan`
    /// column: without `plan`, every plan of the dataset, each over its own period (the
    /// dataset was checked once, when it was read). Figures only: the derivation is
    /// `progress(...).explain()`'s.
    ///
    /// `every`: "month" or "quarter" (period ends). `start`, `end`: dates or ISO strings
    /// (default: each plan's start and end). `level`: "plan", "theme" or "commitment".
    /// `max_dates`: the most dates computed for one plan (default 1,200, a century of month
    /// ends); a longer range raises `ArgumentError` at once. Ctrl-C interrupts it between
    /// pieces of a few plans.
    #[pyo3(signature = (plan=None, every="month", start=None, end=None, level="plan", method=None, schedule=None, lang=None, max_dates=None))]
    #[allow(clippy::too_many_arguments)]
    fn series(
        &self,
        py: Python<'_>,
        plan: Option<&str>,
        every: &str,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
        level: &str,
        method: Option<&str>,
        schedule: Option<&str>,
        lang: Option<&str>,
        max_dates: Option<usize>,
    ) -> PyResult<crate::progress::Series> {
        let start = match start {
            Some(d) if !d.is_none() => Some(crate::convert::date_arg_start(d)?),
            _ => None,
        };
        let end = match end {
            Some(d) if !d.is_none() => Some(crate::convert::date_arg(d)?),
            _ => None,
        };
        let every: ogp_core::progress::Every = every.parse().map_err(|e| errors::to_py(py, e))?;
        let level: ogp_core::progress::Level = level.parse().map_err(|e| errors::to_py(py, e))?;
        let opts = ogp_core::progress::Options {
            max_dates,
            ..options(py, method, schedule)?
        };
        let ds = self.checked(py)?;
        let chosen: Vec<&ogp_core::ActionPlan> = match plan {
            None if !ds.plans.is_empty() => ds.plans.iter().collect(),
            _ => vec![ds.plan_or_only(plan).map_err(|e| errors::to_py(py, e))?],
        };
        let ids: Vec<&str> = chosen.iter().map(|p| p.id.as_str()).collect();
        let mut table = ogp_core::progress::SeriesTable::default();
        // One plan's dates are bounded (`max_dates`): pieces of plans keep Ctrl-C responsive.
        for piece in ids.chunks(PLANS_PER_PIECE) {
            let part = py
                .detach(|| {
                    ogp_core::progress::series_table(&ds, piece, every, start, end, level, &opts)
                })
                .map_err(|e| errors::to_py(py, e))?;
            table.append(part);
            py.check_signals()?;
        }
        let lang = lang.unwrap_or(&self.inner.default_language);
        Ok(crate::progress::Series::new(table, &ds, lang))
    }

    /// A committee's health on a date, as a dict: seats filled per sector, parity, members and
    /// terms, meetings with attendance and quorum, the gaps between meetings (OGP's six-month
    /// rule), open and overdue actions, the guide, and `problems` (warnings with pointers).
    /// `committee` may be left out when the dataset has one; `as_of` defaults to today.
    #[pyo3(signature = (committee=None, as_of=None))]
    fn committee_report(
        &self,
        py: Python<'_>,
        committee: Option<&str>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let as_of = match as_of {
            Some(d) if !d.is_none() => crate::convert::date_arg(d)?,
            _ => chrono::Local::now().date_naive(),
        };
        let ds = self.checked(py)?;
        let committee = committee.map(str::to_owned);
        let report = py
            .detach(move || {
                let id = ds.committee_or_only(committee.as_deref())?.id.to_string();
                let mut report = ogp_core::committee::check(&ds, &id, as_of)?;
                for p in &mut report.problems {
                    ds.locate(p);
                }
                Ok::<_, ogp_core::Error>(report)
            })
            .map_err(|e| errors::to_py(py, e))?;
        crate::convert::to_py_dated(py, &serde_json::to_value(&report).unwrap_or_default())
    }

    /// Who should go to a funded event, by its rotation policy, as a dict: the pool in order
    /// with times served, last served, status and reason, the proposal, the balance checks,
    /// the draw (seed and keys) where a tie needed one, and — once the event is decided —
    /// whether the decision matches. `event` may be left out when exactly one undecided event
    /// names a policy.
    #[pyo3(signature = (event=None))]
    fn rotation(&self, py: Python<'_>, event: Option<&str>) -> PyResult<Py<PyAny>> {
        let ds = self.checked(py)?;
        let event = event.map(str::to_owned);
        let result = py
            .detach(move || {
                let id = match event {
                    Some(e) => e,
                    None => ogp_core::rotation::pending_event(&ds, None)?.id.to_string(),
                };
                ogp_core::rotation::propose(&ds, &id)
            })
            .map_err(|e| errors::to_py(py, e))?;
        crate::convert::to_py_dated(py, &serde_json::to_value(&result).unwrap_or_default())
    }

    /// A rotation policy's history as a dict: per pool member the events served and declined,
    /// and the spread of turns. `policy` may be left out when the dataset has one.
    #[pyo3(signature = (policy=None))]
    fn rotation_history(&self, py: Python<'_>, policy: Option<&str>) -> PyResult<Py<PyAny>> {
        let ds = self.checked(py)?;
        let policy = policy.map(str::to_owned);
        let result = py
            .detach(move || {
                let id = ogp_core::rotation::policy_or_only(&ds, policy.as_deref())?
                    .id
                    .to_string();
                ogp_core::rotation::history(&ds, &id)
            })
            .map_err(|e| errors::to_py(py, e))?;
        crate::convert::to_py_dated(py, &serde_json::to_value(&result).unwrap_or_default())
    }

    /// Score and select the candidates of a call, as a dict: the audit — eligibility, every
    /// evaluator's score (counted or excluded, and why), combined and normalised criterion
    /// scores, totals, ranks and how each tie was broken, quotas, the selected candidates and a
    /// fingerprint of what was scored. `call` may be left out when the dataset has one.
    #[pyo3(signature = (call=None))]
    fn select(&self, py: Python<'_>, call: Option<&str>) -> PyResult<Py<PyAny>> {
        let ds = self.checked(py)?;
        let call = call.map(str::to_owned);
        let result = py
            .detach(move || {
                let id = ds.call_or_only(call.as_deref())?.id.to_string();
                ogp_core::selection::run(&ds, &id)
            })
            .map_err(|e| errors::to_py(py, e))?;
        crate::convert::to_py_dated(py, &serde_json::to_value(&result).unwrap_or_default())
    }

    /// Re-run a published selection audit (its JSON text, or the dict `select()` returned) and
    /// list the differences, by JSON pointer; an empty list means the audit is reproduced.
    fn verify_selection(
        &self,
        py: Python<'_>,
        published: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<String>> {
        let text: String = match published.extract::<String>() {
            Ok(s) => s,
            Err(_) => py
                .import("json")?
                .call_method1("dumps", (published,))?
                .extract()?,
        };
        let ds = self.checked(py)?;
        py.detach(move || ogp_core::selection::verify(&ds, &text))
            .map_err(|e| errors::to_py(py, e))
    }

    fn _repr_html_(&self) -> String {
        use crate::convert::html_escape;
        let ds = &self.inner;
        let lang = ds.default_language.as_str();
        let mut h = format!(
            "<div><p><b>ogp.Dataset</b>: {} plans, {} organizations, {} committees</p><table><thead><tr><th>plan</th><th>period</th><th>commitments</th><th>title</th></tr></thead><tbody>",
            ds.plans.len(),
            ds.organizations.len(),
            ds.committees.len()
        );
        for p in &ds.plans {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{} – {}</td><td>{}</td><td dir=\"auto\">{}</td></tr>",
                html_escape(p.id.as_str()),
                p.start,
                p.end,
                p.commitments.len(),
                html_escape(p.title.get(lang, lang).unwrap_or(""))
            ));
        }
        h.push_str("</tbody></table></div>");
        h
    }

    /// The language of plain-string texts.
    #[getter]
    fn default_language(&self) -> &str {
        &self.inner.default_language
    }

    fn __repr__(&self) -> String {
        let ds = &self.inner;
        let meetings: usize = ds.committees.iter().map(|c| c.meetings.len()).sum();
        format!(
            "<ogp.Dataset: {} plans ({}), {} organizations, {} committees, {} meetings>",
            ds.plans.len(),
            ds.plans
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            ds.organizations.len(),
            ds.committees.len(),
            meetings
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Dataset>()
            .is_ok_and(|o| *o.get().inner == *self.inner)
    }
}

/// Plans computed between two checks for Ctrl-C.
const PLANS_PER_PIECE: usize = 32;

/// Progress options from the Python arguments (words read by the core's `FromStr`).
fn options(
    py: Python<'_>,
    method: Option<&str>,
    schedule: Option<&str>,
) -> PyResult<ogp_core::progress::Options> {
    let err = |e| errors::to_py(py, e);
    Ok(ogp_core::progress::Options {
        method: method.map(str::parse).transpose().map_err(err)?,
        schedule: schedule.map(str::parse).transpose().map_err(err)?,
        ..ogp_core::progress::Options::default()
    })
}

/// A plan's id, title and period.
#[pyclass(module = "ogp", frozen, get_all)]
pub struct PlanSummary {
    /// The plan's id.
    pub id: String,
    /// Its title in the dataset's default language.
    pub title: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

#[pymethods]
impl PlanSummary {
    fn __repr__(&self) -> String {
        format!(
            "PlanSummary(id={:?}, title={:?}, start={}, end={})",
            self.id, self.title, self.start, self.end
        )
    }
}

/// One thing wrong with the input: severity ("error" or "warning"), a stable code, a message
/// and a location (a dict with some of: file, pointer, line, column, row, field, sheet, cell).
#[pyclass(module = "ogp", frozen, get_all)]
pub struct Problem {
    /// "error" or "warning".
    pub severity: String,
    /// The stable kebab-case code, e.g. "unknown-reference".
    pub code: String,
    /// What is wrong, for people.
    pub message: String,
    /// Where: a dict with some of file, pointer, line, column, row, field, sheet, cell
    /// (a workbook's sheet and its cell in A1 notation, e.g. "C5").
    pub location: Py<PyDict>,
}

impl Problem {
    pub fn from_core(py: Python<'_>, p: ogp_core::Problem) -> PyResult<Problem> {
        Ok(Problem {
            severity: p.severity.as_str().to_owned(),
            code: p.code.as_str().to_owned(),
            message: p.message,
            location: location_dict(py, &p.location)?.unbind(),
        })
    }
}

#[pymethods]
impl Problem {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Problem(severity={:?}, code={:?}, location={}, message={:?})",
            self.severity,
            self.code,
            self.location.bind(py).repr()?,
            self.message
        ))
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        let loc = self.location.bind(py);
        let mut place = Vec::new();
        for key in [
            "file", "sheet", "cell", "pointer", "row", "field", "line", "column",
        ] {
            if let Some(v) = loc.get_item(key)? {
                place.push(format!("{key} {}", v.str()?));
            }
        }
        Ok(format!(
            "{}[{}] {}: {}",
            self.severity,
            self.code,
            place.join(", "),
            self.message
        ))
    }
}

/// A core location as a dict of the parts that are known.
pub fn location_dict<'py>(py: Python<'py>, l: &ogp_core::Location) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    if let Some(v) = &l.file {
        d.set_item("file", v)?;
    }
    if let Some(v) = &l.pointer {
        d.set_item("pointer", v)?;
    }
    if let Some(v) = l.line {
        d.set_item("line", v)?;
    }
    if let Some(v) = l.column {
        d.set_item("column", v)?;
    }
    if let Some(v) = l.row {
        d.set_item("row", v)?;
    }
    if let Some(v) = &l.field {
        d.set_item("field", v)?;
    }
    if let Some(v) = &l.sheet {
        d.set_item("sheet", v)?;
    }
    if let Some(v) = &l.cell {
        d.set_item("cell", v)?;
    }
    Ok(d)
}
