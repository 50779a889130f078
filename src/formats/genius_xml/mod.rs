//! GENIUS XML: a domain (negotiation template) file plus one `utility_space` file per party.
//!
//! Semantics follow GENIUS 10.4 (`AdditiveUtilitySpace`, `EvaluatorDiscrete`,
//! `EvaluatorInteger`, `EvaluatorReal`) as summarised in `shared/docs/method.md`:
//!
//! * issues are the `<issue>` children of the `<objective>`; profiles are matched to the domain
//!   by issue **name** and option **value** (GENIUS files list items in different orders, e.g.
//!   AMPOvsCity's "Commisioner Daniels");
//! * weights are the `<weight index=…>` children of the profile's objective, matched to the
//!   profile issue with the same `index` (as GENIUS does; weights may come before or after the
//!   issues);
//! * a discrete score is `evaluation / largest evaluation of that issue` (0 for every option
//!   when the largest is below 1e-5, as GENIUS); only direct `<item>` children of the issue
//!   count, so items inside `similarity_function` blocks are ignored; when a value is listed
//!   twice the last evaluation wins (GENIUS stores them in a map);
//! * integer issues: every integer in `[lowerbound, upperbound]` becomes an option scoring
//!   `clamp(slope·(x − lowerbound) + offset, 0, 1)`, with the profile's own `lowerbound`;
//! * real issues are discretised with [`ImportOptions::real_step`] and score
//!   `clamp(parameter1·x + parameter0, 0, 1)` (`ftype="linear"`) or `parameter0` (`constant`);
//! * `cost` attributes and `similarity_function` blocks are ignored, `<reservation value>` is the
//!   reservation value, discount factors are ignored with a warning.
//!
//! The mapping to the planner's 0–100 scale (including weights that do not sum to 1) is
//! described in the [module documentation](super).
//!
//! Modules: this one reads the domain and runs the import; `profile` reads a utility space
//! (one scorer per kind of issue); `export` writes the files.

mod export;
mod profile;

pub use export::export;
use profile::read_profile;

use std::collections::{HashMap, HashSet};

use super::xml::{self, Element};
use super::{
    check_domain_size, clean_name, decode_text, fmt_num, to_planner_scale, unique_name,
    FormatError, ImportOptions, ImportedDomain, ImportedIssue, InputFile, MAX_OPTIONS_PER_ISSUE,
};

#[derive(Debug, Clone)]
enum Kind {
    /// Raw (un-cleaned) item values in domain order.
    Discrete(Vec<String>),
    Integer {
        lower: i64,
        upper: i64,
    },
    Real {
        values: Vec<f64>,
    },
}

#[derive(Debug, Clone)]
struct DomainIssue {
    raw_name: String,
    kind: Kind,
}

