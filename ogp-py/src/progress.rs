//! `ogp.Progress` and `ogp.Series`: progress results, as Python objects and pandas frames.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use ogp_core::Text;
use ogp_core::progress::{GroupProgress, NodeStatus, PlanProgress, SeriesTable, TableNode};

use crate::convert::{html_escape, to_py_dated};

/// A plan's progress on one date: the figures, each commitment's, the published figures beside
/// them, and how every figure was obtained (`explain()`).
#[pyclass(module = "ogp", frozen)]
pub struct Progress {
    pub(crate) inner: PlanProgress,
    pub(crate) groups: Option<Vec<GroupProgress>>,
    pub(crate) lang: String,
    pub(crate) default_lang: String,
}

impl Progress {
    fn title(&self, t: Option<&Text>) -> String {
        t.and_then(|t| t.get(&self.lang, &self.default_lang))
            .unwrap_or("")
            .to_owned()
    }

    fn commitment_rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for c in &self.inner.commitments {
            let d = PyDict::new(py);
            d.set_item("id", &c.id)?;
            d.set_item("number", &c.number)?;
            d.set_item("title", self.title(Some(&c.title)))?;
            d.set_item("percent", c.percent)?;
            d.set_item("expected", c.expected)?;
            d.set_item("status", c.status.as_str())?;
            d.set_item("weight", c.weight)?;
            d.set_item("level", c.level.as_str())?;
            d.set_item("start", c.start)?;
            d.set_item("end", c.end)?;
            let ms = PyList::empty(py);
            for m in &c.milestones {
                let md = PyDict::new(py);
                md.set_item("id", &m.id)?;
                md.set_item("title", self.title(Some(&m.title)))?;
                md.set_item("percent", m.percent)?;
                md.set_item("expected", m.expected)?;
                md.set_item("status", m.status.as_str())?;
                md.set_item("weight", m.weight)?;
                md.set_item("start", m.start)?;
                md.set_item("due", m.due)?;
                ms.append(md)?;
            }
            d.set_item("milestones", ms)?;
            list.append(d)?;
        }
        Ok(list)
    }
}

#[pymethods]
impl Progress {
    /// The plan's id.
    #[getter]
    fn plan(&self) -> &str {
        &self.inner.plan
    }

    /// The plan's progress, 0–100.
    #[getter]
    fn percent(&self) -> f64 {
        self.inner.percent
    }

    /// The plan's expected progress on the date, 0–100.
    #[getter]
    fn expected(&self) -> f64 {
        self.inner.expected
    }

