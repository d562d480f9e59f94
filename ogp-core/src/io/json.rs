//! The JSON document: [`Dataset::from_json`] and [`Dataset::to_json`].
//!
//! # Reading, and reporting every problem at once
//! A dataset is first read in one pass straight from the text. When that fails, the text is
//! read again as a generic JSON tree and typed repeatedly: each failure becomes a [`Problem`]
//! (with its JSON pointer, and its line and column found in the text), the offending node is
//! pruned from the tree, and typing starts again, until it succeeds or [`MAX_PROBLEMS`] are
//! found. A pruned node that was required makes its parent fail as "missing"; that is a
//! consequence, not a new problem, so the parent is pruned in turn without being reported.
//! Array elements that are pruned are remembered, so that pointers always refer to the
//! original document.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::error::{Code, Location, Problem, Severity};
use crate::{Dataset, Error};

/// The most problems one read reports; past it, a `too-many-problems` problem says so.
pub const MAX_PROBLEMS: usize = 200;

impl Dataset {
    /// Reads a dataset from JSON text.
    ///
    /// On failure, [`Error::Parse`] carries every problem found (syntax, wrong types, unknown
    /// fields, bad ids and dates, missing fields), each with its JSON pointer and, where the
    /// text allows, its line and column. Semantic checks (references, weights, date order) are
    /// [`crate::validate`]'s job.
    ///
    /// ```
    /// use ogp_core::{Code, Dataset};
    ///
    /// let src = r#"{
    ///   "schema_version": "1",
    ///   "organizations": [
    ///     {"id": "a", "name": "A", "sector": "government", "colour": "blue"},
    ///     {"id": "b c", "name": "B", "sector": "business"}
    ///   ]
    /// }"#;
    /// let err = Dataset::from_json(src).unwrap_err();
    /// let found: Vec<(Code, &str)> = err.problems().iter()
    ///     .map(|p| (p.code, p.location.pointer.as_deref().unwrap_or("")))
    ///     .collect();
    /// assert_eq!(found, [
    ///     (Code::UnknownField, "/organizations/0/colour"),
    ///     (Code::BadId, "/organizations/1/id"),
    ///     (Code::InvalidValue, "/organizations/1/sector"),
    /// ]);
    /// assert_eq!(err.problems()[0].location.line, Some(4));
    /// ```
    pub fn from_json(src: &str) -> Result<Dataset, Error> {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        // The common case, a document that types: one typed parse and one scan of the bytes
        // for arrays standing where the model has objects (see `io::shape`). Anything else
        // takes the careful path below, which locates every problem.
        if let Ok(ds) = serde_json::from_str::<Dataset>(src)
            && super::shape::arrays_only_where_lists_belong(src)
        {
            return Ok(ds);
        }
        let repeated = text_fault_problems(src);
        let mut de = serde_json::Deserializer::from_str(src);
        let first = serde_path_to_error::deserialize::<_, Dataset>(&mut de)
            .map_err(|e| {
                let pointer = to_pointer(e.path());
                (pointer, e.into_inner())
            })
            .and_then(|ds| de.end().map(|()| ds).map_err(|e| (String::new(), e)));
        match first {
            Ok(ds) => {
                // serde's derived structs also accept arrays (fields by position): one more
                // look at the tree rejects an array wherever the model has an object.
                let tree: Value = serde_json::from_str(src).unwrap_or(Value::Null);
                let typed = serde_json::to_value(&ds).unwrap_or(Value::Null);
                if arrays_for_objects(&tree, &typed).is_empty() && repeated.is_empty() {
                    return Ok(ds);
                }
                let mut problems: Vec<Problem> = type_tree(tree, BTreeSet::new())
                    .problems
                    .into_iter()
                    .map(|t| problem(src, t.code, t.pointer, t.message))
                    .chain(repeated)
                    .collect();
                problems.sort_by(crate::error::cmp_problems);
                Err(Error::Parse { problems })
            }
            Err((pointer, err)) => {
                let mut problems = collect_problems(src, &pointer, &err, !repeated.is_empty());
                problems.extend(repeated);
                problems.sort_by(crate::error::cmp_problems);
                Err(Error::Parse { problems })
            }
        }
    }

