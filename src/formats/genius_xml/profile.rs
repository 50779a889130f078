//! A GENIUS utility space (one party's profile), read against the domain's issues: weights
//! by index, discrete evaluations divided by the issue's largest, and one linear evaluator
//! for integer and real issues.

use std::collections::HashMap;

use super::{
    at, basename, bounds_el, find_utility_space, int_attr, issue_kind_name, num_attr, parse_f64,
    reject_nested, stem, DomainIssue, Kind,
};
use crate::formats::xml::{self, Element};
use crate::formats::{decode_text, FormatError, InputFile, RawParty};

pub(super) fn read_profile(
    file: &InputFile<'_>,
    dom: &[DomainIssue],
    agents: &HashMap<String, String>,
    warnings: &mut Vec<String>,
) -> Result<RawParty, FormatError> {
    let fname = file.name;
    let text = decode_text(file, warnings)?;
    let doc = xml::parse(&text, fname)?;
    warnings.extend(doc.warnings.iter().cloned());
    let us = find_utility_space(&doc.root).ok_or_else(|| {
        at(
            fname,
            &doc.root,
            format!(
                "no <utility_space> element (found <{}>): this is not a GENIUS utility space file",
                doc.root.name
            ),
        )
    })?;
    let objective = us.child("objective").ok_or_else(|| {
        at(
            fname,
            us,
            "the <utility_space> has no <objective>: this is not a GENIUS utility space file",
        )
    })?;
    reject_nested(objective, fname)?;

    // Weights by index; GENIUS keeps the last of duplicate indices.
    let mut weights_by_index: HashMap<i64, f64> = HashMap::new();
    for w in objective.children_named("weight") {
        let idx = int_attr(fname, w, "index", "a <weight>")?;
        let val = num_attr(fname, w, "value", &format!("<weight index=\"{idx}\">"))?;
        if val < 0.0 {
            return Err(at(
                fname,
                w,
                format!("<weight index=\"{idx}\"> is {val}; weights must not be negative"),
            ));
        }
        if weights_by_index.insert(idx, val).is_some() {
            warnings.push(format!(
                "{fname}, line {}: <weight index=\"{idx}\"> appears twice; the last one is used, as in GENIUS",
                w.line
            ));
        }
    }

    let mut by_name: HashMap<&str, &Element> = HashMap::new();
    for pi in objective.children_named("issue") {
        let n = pi
            .attr("name")
            .ok_or_else(|| at(fname, pi, "an <issue> has no \"name\" attribute"))?;
        if !dom.iter().any(|d| d.raw_name == n) {
            let known: Vec<&str> = dom.iter().map(|d| d.raw_name.as_str()).take(20).collect();
            return Err(at(
                fname,
                pi,
                format!(
                    "the profile has an issue \"{n}\" that the domain does not define (domain issues: {})",
                    known.join(", ")
                ),
            ));
        }
        if by_name.insert(n, pi).is_some() {
            return Err(at(
                fname,
                pi,
                format!("the profile describes issue \"{n}\" twice"),
            ));
        }
    }

    let mut weights = Vec::with_capacity(dom.len());
    let mut scores = Vec::with_capacity(dom.len());
    for di in dom {
        let what = format!("issue \"{}\"", di.raw_name);
        let pi = by_name.get(di.raw_name.as_str()).ok_or_else(|| {
            at(
                fname,
                objective,
                format!(
                    "the profile has no <issue name=\"{}\">, which the domain defines",
                    di.raw_name
                ),
            )
        })?;
        let idx = int_attr(fname, pi, "index", &what)?;
        let w = weights_by_index.get(&idx).copied().ok_or_else(|| {
            at(
                fname,
                pi,
                format!("there is no <weight index=\"{idx}\"> for {what}"),
            )
        })?;
        weights.push(w);
        let row = match &di.kind {
            Kind::Discrete(values) => discrete_scores(fname, pi, &what, values, warnings)?,
            Kind::Integer { lower, upper } => {
                let xs: Vec<f64> = (*lower..=*upper).map(|x| x as f64).collect();
                numeric_scores(fname, pi, &what, Some(*lower), &xs, warnings)?
            }
            Kind::Real { values } => numeric_scores(fname, pi, &what, None, values, warnings)?,
        };
        scores.push(row);
    }

    let reservation = match us
        .child("reservation")
        .or_else(|| objective.child("reservation"))
    {
        Some(r) => match r.attr("value") {
            Some(_) => {
                let v = num_attr(fname, r, "value", "<reservation>")?;
                if !(0.0..=1.0 + 1e-9).contains(&v) {
                    return Err(at(
                        fname,
                        r,
                        format!("the reservation value is {v}; it must be between 0 and 1"),
                    ));
                }
                v.min(1.0)
            }
            None => {
                warnings.push(format!(
                    "{fname}, line {}: <reservation> has no value attribute; 0 is used",
                    r.line
                ));
                0.0
            }
        },
        None => 0.0,
    };
    if let Some(df) = us
        .child("discount_factor")
        .and_then(|d| d.attr("value"))
        .and_then(parse_f64)
    {
        if df > 0.0 && df < 1.0 {
            warnings.push(format!(
                "{fname}: the discount factor {df} was ignored; it only applies to timed negotiations"
            ));
        }
    }

    let base = basename(fname);
    let name = agents.get(base).cloned().unwrap_or_else(|| stem(fname));
    Ok(RawParty {
        name,
        weights,
        scores,
        reservation,
    })
}