    /// The plan's status: complete, on_track, behind, overdue, not_started or withdrawn.
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.as_str()
    }

    /// The date the figures are about.
    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.inner.as_of
    }

    /// The aggregation method used.
    #[getter]
    fn method(&self) -> String {
        self.inner.method.as_str().to_owned()
    }

    /// The schedule rule used for expected progress.
    #[getter]
    fn schedule(&self) -> String {
        self.inner.schedule.as_str().to_owned()
    }

    /// The published figures on or before the date, each with `as_of` (a date: the last day of
    /// the period as written), `as_written`, `percent`, `source`, `meeting` and `difference`
    /// (computed − reported).
    #[getter]
    fn reported<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for r in &self.inner.reported {
            let d = PyDict::new(py);
            d.set_item("as_of", r.as_of.resolve_end())?;
            d.set_item("as_written", r.as_of.to_string())?;
            d.set_item("percent", r.percent)?;
            d.set_item("source", &r.source)?;
            d.set_item("meeting", &r.meeting)?;
            d.set_item("difference", r.difference)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// One dict per commitment (id, number, title, percent, expected, status, weight, level,
    /// start, end, milestones), in plan order.
    #[getter]
    fn commitments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.commitment_rows(py)
    }

    /// The roll-ups asked for with `by=` (one dict per group: by, key, title, percent,
    /// expected, status, commitments), or None.
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        let Some(groups) = &self.groups else {
            return Ok(None);
        };
        let list = PyList::empty(py);
        for g in groups {
            let d = PyDict::new(py);
            d.set_item("by", g.by.as_str())?;
            d.set_item("key", &g.key)?;
            d.set_item("title", self.title(g.title.as_ref()))?;
            d.set_item("percent", g.percent)?;
            d.set_item("expected", g.expected)?;
            d.set_item("status", g.status.as_str())?;
            d.set_item("commitments", &g.commitments)?;
            list.append(d)?;
        }
        Ok(Some(list))
    }

    /// Ids of what no aggregate counts (withdrawn), with the reason.
    #[getter]
    fn excluded<'py>(&self, py: Python<'py>) -> PyResult<Py<PyAny>> {
        to_py_dated(
            py,
            &serde_json::to_value(&self.inner.excluded).unwrap_or_default(),
        )
    }

    /// Warnings met while computing (e.g. a `no_evidence` status counted as 0).
    #[getter]
    fn warnings(&self, py: Python<'_>) -> PyResult<Vec<crate::dataset::Problem>> {
        self.inner
            .warnings
            .iter()
            .map(|p| crate::dataset::Problem::from_core(py, p.clone()))
            .collect()
    }

    /// The whole result with its derivation, as nested dicts: the rule of every figure in
    /// words and numbers, each child's value and normalised weight, and the update each value
    /// came from. The same content as `ogp progress --format json` (dates as `datetime.date`).
    fn explain(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let mut v = serde_json::to_value(&self.inner).unwrap_or_default();
        if let (Some(g), Some(obj)) = (&self.groups, v.as_object_mut()) {
            obj.insert("groups".into(), serde_json::to_value(g).unwrap_or_default());
        }
        to_py_dated(py, &v)
    }

    /// One dict per commitment, flat (no milestones): ready for a table.
    fn to_dicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self.commitment_rows(py)?;
        for row in rows.iter() {
            row.cast::<PyDict>()?.del_item("milestones")?;
        }
        Ok(rows)
    }

    /// The commitments as a pandas DataFrame (one row each; columns id, number, title,
    /// percent, expected, status, weight, level, start, end). Needs pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let c = &self.inner.commitments;
        let cols = PyDict::new(py);
        cols.set_item("id", c.iter().map(|x| x.id.as_str()).collect::<Vec<_>>())?;
        cols.set_item(
            "number",
            c.iter().map(|x| x.number.clone()).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "title",
            c.iter()
                .map(|x| self.title(Some(&x.title)))
                .collect::<Vec<_>>(),
        )?;
        cols.set_item("percent", c.iter().map(|x| x.percent).collect::<Vec<_>>())?;
        cols.set_item("expected", c.iter().map(|x| x.expected).collect::<Vec<_>>())?;
        cols.set_item(
            "status",
            c.iter().map(|x| x.status.as_str()).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "weight",
            c.iter()
                .map(|x| x.weight.unwrap_or(f64::NAN))
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "level",
            c.iter().map(|x| x.level.as_str()).collect::<Vec<_>>(),
        )?;
        cols.set_item("start", c.iter().map(|x| x.start).collect::<Vec<_>>())?;
        cols.set_item("end", c.iter().map(|x| x.end).collect::<Vec<_>>())?;
        py.import("ogp._frames")?.call_method1(
            "frame",
            (cols, vec!["start", "end"], vec!["status", "level"]),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "<ogp.Progress {} on {}: {:.1}% (expected {:.1}%, {}), {} commitments, method {}>",
            self.inner.plan,
            self.inner.as_of,
            self.inner.percent,
            self.inner.expected,
            self.inner.status.as_str(),
            self.inner.commitments.len(),
            self.inner.method.as_str().to_owned()
        )
    }

    fn _repr_html_(&self) -> String {
        let p = &self.inner;
        let mut h = format!(
            "<div><p><b>{}</b> on {}: <b>{:.1}%</b> (expected {:.1}%, {}), method {}</p>",
            html_escape(&p.plan),
            p.as_of,
            p.percent,
            p.expected,
            p.status.as_str(),
            html_escape(p.method.as_str())
        );
        for r in &p.reported {
            h.push_str(&format!(
                "<p>reported {:.1}% as of {} ({:+.2} points computed){}</p>",
                r.percent,
                r.as_of,
                r.difference,
                r.source
                    .as_deref()
                    .map(|s| format!(": <span dir=\"auto\">{}</span>", html_escape(s)))
                    .unwrap_or_default()
            ));
        }
        h.push_str("<table><thead><tr><th>#</th><th>id</th><th>percent</th><th>expected</th><th>status</th><th>title</th></tr></thead><tbody>");
        for c in &p.commitments {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{:.1}</td><td>{:.1}</td><td>{}</td><td dir=\"auto\">{}</td></tr>",
                html_escape(c.number.as_deref().unwrap_or("")),
                html_escape(&c.id),
                c.percent,
                c.expected,
                c.status.as_str(),
                html_escape(&self.title(Some(&c.title)))
            ));
        }
        h.push_str("</tbody></table></div>");
        h
    }
}

