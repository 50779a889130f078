//! The research fixtures as analysis problems, read with the app's own importers
//! (`planner::formats`), so the engine is tested on exactly what a user would import.
#![allow(dead_code)]

use std::path::PathBuf;

use planner::analysis::{Evaluation, IssueInput, PartyInput, Problem};
use planner::formats::{genius_xml, geniusweb, ImportOptions, ImportedDomain, InputFile};

/// Fixture folder: `$GENIUS_FIXTURES`, else `../shared/fixtures/genius` next to the crate.
pub fn fixtures_dir() -> PathBuf {
    match std::env::var("GENIUS_FIXTURES") {
        Ok(p) => PathBuf::from(p),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/genius"),
    }
}

fn read(path: &str) -> (String, Vec<u8>) {
    let full = fixtures_dir().join(path);
    let bytes = std::fs::read(&full)
        .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", full.display()));
    (path.to_string(), bytes)
}

fn import(
    domain: &str,
    profiles: &[&str],
    importer: fn(
        InputFile,
        &[InputFile],
        &ImportOptions,
    ) -> Result<ImportedDomain, planner::formats::FormatError>,
) -> ImportedDomain {
    let d = read(domain);
    let ps: Vec<(String, Vec<u8>)> = profiles.iter().map(|p| read(p)).collect();
    let files: Vec<InputFile> = ps.iter().map(|(n, b)| InputFile::new(n, b)).collect();
    importer(
        InputFile::new(&d.0, &d.1),
        &files,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{domain} does not import: {e}"))
}

fn to_problem(d: &ImportedDomain, reservations: Option<f64>) -> Problem {
    let parties = d
        .parties
        .iter()
        .map(|p| PartyInput::new(p.name.clone(), reservations.unwrap_or(p.reservation)))
        .collect();
    let issues = d
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| IssueInput {
            name: issue.name.clone(),
            options: issue.options.len(),
            option_labels: issue.options.clone(),
            evaluations: d
                .parties
                .iter()
                .map(|p| Evaluation::new(p.weights[i], p.ratings[i].clone()))
                .collect(),
        })
        .collect();
    Problem {
        parties,
        issues,
        us: Some(0),
    }
}

/// A GeniusWeb domain with reservation values 0, as the ANL 2023 organisers computed their
/// published Pareto fronts and Nash points.
pub fn read_geniusweb(domain: &str, profiles: &[&str]) -> Problem {
    to_problem(&import(domain, profiles, geniusweb::import), Some(0.0))
}

/// A GENIUS XML domain with the reservation values its files give.
pub fn read_genius_xml(domain: &str, profiles: &[&str]) -> Problem {
    to_problem(&import(domain, profiles, genius_xml::import), None)
}