/// Imports a GENIUS domain and its utility spaces (one per party, in the given order).
///
/// Party names come from the domain template's `<agent name=… utility_space=…>` entries when one
/// names the profile's file, else from the profile's file name without extension. Fails, naming
/// the file and line, on anything GENIUS would not evaluate; nothing partial is returned.
pub fn import(
    domain: InputFile<'_>,
    profiles: &[InputFile<'_>],
    options: &ImportOptions,
) -> Result<ImportedDomain, FormatError> {
    let mut warnings = Vec::new();
    super::check_profile_count(&domain, profiles)?;
    let text = decode_text(&domain, &mut warnings)?;
    let doc = xml::parse(&text, domain.name)?;
    warnings.extend(doc.warnings.iter().cloned());
    let objective = find_objective(&doc.root).ok_or_else(|| {
        FormatError::at_line(
            domain.name,
            doc.root.line,
            doc.root.column,
            format!(
                "no <objective> element found under <{}>: this is not a GENIUS domain file (expected negotiation_template › utility_space › objective › issue)",
                doc.root.name
            ),
        )
    })?;
    reject_nested(objective, domain.name)?;
    let dom_issues = read_domain_issues(objective, domain.name, options)?;

    let mut issue_names = HashSet::new();
    let issues: Vec<ImportedIssue> = dom_issues
        .iter()
        .map(|di| {
            let name = clean_name(&di.raw_name, "Issue name", &mut warnings);
            let name = unique_name(name, &mut issue_names, "Issue name", &mut warnings);
            let mut opts = HashSet::new();
            let options = option_labels(&di.kind)
                .into_iter()
                .map(|o| {
                    let what = format!("Option of issue \"{name}\"");
                    let label = clean_name(&o, &what, &mut warnings);
                    unique_name(label, &mut opts, &what, &mut warnings)
                })
                .collect();
            ImportedIssue { name, options }
        })
        .collect();
    check_domain_size(&issues, domain.name)?;

    let raw_name = objective.attr("name").unwrap_or("").trim();
    let name = if raw_name.is_empty() || raw_name.eq_ignore_ascii_case("root") {
        stem(domain.name)
    } else {
        raw_name.to_string()
    };
    let name = clean_name(&name, "Domain name", &mut warnings);

    let agents = agent_names(&doc.root);
    let mut party_names = HashSet::new();
    let mut parties = Vec::with_capacity(profiles.len());
    for file in profiles {
        let raw = read_profile(file, &dom_issues, &agents, &mut warnings)?;
        let mut raw = raw;
        let pname = clean_name(&raw.name, "Party name", &mut warnings);
        raw.name = unique_name(pname, &mut party_names, "Party name", &mut warnings);
        parties.push(to_planner_scale(raw, file.name, &mut warnings)?);
    }
    Ok(ImportedDomain {
        name,
        issues,
        parties,
        warnings: super::finish_warnings(warnings),
    })
}

/// File name without directories and extension.
fn stem(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    match base.rfind('.') {
        Some(i) if i > 0 => base[..i].to_string(),
        _ => base.to_string(),
    }
}

fn basename(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// `<agent name=… utility_space=…>` pairs of a negotiation template, keyed by file base name.
fn agent_names(root: &Element) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for a in root.children_named("agent") {
        if let (Some(n), Some(f)) = (a.attr("name"), a.attr("utility_space")) {
            if !n.trim().is_empty() && !f.trim().is_empty() {
                map.entry(basename(f.trim()).to_string())
                    .or_insert_with(|| n.trim().to_string());
            }
        }
    }
    map
}

/// The `<utility_space>` element: the root itself or a child of a `<negotiation_template>`.
fn find_utility_space(root: &Element) -> Option<&Element> {
    if root.name == "utility_space" {
        Some(root)
    } else {
        root.child("utility_space")
    }
}

fn find_objective(root: &Element) -> Option<&Element> {
    if root.name == "objective" {
        return Some(root);
    }
    find_utility_space(root)
        .and_then(|us| us.child("objective"))
        .or_else(|| root.child("objective"))
}

fn reject_nested(objective: &Element, file: &str) -> Result<(), FormatError> {
    if let Some(sub) = objective.child("objective") {
        return Err(FormatError::at_line(
            file,
            sub.line,
            sub.column,
            "nested objectives (an <objective> inside the <objective>) are not supported; only flat lists of issues can be imported",
        ));
    }
    Ok(())
}

fn at(file: &str, el: &Element, msg: impl Into<String>) -> FormatError {
    FormatError::at_line(file, el.line, el.column, msg)
}

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

fn num_attr(file: &str, el: &Element, key: &str, what: &str) -> Result<f64, FormatError> {
    let raw = el.attr(key).ok_or_else(|| {
        at(
            file,
            el,
            format!("{what}: the <{}> has no \"{key}\" attribute", el.name),
        )
    })?;
    parse_f64(raw).ok_or_else(|| {
        at(
            file,
            el,
            format!("{what}: \"{key}\" is \"{raw}\", which is not a finite number"),
        )
    })
}

fn int_attr(file: &str, el: &Element, key: &str, what: &str) -> Result<i64, FormatError> {
    let raw = el.attr(key).ok_or_else(|| {
        at(
            file,
            el,
            format!("{what}: the <{}> has no \"{key}\" attribute", el.name),
        )
    })?;
    raw.trim().parse::<i64>().map_err(|_| {
        at(
            file,
            el,
            format!("{what}: \"{key}\" is \"{raw}\", which is not a whole number"),
        )
    })
}

/// Bounds of an integer or real issue: attributes on the issue, or on a `<range>` child.
fn bounds_el(issue: &Element) -> &Element {
    if issue.attr("lowerbound").is_some() {
        issue
    } else {
        issue.child("range").unwrap_or(issue)
    }
}

/// The `lowerbound` and `upperbound` of a numeric issue (read by `read`: whole or real
/// numbers), refusing an upper bound below the lower one.
fn read_bounds<T: PartialOrd + std::fmt::Display>(
    file: &str,
    b: &Element,
    what: &str,
    read: fn(&str, &Element, &str, &str) -> Result<T, FormatError>,
) -> Result<(T, T), FormatError> {
    let lower = read(file, b, "lowerbound", what)?;
    let upper = read(file, b, "upperbound", what)?;
    if upper < lower {
        return Err(at(
            file,
            b,
            format!("{what}: upperbound {upper} is below lowerbound {lower}"),
        ));
    }
    Ok((lower, upper))
}

fn issue_kind_name(issue: &Element) -> String {
    let declared = issue
        .attr("vtype")
        .or_else(|| issue.attr("type"))
        .or_else(|| issue.attr("etype"));
    match declared {
        Some(t) => t.trim().to_ascii_lowercase(),
        None if issue.child("item").is_some() => "discrete".into(),
        None if bounds_el(issue).attr("lowerbound").is_some() => "integer".into(),
        None => String::new(),
    }
}

fn read_domain_issues(
    objective: &Element,
    file: &str,
    options: &ImportOptions,
) -> Result<Vec<DomainIssue>, FormatError> {
    let mut out: Vec<DomainIssue> = Vec::new();
    for issue in objective.children_named("issue") {
        let raw_name = issue
            .attr("name")
            .ok_or_else(|| at(file, issue, "an <issue> has no \"name\" attribute"))?
            .to_string();
        if out.iter().any(|d| d.raw_name == raw_name) {
            return Err(at(
                file,
                issue,
                format!("two issues are both named \"{raw_name}\""),
            ));
        }
        if out.len() >= super::MAX_ISSUES {
            return Err(at(
                file,
                issue,
                format!(
                    "more than {} issues; that many are not supported",
                    super::MAX_ISSUES
                ),
            ));
        }
        let what = format!("issue \"{raw_name}\"");
        let kind = match issue_kind_name(issue).as_str() {
            "discrete" => {
                let mut values: Vec<String> = Vec::new();
                for item in issue.children_named("item") {
                    let v = item.attr("value").ok_or_else(|| {
                        at(
                            file,
                            item,
                            format!("{what}: an <item> has no \"value\" attribute"),
                        )
                    })?;
                    if values.iter().any(|x| x == v) {
                        return Err(at(
                            file,
                            item,
                            format!("{what} lists the value \"{v}\" twice"),
                        ));
                    }
                    if values.len() >= MAX_OPTIONS_PER_ISSUE {
                        return Err(at(
                            file,
                            item,
                            format!("{what} has more than {MAX_OPTIONS_PER_ISSUE} values; at most {MAX_OPTIONS_PER_ISSUE} are supported"),
                        ));
                    }
                    values.push(v.to_string());
                }
                if values.is_empty() {
                    return Err(at(file, issue, format!("{what} has no <item> values")));
                }
                Kind::Discrete(values)
            }
            "integer" => {
                let b = bounds_el(issue);
                let (lower, upper) = read_bounds(file, b, &what, int_attr)?;
                let count = upper as i128 - lower as i128 + 1;
                if count > MAX_OPTIONS_PER_ISSUE as i128 {
                    return Err(at(
                        file,
                        b,
                        format!("{what} ranges over {count} whole numbers ({lower} to {upper}); each would become an option, and at most {MAX_OPTIONS_PER_ISSUE} are supported"),
                    ));
                }
                Kind::Integer { lower, upper }
            }
            "real" => {
                let (lower, upper) = read_bounds(file, bounds_el(issue), &what, num_attr)?;
                let Some(step) = options.real_step else {
                    return Err(at(
                        file,
                        issue,
                        format!("{what} is real-valued (from {lower} to {upper}); the planner needs a list of options, so choose a step to divide the range into options and import again"),
                    ));
                };
                Kind::Real {
                    values: discretise(lower, upper, step)
                        .map_err(|m| at(file, issue, format!("{what}: {m}")))?,
                }
            }
            other => {
                return Err(at(
                    file,
                    issue,
                    if other.is_empty() {
                        format!("{what} has no type and no items")
                    } else {
                        format!("{what} has type \"{other}\"; only discrete, integer and real issues are supported")
                    },
                ))
            }
        };
        out.push(DomainIssue { raw_name, kind });
    }
    if out.is_empty() {
        return Err(at(
            file,
            objective,
            "the <objective> contains no <issue> elements",
        ));
    }
    Ok(out)
}

/// Points `lower, lower+step, …` up to `upper` (with `upper` itself added when the step does
/// not land on it), refusing bad steps and more than [`MAX_OPTIONS_PER_ISSUE`] points.
fn discretise(lower: f64, upper: f64, step: f64) -> Result<Vec<f64>, String> {
    if !step.is_finite() || step <= 0.0 {
        return Err(format!("the step {step} must be a positive number"));
    }
    let span = upper - lower;
    let n = (span / step + 1e-9).floor();
    if !n.is_finite() || n + 1.0 > MAX_OPTIONS_PER_ISSUE as f64 {
        return Err(format!(
            "a step of {step} divides the range {lower} to {upper} into more than {MAX_OPTIONS_PER_ISSUE} options; choose a larger step"
        ));
    }
    let n = n as usize;
    let mut values: Vec<f64> = (0..=n).map(|k| lower + k as f64 * step).collect();
    if let Some(last) = values.last_mut() {
        if (upper - *last).abs() <= 1e-9 * span.abs().max(1.0) {
            *last = upper;
        } else if *last < upper {
            if values.len() >= MAX_OPTIONS_PER_ISSUE {
                return Err(format!(
                    "a step of {step} divides the range {lower} to {upper} into more than {MAX_OPTIONS_PER_ISSUE} options; choose a larger step"
                ));
            }
            values.push(upper);
        }
    }
    Ok(values)
}

fn real_label(x: f64) -> String {
    let rounded = (x * 1e10).round() / 1e10;
    if rounded.is_finite() && rounded.abs() < 1e15 {
        fmt_num(rounded)
    } else {
        fmt_num(x)
    }
}

fn option_labels(kind: &Kind) -> Vec<String> {
    match kind {
        Kind::Discrete(v) => v.clone(),
        Kind::Integer { lower, upper } => (*lower..=*upper).map(|x| x.to_string()).collect(),
        Kind::Real { values } => values.iter().map(|x| real_label(*x)).collect(),
    }
}