fn discrete_scores(
    fname: &str,
    pi: &Element,
    what: &str,
    values: &[String],
    warnings: &mut Vec<String>,
) -> Result<Vec<f64>, FormatError> {
    if issue_kind_name(pi) != "discrete" && pi.child("item").is_none() {
        return Err(at(
            fname,
            pi,
            format!("{what} is discrete in the domain but not in the profile"),
        ));
    }
    let mut evals: HashMap<&str, f64> = HashMap::new();
    for item in pi.children_named("item") {
        let v = item.attr("value").ok_or_else(|| {
            at(
                fname,
                item,
                format!("{what}: an <item> has no \"value\" attribute"),
            )
        })?;
        if !values.iter().any(|x| x == v) {
            return Err(at(
                fname,
                item,
                format!("{what} has no value \"{v}\" in the domain"),
            ));
        }
        let Some(raw) = item.attr("evaluation") else {
            continue;
        };
        if raw.trim() == "null" {
            continue;
        }
        let e = parse_f64(raw).ok_or_else(|| {
            at(
                fname,
                item,
                format!("{what}, value \"{v}\": evaluation \"{raw}\" is not a finite number"),
            )
        })?;
        if e < 0.0 {
            return Err(at(
                fname,
                item,
                format!("{what}, value \"{v}\": evaluation {e} is negative; GENIUS evaluations must be ≥ 0"),
            ));
        }
        if evals.insert(v, e).is_some() {
            warnings.push(format!(
                "{fname}, line {}: {what} lists value \"{v}\" twice; the last evaluation ({e}) is used, as in GENIUS",
                item.line
            ));
        }
    }
    let mut row = Vec::with_capacity(values.len());
    let max = evals.values().copied().fold(0.0f64, f64::max);
    for v in values {
        let e = evals.get(v.as_str()).copied().ok_or_else(|| {
            at(
                fname,
                pi,
                format!("{what} gives no evaluation for the value \"{v}\""),
            )
        })?;
        row.push(if max < 0.00001 { 0.0 } else { e / max });
    }
    if max < 0.00001 {
        warnings.push(format!(
            "{fname}: every evaluation of {what} is 0, so it adds nothing to this party's utility"
        ));
    }
    Ok(row)
}

/// A numeric issue's evaluator: `slope·(x − origin) + offset`, clamped to [0, 1] (NaN
/// scores 0). Integer and real issues differ only in how the profile writes it (see
/// [`Linear::read`]); their scores are computed here, once.
struct Linear {
    slope: f64,
    offset: f64,
    origin: f64,
}

impl Linear {
    /// Reads the `<evaluator>` of numeric issue `pi`; `lower` is the domain's lower bound
    /// of an integer issue, `None` for a real one:
    ///
    /// * integer: `slope` and `offset`, counted from the profile's own `lowerbound` (the
    ///   domain's when the profile has none, with a warning when they differ); no evaluator
    ///   scores every value 0, as GENIUS does, with a warning;
    /// * real: `ftype="linear"` (`parameter1·x + parameter0`, the default) or `constant`
    ///   (`parameter0`); no evaluator, or another function, is refused.
    fn read(
        fname: &str,
        pi: &Element,
        what: &str,
        lower: Option<i64>,
        warnings: &mut Vec<String>,
    ) -> Result<Linear, FormatError> {
        let evaluator = pi.child("evaluator");
        match lower {
            Some(lower) => {
                let b = bounds_el(pi);
                let plower = match b.attr("lowerbound") {
                    Some(_) => int_attr(fname, b, "lowerbound", what)?,
                    None => lower,
                };
                if plower != lower {
                    warnings.push(format!(
                        "{fname}: {what} has lowerbound {plower} in the profile but {lower} in the domain; the profile's bound is used in the utility formula, as in GENIUS"
                    ));
                }
                let (slope, offset) = match evaluator {
                    Some(ev) => (
                        num_attr(fname, ev, "slope", what)?,
                        num_attr(fname, ev, "offset", what)?,
                    ),
                    None => {
                        warnings.push(format!(
                            "{fname}: {what} has no <evaluator>; GENIUS then scores every value 0"
                        ));
                        (0.0, 0.0)
                    }
                };
                Ok(Linear {
                    slope,
                    offset,
                    origin: plower as f64,
                })
            }
            None => {
                let ev =
                    evaluator.ok_or_else(|| at(fname, pi, format!("{what} has no <evaluator>")))?;
                let ftype = ev
                    .attr("ftype")
                    .unwrap_or("linear")
                    .trim()
                    .to_ascii_lowercase();
                let (slope, offset) = match ftype.as_str() {
                    "linear" => {
                        let offset = num_attr(fname, ev, "parameter0", what)?;
                        (num_attr(fname, ev, "parameter1", what)?, offset)
                    }
                    "constant" => (0.0, num_attr(fname, ev, "parameter0", what)?),
                    other => {
                        return Err(at(
                            fname,
                            ev,
                            format!("{what} uses the evaluation function \"{other}\"; only linear and constant are supported"),
                        ))
                    }
                };
                Ok(Linear {
                    slope,
                    offset,
                    origin: 0.0,
                })
            }
        }
    }

