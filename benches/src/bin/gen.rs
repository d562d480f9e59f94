//! `gen`: writes a deterministic world dataset (see `ogp_benches::world`) as `OUT/world.json`
//! and as the CSV bundle `OUT/bundle/`, replacing what is there.
//!
//! ```text
//! cargo run --release -p ogp-benches --bin gen -- \
//!     --plans 400 --commitments 20 --milestones 5 --updates 25 --seed 1 OUT
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use ogp_benches::world::{Size, world};
use ogp_core::io::csv::{self, WriteOptions};
use ogp_core::io::output::{Overwrite, write_file};

const USAGE: &str = "usage: gen [--plans N] [--commitments N] [--milestones N] [--updates N] \
                     [--seed N] [--json-only] OUT";

/// What the command line asks for.
struct Args {
    size: Size,
    seed: u64,
    json_only: bool,
    out: PathBuf,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut size = Size {
        plans: 400,
        commitments: 20,
        milestones: 5,
        updates: 25,
    };
    let (mut seed, mut json_only, mut out) = (1, false, None);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{name} needs a number"))?;
            v.parse()
                .map_err(|_| format!("{name}: {v:?} is not a number"))
        };
        match a.as_str() {
            "--plans" => size.plans = number(&a)? as usize,
            "--commitments" => size.commitments = number(&a)? as usize,
            "--milestones" => size.milestones = number(&a)? as usize,
            "--updates" => size.updates = number(&a)? as usize,
            "--seed" => seed = number(&a)?,
            "--json-only" => json_only = true,
            "-h" | "--help" => return Err(USAGE.into()),
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ if out.is_none() => out = Some(PathBuf::from(a)),
            _ => return Err(format!("one OUT folder only, not also {a}")),
        }
    }
    let out = out.ok_or("OUT is missing")?;
    Ok(Args {
        size,
        seed,
        json_only,
        out,
    })
}

fn run(args: &Args) -> Result<(), ogp_core::Error> {
    let ds = world(args.size, args.seed);
    let json = args.out.join("world.json");
    write_file(&json, ds.to_json().as_bytes(), Overwrite::Replace)?;
    eprintln!(
        "gen: {} plans, {} milestone updates → {}",
        ds.plans.len(),
        args.size.updates_total(),
        json.display()
    );
    if !args.json_only {
        let dir = args.out.join("bundle");
        csv::write_dir(&ds, &dir, &WriteOptions::default(), Overwrite::Replace)?;
        eprintln!("gen: the same dataset as a CSV bundle → {}", dir.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