/// The progress of every plan of a dataset on one date: one `Progress` per plan, in dataset
/// order (what `Dataset.progress()` gives, without `plan`, for a dataset of several plans).
#[pyclass(module = "ogp", frozen)]
pub struct PlansProgress {
    pub(crate) items: Vec<Py<Progress>>,
}

impl PlansProgress {
    /// Each plan's `Progress`, in order.
    fn rows(&self) -> impl Iterator<Item = &Progress> {
        self.items.iter().map(Py::get)
    }
}

#[pymethods]
impl PlansProgress {
    /// The plans' ids, in dataset order.
    #[getter]
    fn plans(&self) -> Vec<String> {
        self.rows().map(|p| p.inner.plan.clone()).collect()
    }

    /// One plan's `Progress`, by position or by plan id. Raises `IndexError` or `KeyError`.
    fn __getitem__(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<Py<Progress>> {
        let found = if let Ok(id) = key.extract::<String>() {
            let at = self.rows().position(|p| p.inner.plan == id);
            at.ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(id))?
        } else {
            let i: isize = key.extract()?;
            let n = isize::try_from(self.items.len()).unwrap_or(isize::MAX);
            let at = if i < 0 { i + n } else { i };
            usize::try_from(at)
                .ok()
                .filter(|at| *at < self.items.len())
                .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("plan index out of range"))?
        };
        self.items
            .get(found)
            .map(|p| p.clone_ref(py))
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("plan index out of range"))
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::new(py, self.items.iter().map(|p| p.clone_ref(py)))?;
        Ok(list.try_iter()?.into_any().unbind())
    }

    /// One dict per plan: plan, title, as_of, percent, expected, status, method, schedule.
    fn to_dicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for p in self.rows() {
            let d = PyDict::new(py);
            d.set_item("plan", &p.inner.plan)?;
            d.set_item("title", p.title(Some(&p.inner.title)))?;
            d.set_item("as_of", p.inner.as_of)?;
            d.set_item("percent", p.inner.percent)?;
            d.set_item("expected", p.inner.expected)?;
            d.set_item("status", p.inner.status.as_str())?;
            d.set_item("method", p.inner.method.as_str())?;
            d.set_item("schedule", p.inner.schedule.as_str())?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The plans as a pandas DataFrame, one row each: plan, title, as_of (datetime64),
    /// percent and expected (float64), status (categorical), method, schedule. Needs pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cols = PyDict::new(py);
        cols.set_item(
            "plan",
            self.rows()
                .map(|p| p.inner.plan.as_str())
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "title",
            self.rows()
                .map(|p| p.title(Some(&p.inner.title)))
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "as_of",
            self.rows().map(|p| p.inner.as_of).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "percent",
            self.rows().map(|p| p.inner.percent).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "expected",
            self.rows().map(|p| p.inner.expected).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "status",
            self.rows()
                .map(|p| p.inner.status.as_str())
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "method",
            self.rows()
                .map(|p| p.inner.method.as_str())
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "schedule",
            self.rows()
                .map(|p| p.inner.schedule.as_str())
                .collect::<Vec<_>>(),
        )?;
        py.import("ogp._frames")?
            .call_method1("frame", (cols, vec!["as_of"], vec!["status"]))
    }

    fn __repr__(&self) -> String {
        let date = self
            .rows()
            .next()
            .map(|p| p.inner.as_of.to_string())
            .unwrap_or_default();
        format!("<ogp.PlansProgress: {} plans on {date}>", self.items.len())
    }

    fn _repr_html_(&self) -> String {
        let mut h = String::from(
            "<table><thead><tr><th>plan</th><th>percent</th><th>expected</th><th>status</th><th>title</th></tr></thead><tbody>",
        );
        for p in self.rows() {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{:.1}</td><td>{:.1}</td><td>{}</td><td dir=\"auto\">{}</td></tr>",
                html_escape(&p.inner.plan),
                p.inner.percent,
                p.inner.expected,
                p.inner.status.as_str(),
                html_escape(&p.title(Some(&p.inner.title)))
            ));
        }
        h.push_str("</tbody></table>");
        h
    }
}

/// Progress figures on many dates, in long format: one row per date and node.
///
/// Held as columns (`ogp_core::progress::SeriesTable`), with each node's title resolved once.
#[pyclass(module = "ogp", frozen)]
pub struct Series {
    pub(crate) table: SeriesTable,
    /// Per node of the table: its title in the language asked for.
    pub(crate) titles: Vec<String>,
}

