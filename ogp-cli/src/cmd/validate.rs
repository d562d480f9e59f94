//! `ogp validate`.

use std::path::Path;
use std::process::ExitCode;

use ogp_core::{Error, Problem};

use crate::ReportFormat;
use crate::out::{counts, plural, problem_lines};

/// Loads and validates `path`, prints the problems; exit 1 when there is an error.
pub fn run(path: &Path, format: ReportFormat) -> Result<ExitCode, Error> {
    let problems: Vec<Problem> = match ogp_core::io::load_and_validate(path) {
        Ok(report) => report.problems,
        Err(Error::Parse { problems }) => problems,
        Err(e) => return Err(e),
    };
    let (errors, warnings) = counts(&problems);
    match format {
        ReportFormat::Text => {
            for line in problem_lines(path, &problems) {
                outln!("{line}");
            }
            let verdict = if errors == 0 { "valid" } else { "invalid" };
            outln!(
                "{}: {verdict} ({}, {})",
                path.display(),
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
        ReportFormat::Json => {
            let doc = serde_json::json!({
                "path": path.display().to_string(),
                "valid": errors == 0,
                "errors": errors,
                "warnings": warnings,
                "problems": problems,
            });
            crate::out::json(&doc)?;
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
