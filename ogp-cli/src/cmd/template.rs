//! `ogp template`.

use std::path::PathBuf;
use std::process::ExitCode;

use ogp_core::Error;

/// Arguments of `ogp template`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to write the templates into (created if needed), or a workbook to write
    /// when the path ends in .xlsx. A target that is not empty is refused unless --force is
    /// given: a template never empties a filled bundle or workbook.
    pub dir: PathBuf,
    /// Languages of the texts, comma-separated BCP 47 tags (`ar,fr,en`; `zgh` for Tamazight
    /// in Tifinagh): each text gets one column per language (`title/ar`, `title/fr`…). The
    /// first is the dataset's default language. Without it, texts have one plain column.
    #[arg(long, value_delimiter = ',')]
    pub languages: Vec<String>,
    /// Replace DIR when it exists and is not empty (by default nothing is overwritten). The
    /// new files are written aside and swapped in whole, so a failure leaves DIR as it was.
    #[arg(long)]
    pub force: bool,
}

/// Writes the templates.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    let languages: Vec<String> = args
        .languages
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if let Some(bad) = languages.iter().find(|l| !ogp_core::is_lang_tag(l)) {
        return Err(Error::Argument(format!(
            "{bad:?} is not a language tag (BCP 47, like ar, fr, en or zgh)"
        )));
    }
    let overwrite = ogp_core::io::output::Overwrite::from_force(args.force);
    if ogp_core::io::xlsx::is_workbook(&args.dir) {
        ogp_core::io::xlsx::write_template(&args.dir, &languages, overwrite)?;
        crate::out::note(&format!(
            "wrote the template workbook {}; fill its sheets, then run `ogp validate {}`",
            args.dir.display(),
            args.dir.display()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    ogp_core::io::csv::write_template(&args.dir, &languages, overwrite)?;
    crate::out::note(&format!(
        "wrote the templates into {}; fill them, then run `ogp validate {}`",
        args.dir.display(),
        args.dir.display()
    ));
    Ok(ExitCode::SUCCESS)
}
