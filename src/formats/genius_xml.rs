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

use std::collections::{HashMap, HashSet};

use super::xml::{self, Element};
use super::{
    check_domain_size, clean_name, decode_text, distinct_stems, fmt_num, to_planner_scale,
    unique_name, Export, ExportedFile, FormatError, ImportOptions, ImportedDomain, ImportedIssue,
    InputFile, RawParty, MAX_OPTIONS_PER_ISSUE,
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
                let lower = int_attr(file, b, "lowerbound", &what)?;
                let upper = int_attr(file, b, "upperbound", &what)?;
                if upper < lower {
                    return Err(at(
                        file,
                        b,
                        format!("{what}: upperbound {upper} is below lowerbound {lower}"),
                    ));
                }
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
                let b = bounds_el(issue);
                let lower = num_attr(file, b, "lowerbound", &what)?;
                let upper = num_attr(file, b, "upperbound", &what)?;
                if upper < lower {
                    return Err(at(
                        file,
                        b,
                        format!("{what}: upperbound {upper} is below lowerbound {lower}"),
                    ));
                }
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

fn read_profile(
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
                integer_scores(fname, pi, &what, *lower, *upper, warnings)?
            }
            Kind::Real { values } => real_scores(fname, pi, &what, values)?,
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

fn integer_scores(
    fname: &str,
    pi: &Element,
    what: &str,
    lower: i64,
    upper: i64,
    warnings: &mut Vec<String>,
) -> Result<Vec<f64>, FormatError> {
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
    let (slope, offset) = match pi.child("evaluator") {
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
    Ok((lower..=upper)
        .map(|x| {
            let s = slope * (x as f64 - plower as f64) + offset;
            if s.is_nan() {
                0.0
            } else {
                s.clamp(0.0, 1.0)
            }
        })
        .collect())
}

fn real_scores(
    fname: &str,
    pi: &Element,
    what: &str,
    values: &[f64],
) -> Result<Vec<f64>, FormatError> {
    let ev = pi
        .child("evaluator")
        .ok_or_else(|| at(fname, pi, format!("{what} has no <evaluator>")))?;
    let ftype = ev
        .attr("ftype")
        .unwrap_or("linear")
        .trim()
        .to_ascii_lowercase();
    let f: Box<dyn Fn(f64) -> f64> = match ftype.as_str() {
        "linear" => {
            let offset = num_attr(fname, ev, "parameter0", what)?;
            let slope = num_attr(fname, ev, "parameter1", what)?;
            Box::new(move |x| slope * x + offset)
        }
        "constant" => {
            let c = num_attr(fname, ev, "parameter0", what)?;
            Box::new(move |_| c)
        }
        other => {
            return Err(at(
                fname,
                ev,
                format!("{what} uses the evaluation function \"{other}\"; only linear and constant are supported"),
            ))
        }
    };
    Ok(values
        .iter()
        .map(|&x| {
            let s = f(x);
            if s.is_nan() {
                0.0
            } else {
                s.clamp(0.0, 1.0)
            }
        })
        .collect())
}

/// Escapes text for a double-quoted attribute; line breaks and tabs become character
/// references so they survive attribute-value normalisation.
fn esc(s: &str) -> String {
    super::xml::escape(s, super::xml::Breaks::Keep)
}

/// Exports a plan to GENIUS XML: a negotiation template (`<stem>_domain.xml`, whose `<agent>`
/// entries name each party and its file) followed by one `<stem>_<party>.xml` utility space per
/// party.
///
/// Exactness: GENIUS divides each discrete evaluation by the issue's largest one, so an issue
/// whose best rating `m_i` is below 100 is written with weight `w_i·m_i/10⁴` and evaluations equal
/// to the ratings. GENIUS then computes `Σ_i (w_i·m_i/10⁴)·(r_i/m_i) = U(x)/100` for every package —
/// the planner's utility exactly — and the weights sum to at most 1, so [`import`] maps them back
/// to the same utilities (the stored weights and ratings may differ from the plan's when some
/// `m_i < 100`, their products do not). The reservation value is written as `reservation/100`.
pub fn export(domain: &ImportedDomain) -> Result<Export, FormatError> {
    domain.validate()?;
    let dstem = super::file_stem(&domain.name, "domain");
    let domain_file = format!("{dstem}_domain.xml");
    let party_names: Vec<String> = domain.parties.iter().map(|p| p.name.clone()).collect();
    let stems = distinct_stems(&party_names, "party", &[format!("{dstem}_domain")]);
    let profile_files: Vec<String> = stems.iter().map(|s| format!("{s}.xml")).collect();

    let mut d = String::new();
    d.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    d.push_str("<negotiation_template number_of_sessions=\"1\">\n");
    for (p, f) in domain.parties.iter().zip(&profile_files) {
        d.push_str(&format!(
            "  <agent name=\"{}\" utility_space=\"{}\" class=\"\"/>\n",
            esc(&p.name),
            esc(f)
        ));
    }
    d.push_str(&format!(
        "  <utility_space number_of_issues=\"{}\">\n",
        domain.issues.len()
    ));
    d.push_str(&format!(
        "    <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"{}\">\n",
        esc(&domain.name)
    ));
    for (i, issue) in domain.issues.iter().enumerate() {
        d.push_str(&format!(
            "      <issue index=\"{}\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\" name=\"{}\">\n",
            i + 1,
            esc(&issue.name)
        ));
        for (o, opt) in issue.options.iter().enumerate() {
            d.push_str(&format!(
                "        <item index=\"{}\" value=\"{}\"/>\n",
                o + 1,
                esc(opt)
            ));
        }
        d.push_str("      </issue>\n");
    }
    d.push_str("    </objective>\n  </utility_space>\n</negotiation_template>\n");

    let mut files = vec![ExportedFile {
        name: domain_file,
        contents: d,
    }];
    for (party, fname) in domain.parties.iter().zip(profile_files) {
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str(&format!(
            "<utility_space number_of_issues=\"{}\">\n",
            domain.issues.len()
        ));
        s.push_str(&format!(
            "  <reservation value=\"{}\"/>\n",
            fmt_num((party.reservation / 100.0).clamp(0.0, 1.0))
        ));
        s.push_str(&format!(
            "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"{}\">\n",
            esc(&domain.name)
        ));
        let mut weights = Vec::with_capacity(domain.issues.len());
        for (i, issue) in domain.issues.iter().enumerate() {
            let row = &party.ratings[i];
            let m = row.iter().copied().fold(0.0f64, f64::max);
            // Scale evaluations so GENIUS's "largest evaluation below 1e-5 means all zero" rule
            // never triggers for a tiny but positive best rating.
            let (scale, weight) = if m > 0.0 {
                (
                    if m < 1e-3 { 1.0 / m } else { 1.0 },
                    party.weights[i] * m / 10_000.0,
                )
            } else {
                (1.0, party.weights[i] / 100.0)
            };
            weights.push(weight);
            s.push_str(&format!(
                "    <issue index=\"{}\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\" name=\"{}\">\n",
                i + 1,
                esc(&issue.name)
            ));
            for (o, opt) in issue.options.iter().enumerate() {
                s.push_str(&format!(
                    "      <item index=\"{}\" value=\"{}\" evaluation=\"{}\"/>\n",
                    o + 1,
                    esc(opt),
                    fmt_num(row[o] * scale)
                ));
            }
            s.push_str("    </issue>\n");
        }
        for (i, w) in weights.iter().enumerate() {
            s.push_str(&format!(
                "    <weight index=\"{}\" value=\"{}\"/>\n",
                i + 1,
                fmt_num(*w)
            ));
        }
        s.push_str("  </objective>\n</utility_space>\n");
        files.push(ExportedFile {
            name: fname,
            contents: s,
        });
    }
    Ok(Export {
        files,
        warnings: Vec::new(),
    })
}