    /// Writes the dataset as pretty JSON (two-space indent, fields in model order, maps by
    /// key, a final newline). The same dataset always gives the same bytes.
    pub fn to_json(&self) -> String {
        // Serializing the model cannot fail: every map has string keys and every value is
        // plain data. Should it ever fail, the message stands in the output rather than a panic.
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
        s.push('\n');
        s
    }
}

/// Every problem in `src`, given the first failure of the one-pass read.
/// Every key named twice in one object (located at the second naming), and every key or
/// string too long or holding NUL, as problems.
fn text_fault_problems(src: &str) -> Vec<Problem> {
    use super::shape::Fault;
    super::shape::text_faults(src)
        .into_iter()
        .map(|d| {
            let (line, column) = line_column(src, d.offset);
            let (code, message) = match d.fault {
                Fault::RepeatedKey(key) => (
                    Code::DuplicateKey,
                    format!(
                        "the key {key:?} is given twice in this object; JSON readers keep only \
                         one of the two without a word, so give it once"
                    ),
                ),
                Fault::BadString(why) => (Code::BadText, why),
            };
            Problem {
                severity: Severity::Error,
                code,
                message,
                location: Location {
                    pointer: Some(d.pointer),
                    line: Some(line),
                    column: Some(column),
                    ..Location::default()
                },
            }
        })
        .collect()
}

/// The 1-based line and column (in characters) of byte `offset` of `src`.
fn line_column(src: &str, offset: usize) -> (u64, u64) {
    let before = src.get(..offset).unwrap_or(src);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(start..).map_or(0, |t| t.chars().count()) + 1;
    (line as u64, column as u64)
}

/// Every problem of a document that did not type. `repeated_keys`: the text names a key twice
/// in an object (reported by the caller), which may be all that failed.
fn collect_problems(
    src: &str,
    first_pointer: &str,
    first: &serde_json::Error,
    repeated_keys: bool,
) -> Vec<Problem> {
    let tree: Value = match serde_json::from_str(src) {
        Ok(v) => v,
        Err(e) => return vec![syntax_problem(&e)],
    };
    let mut problems: Vec<Problem> = type_tree(tree, BTreeSet::new())
        .problems
        .into_iter()
        .map(|t| match t.code {
            Code::TooManyProblems => Problem {
                severity: Severity::Error,
                code: t.code,
                message: t.message,
                location: Location::pointer(""),
            },
            _ => problem(src, t.code, t.pointer, t.message),
        })
        .collect();
    if problems.is_empty() && !repeated_keys {
        // The tree types fine, so the text has something the tree does not keep: report the
        // one-pass failure as it was.
        let (code, message) = classify(&first.to_string());
        let message = strip_position(&message);
        let mut p = problem(src, code, first_pointer.to_owned(), message);
        if first.line() > 0 {
            p.location.line = Some(first.line() as u64);
            p.location.column = Some(first.column() as u64);
        }
        problems.push(p);
    }
    problems.sort_by(crate::error::cmp_problems);
    problems
}

/// A problem found while typing a JSON tree into a [`Dataset`]: its code, its JSON pointer in
/// the tree as given, and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TreeProblem {
    pub code: Code,
    pub pointer: String,
    pub message: String,
}

