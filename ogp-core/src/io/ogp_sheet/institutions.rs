//! Institution cells: one name, or several, never fragments of one.

/// The names a cell holds, and whether the split was unsure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Names {
    pub names: Vec<String>,
    /// Set when the cell has commas that may or may not separate names: it was kept as one
    /// organisation (the reason, for a warning).
    pub unsure: Option<String>,
}

/// Words after which a line break continues the same name (`Ministry of` ⏎ `Justice`).
const CONNECTING: [&str; 20] = [
    "of", "and", "for", "the", "de", "des", "du", "la", "le", "et", "on", "in", "to", "a", "an",
    "&", "y", "del", "pour", "per",
];

/// Words that make a part look like the name of an organisation, for `,` splits.
const ORGANISATION_WORDS: [&str; 40] = [
    "ministry",
    "ministère",
    "ministerio",
    "agency",
    "office",
    "department",
    "council",
    "commission",
    "authority",
    "court",
    "parliament",
    "assembly",
    "network",
    "foundation",
    "institute",
    "institution",
    "directorate",
    "bureau",
    "service",
    "services",
    "secretariat",
    "association",
    "centre",
    "center",
    "committee",
    "union",
    "chamber",
    "government",
    "municipality",
    "university",
    "society",
    "coalition",
    "board",
    "forum",
    "fund",
    "presidency",
    "cabinet",
    "county",
    "trust",
    "alliance",
];

/// Splits an institution cell:
/// - `;` always separates;
/// - a line break separates only when both sides look like whole names (each starts with an
///   upper-case letter, the first does not end with a connecting word, `,` or `-`); otherwise
///   it wraps one long name and becomes a space;
/// - `,` separates only when every part looks like an organisation (starts with a capital,
///   has at least two words, one of them a word such as Ministry, Agency, Council…); a cell
///   with commas that fails this is ONE organisation, and `unsure` says so.
pub(crate) fn split(cell: &str) -> Names {
    let mut names = Vec::new();
    let mut unsure = None;
    for part in cell.split(';') {
        for name in split_lines(part) {
            match split_commas(&name) {
                Ok(several) => names.extend(several),
                Err(reason) => {
                    unsure = Some(reason);
                    names.push(name);
                }
            }
        }
    }
    names.retain(|n| !n.is_empty() && !super::irm::absent(n));
    Names { names, unsure }
}

/// Lines joined back into names.
fn split_lines(part: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in part.lines().map(collapse).filter(|l| !l.is_empty()) {
        match names.last_mut() {
            Some(previous) if !(looks_whole(previous) && starts_upper(&line)) => {
                previous.push(' ');
                previous.push_str(&line);
            }
            _ => names.push(line),
        }
    }
    names
}

/// `Ok` with the parts when every `,`-separated part is an organisation's name (or there is
/// no comma), else `Err` with why the cell stays one name.
fn split_commas(name: &str) -> Result<Vec<String>, String> {
    if !name.contains(',') {
        return Ok(vec![name.to_owned()]);
    }
    let parts: Vec<String> = name.split(',').map(collapse).collect();
    let all_names = parts.iter().all(|part| {
        starts_upper(part)
            && part.split_whitespace().count() >= 2
            && part
                .split_whitespace()
                .any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str()))
    });
    if all_names {
        Ok(parts)
    } else {
        Err(format!(
            "{name:?} has commas, but not every part looks like an organisation's name; \
             kept as one organisation"
        ))
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A name that does not end in the middle of a phrase.
fn looks_whole(name: &str) -> bool {
    if name.ends_with([',', '-', '–', '(', '/', '&']) {
        return false;
    }
    let last = name
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_lowercase();
    !CONNECTING.contains(&last.as_str())
}

/// The key under which two spellings of one institution are the same: lower case, single
/// spaces.
pub(crate) fn key(name: &str) -> String {
    collapse(name).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cell: &str) -> Vec<String> {
        split(cell).names
    }

    #[test]
    fn semicolons_and_line_breaks_between_names() {
        assert_eq!(
            names("Ministry of Finance; Open Budget Network"),
            ["Ministry of Finance", "Open Budget Network"]
        );
        assert_eq!(
            names("Ministry of Justice\nNational Police\r\nTransparency Kenya"),
            [
                "Ministry of Justice",
                "National Police",
                "Transparency Kenya"
            ]
        );
    }

    #[test]
    fn wrapped_names_are_joined() {
        assert_eq!(
            names("National Agency for the Protection of\nPersonal Data"),
            ["National Agency for the Protection of Personal Data"]
        );
        assert_eq!(
            names("Ministry of Economy, Finance and\nAdministration Reform"),
            ["Ministry of Economy, Finance and Administration Reform"]
        );
        assert_eq!(
            names("Directorate of Budget\nand Treasury"),
            ["Directorate of Budget and Treasury"]
        );
    }

    #[test]
    fn commas_split_only_between_organisations() {
        assert_eq!(
            names("Ministry of Health, National Statistics Office"),
            ["Ministry of Health", "National Statistics Office"]
        );
        let unsure = split("Ministry of Economy, Finance and Administration Reform");
        assert_eq!(
            unsure.names,
            ["Ministry of Economy, Finance and Administration Reform"]
        );
        assert!(unsure.unsure.is_some());
        assert_eq!(names("NA"), Vec::<String>::new());
    }

    #[test]
    fn keys_ignore_case_and_spacing() {
        assert_eq!(key(" Ministry  of JUSTICE"), key("ministry of justice"));
    }
}
