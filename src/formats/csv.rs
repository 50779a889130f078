//! The scoring matrix as CSV: one row per option with, for every party, the issue's weight
//! and the option's rating. Import matches issues, options and parties by name (ignoring
//! case and surrounding spaces) into an existing plan and reports what did not match; a
//! malformed file changes nothing. Pure.

use crate::model::{Plan, Score};
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
    pub unmatched: Vec<String>,
}

pub(crate) fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.starts_with(['=', '+', '-', '@']) {
        // Quoting also keeps spreadsheet programs from reading a name as a formula.
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

pub(crate) fn number(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
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

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Reads scores from `text` into `plan`. On any error the plan is left unchanged.
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
    if header.len() < 2 || !same(&header[0], "issue") || !same(&header[1], "option") {
        return Err(CsvError {
            line: 1,
            message: "the first row should start with the columns issue,option".into(),
        });
    }
    let mut report = CsvReport::default();
    // Columns "<party> weight" / "<party> rating" → (party index, is_weight).
    let mut columns = Vec::new();
    for (c, name) in header.iter().enumerate().skip(2) {
        let lower = name.trim().to_lowercase();
        let (party_name, is_weight) = if let Some(p) = lower.strip_suffix(" weight") {
            (p.to_string(), true)
        } else if let Some(p) = lower.strip_suffix(" rating") {
            (p.to_string(), false)
        } else {
            return Err(CsvError {
                line: 1,
                message: format!(
                    "column {} (“{name}”) should end in “weight” or “rating”",
                    c + 1
                ),
            });
        };
        match plan.parties.iter().position(|p| same(&p.name, &party_name)) {
            Some(k) => columns.push(Some((k, is_weight))),
            None => {
                let msg = format!("party “{}” (column {})", name.trim(), c + 1);
                if !report.unmatched.contains(&msg) {
                    report.unmatched.push(msg);
                }
                columns.push(None)
            }
        }
    }
    let mut updated = plan.clone();
    for (line, row) in body {
        let issue_name = row.first().map(String::as_str).unwrap_or("");
        let option_label = row.get(1).map(String::as_str).unwrap_or("");
        let Some(issue) = updated.issues.iter().find(|i| same(&i.name, issue_name)) else {
            report
                .unmatched
                .push(format!("issue “{issue_name}” (line {line})"));
            continue;
        };
        let issue_id = issue.id.clone();
        let Some(option) = issue.options.iter().find(|o| same(&o.label, option_label)) else {
            report.unmatched.push(format!(
                "option “{option_label}” of “{issue_name}” (line {line})"
            ));
            continue;
        };
        let option_id = option.id.clone();
        for (c, target) in columns.iter().enumerate() {
            let Some((k, is_weight)) = target else {
                continue;
            };
            let cell = row.get(c + 2).map(|s| s.trim()).unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            let value: f64 = cell
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or(CsvError {
                    line: *line,
                    message: format!("“{cell}” in column {} is not a number", c + 3),
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
        assert!(text.contains("\"=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\""));
        let report = import(&mut p.clone(), &text).unwrap();
        assert!(report.unmatched.is_empty());
    }
}