/// Types a JSON tree into a [`Dataset`], collecting every problem: each failure is recorded,
/// its node pruned, and typing starts again. `pruned` lists pointers already known to be
/// wrong (and left out of the tree) by the caller: a required field missing because of them is
/// a consequence, not a new problem. Returns what typed (the whole dataset, or what was left
/// once every wrong node was pruned) with the problems. A `too-many-problems` entry (with an
/// empty pointer) ends a capped list.
pub(crate) fn type_tree(mut tree: Value, pruned: BTreeSet<String>) -> Typed {
    let mut recovery = Recovery {
        pruned,
        ..Recovery::default()
    };
    let mut problems = Vec::new();
    // Each round prunes at least one node, so the rounds are bounded by the tree's size; the
    // problem cap bounds them further.
    loop {
        let err = match serde_path_to_error::deserialize::<_, Dataset>(&tree) {
            Ok(ds) => {
                let typed = serde_json::to_value(&ds).unwrap_or(Value::Null);
                let arrays = arrays_for_objects(&tree, &typed);
                if arrays.is_empty() {
                    return Typed {
                        dataset: Some(ds),
                        problems,
                        tree,
                        recovery,
                    };
                }
                // Prune from the last, so that earlier pointers stay valid.
                for current in arrays.iter().rev() {
                    let original = recovery.original(&tree, current);
                    problems.push(TreeProblem {
                        code: Code::TypeError,
                        pointer: original.clone(),
                        message: ARRAY_FOR_OBJECT.into(),
                    });
                    if !recovery.prune(&mut tree, current, &original) {
                        return Typed::failed(problems); // the root itself is an array
                    }
                }
                if problems.len() >= MAX_PROBLEMS {
                    return Typed::failed(problems);
                }
                continue;
            }
            Err(e) => e,
        };
        let current = to_pointer(err.path());
        let (code, message) = classify(&err.inner().to_string());
        let original = recovery.original(&tree, &current);
        let missing_child = match code {
            Code::MissingField => field_name(&message).map(|f| format!("{original}/{f}")),
            _ => None,
        };
        let consequence = missing_child
            .as_ref()
            .is_some_and(|c| recovery.pruned.contains(c));
        if !consequence {
            problems.push(TreeProblem {
                code,
                pointer: original.clone(),
                message,
            });
            if problems.len() >= MAX_PROBLEMS {
                problems.push(TreeProblem {
                    code: Code::TooManyProblems,
                    pointer: String::new(),
                    message: format!("stopped after {MAX_PROBLEMS} problems"),
                });
                return Typed::failed(problems);
            }
        }
        if !recovery.prune(&mut tree, &current, &original) {
            return Typed::failed(problems); // the root itself is wrong: nothing left to read
        }
    }
}

/// What [`type_tree`] typed: the dataset (partial when problems were found: every wrong node
/// pruned), the problems, and how to map the partial dataset's pointers back to the tree as
/// given.
pub(crate) struct Typed {
    /// The dataset, or what remained of it; `None` when nothing could be typed.
    pub dataset: Option<Dataset>,
    /// Every problem found while typing.
    pub problems: Vec<TreeProblem>,
    tree: Value,
    recovery: Recovery,
}

impl Typed {
    fn failed(problems: Vec<TreeProblem>) -> Typed {
        Typed {
            dataset: None,
            problems,
            tree: Value::Null,
            recovery: Recovery::default(),
        }
    }

    /// The pointer into the tree as given of a pointer into the (partial) dataset.
    pub(crate) fn original(&self, current: &str) -> String {
        self.recovery.original(&self.tree, current)
    }

    /// True when a node inside the node at `original` (a pointer into the tree as given) was
    /// left out.
    pub(crate) fn holds_pruned(&self, original: &str) -> bool {
        let prefix = format!("{original}/");
        self.recovery
            .pruned
            .range(prefix.clone()..)
            .next()
            .is_some_and(|p| p.starts_with(&prefix))
    }

    /// True when a node that was left out is a field of the entity at `original`'s parent or
    /// of one of its ancestors, or lies inside that entity: a comparison at `original` may
    /// involve it.
    pub(crate) fn near_pruned(&self, original: &str) -> bool {
        let entity = original
            .rfind('/')
            .map_or("", |i| original.get(..i).unwrap_or(""));
        self.recovery.pruned.iter().any(|p| {
            let holder = p.rfind('/').map_or("", |i| p.get(..i).unwrap_or(""));
            within(entity, holder) || within(p, entity)
        })
    }

    /// True when the node at `original` (a pointer into the tree as given), or a node
    /// holding it, was left out: by the caller or while typing.
    pub(crate) fn was_pruned(&self, original: &str) -> bool {
        let mut p = original;
        loop {
            if self.recovery.pruned.contains(p) {
                return true;
            }
            match p.rfind('/') {
                Some(i) => p = p.get(..i).unwrap_or_default(),
                None => return false,
            }
        }
    }
}

/// True when the pointer `inner` is `outer` or lies inside it.
fn within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

const ARRAY_FOR_OBJECT: &str = "expected an object, found an array";