/// Every status word, in the order of `status_code`.
const STATUSES: [NodeStatus; 6] = [
    NodeStatus::Complete,
    NodeStatus::OnTrack,
    NodeStatus::Behind,
    NodeStatus::Overdue,
    NodeStatus::NotStarted,
    NodeStatus::Withdrawn,
];

fn status_code(s: NodeStatus) -> u8 {
    match s {
        NodeStatus::Complete => 0,
        NodeStatus::OnTrack => 1,
        NodeStatus::Behind => 2,
        NodeStatus::Overdue => 3,
        NodeStatus::NotStarted => 4,
        NodeStatus::Withdrawn => 5,
    }
}

/// Little-endian bytes of numbers, for `numpy.frombuffer`: a column crosses into Python as
/// one `bytes` object, not one Python object per row.
fn le_bytes<const N: usize>(values: impl Iterator<Item = [u8; N]>) -> Vec<u8> {
    values.flatten().collect()
}

impl Series {
    /// A series from its table, titles in `lang`.
    pub(crate) fn new(table: SeriesTable, ds: &ogp_core::Dataset, lang: &str) -> Series {
        let titles = table
            .nodes
            .iter()
            .map(|n| n.title(ds, lang).to_owned())
            .collect();
        Series { table, titles }
    }

    fn row_node(&self, row: usize) -> Option<(&TableNode, &str)> {
        let n = *self.table.node.get(row)?;
        Some((self.table.nodes.get(n)?, self.titles.get(n)?.as_str()))
    }
}

#[pymethods]
impl Series {
    /// One dict per row: plan, date, level, id, title, percent, expected, status.
    fn to_dicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        let t = &self.table;
        for (row, ((d, p), (e, s))) in t
            .date
            .iter()
            .zip(&t.percent)
            .zip(t.expected.iter().zip(&t.status))
            .enumerate()
        {
            let Some((node, title)) = self.row_node(row) else {
                continue;
            };
            let dict = PyDict::new(py);
            dict.set_item("plan", &node.plan)?;
            dict.set_item("date", *d)?;
            dict.set_item("level", node.level.as_str())?;
            dict.set_item("id", &node.id)?;
            dict.set_item("title", title)?;
            dict.set_item("percent", *p)?;
            dict.set_item("expected", *e)?;
            dict.set_item("status", s.as_str())?;
            list.append(dict)?;
        }
        Ok(list)
    }

    /// A pandas DataFrame in long format: plan (categorical), date (datetime64), level
    /// (categorical), id, title, percent and expected (float64), status (categorical). Built
    /// from columns: the numbers cross as bytes, the words once per node. Needs pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = &self.table;
        let epoch = NaiveDate::default();
        let nodes = PyDict::new(py);
        nodes.set_item(
            "plan",
            t.nodes.iter().map(|n| n.plan.as_str()).collect::<Vec<_>>(),
        )?;
        nodes.set_item(
            "level",
            t.nodes.iter().map(|n| n.level.as_str()).collect::<Vec<_>>(),
        )?;
        nodes.set_item(
            "id",
            t.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        )?;
        nodes.set_item("title", &self.titles)?;
        let rows = PyDict::new(py);
        let node = t
            .node
            .iter()
            .map(|&n| u64::try_from(n).unwrap_or(u64::MAX).to_le_bytes());
        rows.set_item("node", PyBytes::new(py, &le_bytes(node)))?;
        let days = t.date.iter().map(|d| (*d - epoch).num_days().to_le_bytes());
        rows.set_item("date", PyBytes::new(py, &le_bytes(days)))?;
        let percent = t.percent.iter().map(|v| v.to_le_bytes());
        rows.set_item("percent", PyBytes::new(py, &le_bytes(percent)))?;
        let expected = t.expected.iter().map(|v| v.to_le_bytes());
        rows.set_item("expected", PyBytes::new(py, &le_bytes(expected)))?;
        let status: Vec<u8> = t.status.iter().map(|s| status_code(*s)).collect();
        rows.set_item("status", PyBytes::new(py, &status))?;
        let statuses: Vec<&str> = STATUSES.iter().map(|s| s.as_str()).collect();
        py.import("ogp._frames")?
            .call_method1("series_frame", (nodes, rows, statuses))
    }

    fn __len__(&self) -> usize {
        self.table.len()
    }

    fn __repr__(&self) -> String {
        let first = self
            .table
            .date
            .first()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let last = self
            .table
            .date
            .last()
            .map(|d| d.to_string())
            .unwrap_or_default();
        format!("<ogp.Series: {} rows, {first} – {last}>", self.table.len())
    }
}