    fn score(&self, x: f64) -> f64 {
        let s = self.slope * (x - self.origin) + self.offset;
        if s.is_nan() {
            0.0
        } else {
            s.clamp(0.0, 1.0)
        }
    }
}

/// The scores of a numeric issue's options `xs` (the integers of an integer issue, whose
/// domain lower bound is `lower`, or a real issue's discretised points).
fn numeric_scores(
    fname: &str,
    pi: &Element,
    what: &str,
    lower: Option<i64>,
    xs: &[f64],
    warnings: &mut Vec<String>,
) -> Result<Vec<f64>, FormatError> {
    let f = Linear::read(fname, pi, what, lower, warnings)?;
    Ok(xs.iter().map(|&x| f.score(x)).collect())
}

#[cfg(test)]
mod tests {
    use super::super::import;
    use crate::formats::{FormatError, ImportOptions, ImportedDomain, InputFile};

    const DOMAIN: &str = r#"<negotiation_template><utility_space><objective index="0" name="D">
<issue index="1" name="Days" type="integer" lowerbound="1" upperbound="3"/>
<issue index="2" name="Price" vtype="real" lowerbound="0" upperbound="1"/>
</objective></utility_space></negotiation_template>"#;

    fn profile(days: &str, price: &str) -> String {
        format!(
            r#"<utility_space><objective index="0" name="D">
<issue index="1" name="Days" type="integer" {days}</issue>
<issue index="2" name="Price" vtype="real">{price}</issue>
<weight index="1" value="0.5"/><weight index="2" value="0.5"/></objective></utility_space>"#
        )
    }

    fn import_one(days: &str, price: &str) -> Result<ImportedDomain, FormatError> {
        let p = profile(days, price);
        import(
            InputFile::new("d.xml", DOMAIN.as_bytes()),
            &[InputFile::new("p.xml", p.as_bytes())],
            &ImportOptions {
                real_step: Some(0.5),
            },
        )
    }

    fn ratings(d: &ImportedDomain) -> Vec<Vec<f64>> {
        d.parties[0]
            .ratings
            .iter()
            .map(|r| r.iter().map(|x| (x * 1e9).round() / 1e9).collect())
            .collect()
    }

    /// Integer and real issues share one evaluator: `slope·(x − origin) + offset`, clamped.
    #[test]
    fn numeric_evaluators_score_as_genius_does() {
        // Integer from the profile's own lower bound (0, not the domain's 1); real linear.
        let d = import_one(
            r#"lowerbound="0" upperbound="3"><evaluator ftype="linear" slope="0.5" offset="-0.25"/>"#,
            r#"<evaluator ftype="linear" parameter0="0.2" parameter1="2"/>"#,
        )
        .unwrap();
        assert_eq!(
            ratings(&d),
            [vec![25.0, 75.0, 100.0], vec![20.0, 100.0, 100.0]]
        );
        assert!(d
            .warnings
            .iter()
            .any(|w| w.contains("lowerbound 0 in the profile but 1")));

        // A constant real evaluator; an integer issue without one scores 0, with a warning.
        let d = import_one(r#">"#, r#"<evaluator ftype="constant" parameter0="0.4"/>"#).unwrap();
        assert_eq!(ratings(&d), [vec![0.0, 0.0, 0.0], vec![40.0, 40.0, 40.0]]);
        assert!(d
            .warnings
            .iter()
            .any(|w| w.contains("no <evaluator>; GENIUS then scores")));

        // A real issue needs an evaluator, of a kind the planner knows.
        let err = import_one(">", "").unwrap_err().to_string();
        assert!(err.contains("issue \"Price\" has no <evaluator>"), "{err}");
        let err = import_one(">", r#"<evaluator ftype="exp" parameter0="1"/>"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("evaluation function \"exp\""), "{err}");
    }
}