/// Where `input` has an array and the typed dataset, written back (`typed`), has an object:
/// the pointers (into `input`) of arrays that serde read as structs by position.
fn arrays_for_objects(input: &Value, typed: &Value) -> Vec<String> {
    fn walk(input: &Value, typed: &Value, pointer: &mut String, out: &mut Vec<String>) {
        match (input, typed) {
            (Value::Array(_), Value::Object(_)) => out.push(pointer.clone()),
            (Value::Object(a), Value::Object(b)) => {
                for (k, v) in a {
                    if let Some(w) = b.get(k) {
                        let len = pointer.len();
                        pointer.push('/');
                        pointer.push_str(&escape(k));
                        walk(v, w, pointer, out);
                        pointer.truncate(len);
                    }
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                for (i, (v, w)) in a.iter().zip(b).enumerate() {
                    let len = pointer.len();
                    pointer.push_str(&format!("/{i}"));
                    walk(v, w, pointer, out);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(input, typed, &mut String::new(), &mut out);
    out
}

/// Tracks what has been pruned, in the original document's coordinates.
#[derive(Default)]
struct Recovery {
    /// Pointers (original coordinates) of pruned nodes.
    pruned: BTreeSet<String>,
    /// For each array (original pointer), the original indices removed from it.
    removed: BTreeMap<String, BTreeSet<usize>>,
}

impl Recovery {
    /// Translates a pointer into the current tree to the original document.
    fn original(&self, tree: &Value, current: &str) -> String {
        let mut out = String::new();
        let mut node = Some(tree);
        for seg in segments(current) {
            let is_array = matches!(node, Some(Value::Array(_)));
            let orig_seg = match (is_array, seg.parse::<usize>()) {
                (true, Ok(i)) => self.original_index(&out, i).to_string(),
                _ => seg.clone(),
            };
            node = match node {
                Some(Value::Array(a)) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
                Some(Value::Object(m)) => m.get(&seg),
                _ => None,
            };
            out.push('/');
            out.push_str(&escape(&orig_seg));
        }
        out
    }

    /// The original index of the `i`-th surviving element of the array at `array` (original).
    fn original_index(&self, array: &str, i: usize) -> usize {
        let Some(gone) = self.removed.get(array) else {
            return i;
        };
        let mut seen = 0;
        let mut k = 0;
        loop {
            if !gone.contains(&k) {
                if seen == i {
                    return k;
                }
                seen += 1;
            }
            k += 1;
        }
    }

    /// Prunes the node at `current` (whose original pointer is `original`). Returns false when
    /// nothing can be pruned (the pointer is the root).
    fn prune(&mut self, tree: &mut Value, current: &str, original: &str) -> bool {
        let segs = segments(current);
        let Some((last, parents)) = segs.split_last() else {
            return false;
        };
        let mut node = &mut *tree;
        for seg in parents {
            let next = match node {
                Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                Value::Object(m) => m.get_mut(seg),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => return false,
            }
        }
        let removed = match node {
            Value::Array(a) => match last.parse::<usize>() {
                Ok(i) if i < a.len() => {
                    a.remove(i);
                    let parent = parent_pointer(original);
                    if let Some(orig_i) = original
                        .rsplit('/')
                        .next()
                        .and_then(|s| s.parse::<usize>().ok())
                    {
                        self.removed.entry(parent).or_default().insert(orig_i);
                    }
                    true
                }
                _ => false,
            },
            Value::Object(m) => m.remove(last.as_str()).is_some(),
            _ => false,
        };
        if removed {
            self.pruned.insert(original.to_owned());
            true
        } else {
            // The pointer names a missing field of the node: prune the node itself.
            // (The root cannot be pruned: then nothing is left to read.)
            let parent = parent_pointer(current);
            !parent.is_empty() && self.prune(tree, &parent, &parent_pointer(original))
        }
    }
}

/// A problem at a pointer, located in the text where possible.
fn problem(src: &str, code: Code, pointer: String, message: String) -> Problem {
    let (line, column) = match locate(src, &pointer) {
        Some((l, c)) => (Some(l), Some(c)),
        None => (None, None),
    };
    Problem {
        severity: Severity::Error,
        code,
        message,
        location: Location {
            pointer: Some(pointer),
            line,
            column,
            ..Location::default()
        },
    }
}

fn syntax_problem(e: &serde_json::Error) -> Problem {
    Problem {
        severity: Severity::Error,
        code: Code::JsonSyntax,
        message: strip_position(&e.to_string()),
        location: Location {
            line: Some(e.line().max(1) as u64),
            column: Some(e.column().max(1) as u64),
            ..Location::default()
        },
    }
}

/// Removes serde_json's " at line L column C" suffix (the location says it).
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(msg).to_owned(),
        None => msg.to_owned(),
    }
}

/// The code and message of a typing error.
fn classify(msg: &str) -> (Code, String) {
    let msg = strip_position(msg);
    if let Some(rest) = msg.strip_prefix('[')
        && let Some((code, text)) = rest.split_once("] ")
        && let Some(code) = Code::from_name(code)
    {
        return (code, text.to_owned());
    }
    if let Some(name) = msg.strip_prefix("data did not match any variant of untagged enum ") {
        let expected = match name {
            "Text" => "a text: a string, or an object from language tag to string",
            "Pool" => "a sector (\"civil_society\"…) or a list of membership ids",
            _ => name,
        };
        return (Code::TypeError, format!("expected {expected}"));
    }
    let code = if msg.starts_with("unknown field") {
        return (
            Code::UnknownField,
            format!("{msg} (put country-specific fields in \"ext\")"),
        );
    } else if msg.starts_with("missing field") {
        Code::MissingField
    } else if msg.starts_with("unknown variant") {
        Code::InvalidValue
    } else if msg.starts_with("invalid length") && msg.contains("expected struct") {
        return (Code::TypeError, ARRAY_FOR_OBJECT.into());
    } else if msg.starts_with("invalid value") || msg.starts_with("invalid length") {
        Code::OutOfRange
    } else {
        Code::TypeError
    };
    (code, msg)
}

/// The field named in serde's "missing field `x`" message.
fn field_name(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let len = msg.get(start..)?.find('`')?;
    msg.get(start..start + len).map(str::to_owned)
}

/// A serde_path_to_error path as a JSON pointer.
fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&escape(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Escapes a pointer segment (RFC 6901).
fn escape(seg: &str) -> String {
    seg.replace('~', "~0").replace('/', "~1")
}

/// The unescaped segments of a pointer.
fn segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

fn parent_pointer(pointer: &str) -> String {
    match pointer.rfind('/') {
        Some(i) => pointer.get(..i).unwrap_or("").to_owned(),
        None => String::new(),
    }
}

/// Finds the line and column (both from 1, column in characters) of the node at `pointer` in
/// JSON text: for an object member, its key; for an array element, the element. `None` when
/// the text is not JSON or has no such node.
///
/// ```
/// use ogp_core::io::json::locate;
///
/// let src = "{\n  \"plans\": [\n    {\"id\": \"p1\"}\n  ]\n}";
/// assert_eq!(locate(src, "/plans/0/id"), Some((3, 6)));
/// assert_eq!(locate(src, "/plans/1"), None);
/// ```
pub fn locate(src: &str, pointer: &str) -> Option<(u64, u64)> {
    let mut sc = Scanner {
        b: src.as_bytes(),
        i: 0,
    };
    sc.ws();
    let mut at = sc.i;
    for seg in segments(pointer) {
        match sc.peek()? {
            b'{' => {
                sc.i += 1;
                loop {
                    sc.ws();
                    let key_at = sc.i;
                    let key = sc.string()?;
                    sc.ws();
                    sc.expect(b':')?;
                    sc.ws();
                    if key == seg {
                        at = key_at;
                        break;
                    }
                    sc.skip_value()?;
                    sc.ws();
                    sc.expect(b',')?;
                }
            }
            b'[' => {
                let n: usize = seg.parse().ok()?;
                sc.i += 1;
                sc.ws();
                for _ in 0..n {
                    sc.skip_value()?;
                    sc.ws();
                    sc.expect(b',')?;
                    sc.ws();
                }
                if sc.peek()? == b']' {
                    return None;
                }
                at = sc.i;
            }
            _ => return None,
        }
    }
    Some(line_col(src, at))
}

/// [`locate`] for many pointers at once, in one pass over the text: the position of each (in
/// the order given; `None` where there is no such node). Locating thousands of problems this
/// way costs one read of the text, where one [`locate`] each would read it once per problem.
///
/// ```
/// use ogp_core::io::json::{locate, locate_all};
///
/// let src = "{\n  \"plans\": [\n    {\"id\": \"p1\"}, {\"id\": \"p2\"}\n  ]\n}";
/// let pointers = ["/plans/1/id", "/plans/0", "/nope", ""];
/// let one_by_one: Vec<_> = pointers.iter().map(|p| locate(src, p)).collect();
/// assert_eq!(locate_all(src, &pointers), one_by_one);
/// assert_eq!(one_by_one[0], Some((3, 20)));
/// ```
pub fn locate_all(src: &str, pointers: &[&str]) -> Vec<Option<(u64, u64)>> {
    let mut wanted: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in pointers.iter().enumerate() {
        wanted.entry(p).or_default().push(i);
    }
    let mut walk = Walk {
        sc: Scanner {
            b: src.as_bytes(),
            i: 0,
        },
        pointer: String::new(),
        wanted,
        found: vec![None; pointers.len()],
    };
    walk.run();
    let lines = LineIndex::new(src);
    walk.found
        .into_iter()
        .map(|at| at.map(|at| lines.line_col(src, at)))
        .collect()
}

/// An open container in [`Walk`]: where its pointer ends, and an array's current index.
struct Open {
    base: usize,
    index: Option<usize>,
}

/// One pass over JSON text that notes the byte offset of every wanted pointer.
struct Walk<'a, 'p> {
    sc: Scanner<'a>,
    pointer: String,
    wanted: HashMap<&'p str, Vec<usize>>,
    found: Vec<Option<usize>>,
}

impl Walk<'_, '_> {
    fn mark(&mut self, at: usize) {
        if let Some(indexes) = self.wanted.remove(self.pointer.as_str()) {
            for i in indexes {
                if let Some(slot) = self.found.get_mut(i) {
                    *slot = Some(at);
                }
            }
        }
    }

    /// Reads `"key":` and moves the pointer to the member (marking it at its key).
    fn member(&mut self, base: usize) -> Option<()> {
        self.sc.ws();
        let key_at = self.sc.i;
        let key = self.sc.string()?;
        self.pointer.truncate(base);
        self.pointer.push('/');
        self.pointer
            .push_str(&key.replace('~', "~0").replace('/', "~1"));
        self.mark(key_at);
        self.sc.ws();
        self.sc.expect(b':')
    }

    fn element(&mut self, base: usize, index: usize) {
        self.pointer.truncate(base);
        self.pointer.push('/');
        self.pointer.push_str(&index.to_string());
        self.sc.ws();
        self.mark(self.sc.i);
    }

    fn run(&mut self) -> Option<()> {
        let mut stack: Vec<Open> = Vec::new();
        self.sc.ws();
        self.mark(self.sc.i);
        loop {
            // A value starts here: open a container, or skip a scalar.
            self.sc.ws();
            let base = self.pointer.len();
            match self.sc.peek()? {
                b'{' => {
                    self.sc.i += 1;
                    self.sc.ws();
                    if self.sc.peek()? != b'}' {
                        stack.push(Open { base, index: None });
                        self.member(base)?;
                        continue;
                    }
                    self.sc.i += 1;
                }
                b'[' => {
                    self.sc.i += 1;
                    self.sc.ws();
                    if self.sc.peek()? != b']' {
                        stack.push(Open {
                            base,
                            index: Some(0),
                        });
                        self.element(base, 0);
                        continue;
                    }
                    self.sc.i += 1;
                }
                _ => self.sc.skip_value()?,
            }
            // The value ended: go on to the next member or element, closing what ends.
            loop {
                if self.wanted.is_empty() {
                    return Some(());
                }
                let top = stack.last_mut()?;
                self.sc.ws();
                match (self.sc.peek()?, top.index.as_mut()) {
                    (b',', Some(index)) => {
                        *index += 1;
                        let (base, index) = (top.base, *index);
                        self.sc.i += 1;
                        self.element(base, index);
                        break;
                    }
                    (b',', None) => {
                        let base = top.base;
                        self.sc.i += 1;
                        self.member(base)?;
                        break;
                    }
                    (b']' | b'}', _) => {
                        self.pointer.truncate(top.base);
                        stack.pop();
                        self.sc.i += 1;
                    }
                    _ => return None,
                }
            }
        }
    }
}

/// Where each line of a text starts, for turning byte offsets into lines and columns without
/// reading the text again.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The line and column (from 1; the column in characters) of byte `at`.
    fn line_col(&self, src: &str, at: usize) -> (u64, u64) {
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = src.get(start..at).map_or(0, |t| t.chars().count()) + 1;
        (line as u64, column as u64)
    }
}

fn line_col(src: &str, at: usize) -> (u64, u64) {
    let before = src.get(..at).unwrap_or(src);
    let line = before.matches('\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) as u64 + 1;
    (line, col)
}

/// A minimal JSON scanner for [`locate`]: it only skips and reads keys.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Reads a string literal and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.skip_string()?;
        serde_json::from_slice(self.b.get(start..self.i)?).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                _ => self.i += 1,
            }
        }
    }

    /// Skips one value, iteratively (no recursion, whatever the nesting).
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'{' | b'[' => {
                    depth += 1;
                    self.i += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                }
                b',' | b':' if depth > 0 => {
                    self.i += 1;
                    continue;
                }
                _ => {
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r')
                    ) {
                        self.i += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pointer of a document (and some that are not in it), located in one pass, lands
    /// where locating each alone does.
    #[test]
    fn locating_all_at_once_equals_locating_each() {
        fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
            out.push(at.clone());
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        let seg = k.replace('~', "~0").replace('/', "~1");
                        pointers(x, format!("{at}/{seg}"), out);
                    }
                }
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        pointers(x, format!("{at}/{i}"), out);
                    }
                }
                _ => {}
            }
        }
        for src in [
            include_str!("../../../tests/fixtures/format-sample.json"),
            include_str!("../../../examples/selection/dataset.json"),
            r#"{"a": [1, {"b": "x\"y"}, [2, 3], []], "c/d": {"e~f": null, "": {}}, "z": [[[]]]}"#,
        ] {
            let tree: Value = serde_json::from_str(src).unwrap_or(Value::Null);
            let mut all = Vec::new();
            pointers(&tree, String::new(), &mut all);
            all.extend(["/nope".to_owned(), "/a/9".to_owned(), "/a/1/b/c".to_owned()]);
            let refs: Vec<&str> = all.iter().map(String::as_str).collect();
            let each: Vec<_> = refs.iter().map(|p| locate(src, p)).collect();
            assert_eq!(locate_all(src, &refs), each);
        }
    }

    #[test]
    fn locates_keys_and_elements() {
        let src = r#"{"a": [1, {"b": "x\"y"}, [2, 3]], "c/d": {"e~f": null}}"#;
        assert_eq!(locate(src, ""), Some((1, 1)));
        assert_eq!(locate(src, "/a"), Some((1, 2)));
        assert_eq!(locate(src, "/a/1/b"), Some((1, 12)));
        assert_eq!(locate(src, "/a/2/1"), Some((1, 30)));
        assert_eq!(locate(src, "/c~1d/e~0f"), Some((1, 43)));
        assert_eq!(locate(src, "/a/3"), None);
        assert_eq!(locate(src, "/zz"), None);
        assert_eq!(locate("[", "/0"), None);
        assert_eq!(locate("{\"a\":", "/a/b"), None);
    }

    #[test]
    fn columns_count_characters() {
        let src = "{\"é\": 1, \"x\": 2}";
        assert_eq!(locate(src, "/x"), Some((1, 10)));
    }

    #[test]
    fn pointers_escape() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(segments("/a~1b~0c/0"), vec!["a/b~c", "0"]);
    }

    #[test]
    fn classify_reads_tags() {
        assert_eq!(classify("[bad-id] nope").0, Code::BadId);
        assert_eq!(classify("[not-a-code] x").0, Code::TypeError);
        assert_eq!(classify("missing field `id`").0, Code::MissingField);
        assert_eq!(field_name("missing field `id`").as_deref(), Some("id"));
    }
}
