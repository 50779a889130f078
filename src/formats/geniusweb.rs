//! GeniusWeb JSON: a domain (`{"name", "issuesValues"}`) plus one profile per party of type
//! `LinearAdditiveUtilitySpace`.
//!
//! Semantics (GeniusWeb `LinearAdditiveUtilitySpace`): utility of a bid is
//! `Σ_i issueWeights[i] · valueUtilities[i][value]`, with the weights and utilities used as
//! written. Both the current `DiscreteValueSetUtilities` and the older `discreteutils` spelling
//! are read. A `reservationBid` gives the reservation value as its utility (issues missing from
//! the bid contribute 0, as in GeniusWeb). Number-valued issues (`"range"` value sets) are
//! refused with a message; all published ANL domains are discrete.
//!
//! JSON objects are read in file order (a small order-preserving map, so no extra crate feature
//! is needed): issue order is the order of `issuesValues` in the domain file. Nesting is bounded
//! by `serde_json`'s recursion limit (128 levels), reported as a plain message.

use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::{
    check_domain_size, clean_name, decode_text, distinct_stems, fmt_num, to_planner_scale,
    unique_name, Export, ExportedFile, FormatError, ImportOptions, ImportedDomain, ImportedIssue,
    InputFile, RawParty, MAX_ISSUES, MAX_OPTIONS_PER_ISSUE,
};

/// A JSON object kept in file order, with duplicate keys preserved for checking.
#[derive(Debug, Clone)]
struct Ordered<V>(Vec<(String, V)>);

impl<V> Ordered<V> {
    fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn duplicate_key(&self) -> Option<&str> {
        let mut seen = HashSet::new();
        self.0
            .iter()
            .find(|(k, _)| !seen.insert(k.as_str()))
            .map(|(k, _)| k.as_str())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, V>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V2(std::marker::PhantomData))
    }
}

/// A discrete value: GeniusWeb writes strings; numbers are accepted and kept as written.
#[derive(Debug, Clone, PartialEq)]
struct Val(String);

impl<'de> Deserialize<'de> for Val {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct VV;
        impl Visitor<'_> for VV {
            type Value = Val;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value (a string or a number)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Val, E> {
                Ok(Val(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Val, E> {
                Ok(Val(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Val, E> {
                Ok(Val(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Val, E> {
                Ok(Val(v.to_string()))
            }
        }
        d.deserialize_any(VV)
    }
}

#[derive(Debug, Deserialize)]
struct GwDomain {
    name: String,
    #[serde(rename = "issuesValues")]
    issues_values: Ordered<GwValueSet>,
}

#[derive(Debug, Deserialize)]
struct GwValueSet {
    values: Option<Vec<Val>>,
    range: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
struct GwLinear {
    #[serde(rename = "issueUtilities")]
    issue_utilities: Ordered<Ordered<GwValueUtils>>,
    #[serde(rename = "issueWeights")]
    issue_weights: Ordered<f64>,
    domain: Option<GwDomain>,
    name: Option<String>,
    #[serde(rename = "reservationBid")]
    reservation_bid: Option<GwBid>,
}

#[derive(Debug, Deserialize)]
struct GwTop {
    #[serde(rename = "LinearAdditiveUtilitySpace")]
    las: GwLinear,
}

#[derive(Debug, Deserialize)]
struct GwValueUtils {
    #[serde(rename = "valueUtilities")]
    value_utilities: Option<Ordered<f64>>,
}

#[derive(Debug, Deserialize)]
struct GwBid {
    issuevalues: Ordered<Val>,
}

fn json_error(file: &str, what: &str, e: serde_json::Error) -> FormatError {
    use serde_json::error::Category;
    let raw = e.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    let msg = raw
        .rsplit_once(" at line ")
        .map(|(m, _)| m.to_string())
        .unwrap_or(raw);
    let message = match e.classify() {
        _ if msg.contains("recursion limit") => {
            "the JSON is nested too deeply (more than 128 levels)".to_string()
        }
        Category::Syntax => format!("this is not valid JSON ({msg})"),
        Category::Eof if e.line() <= 1 && e.column() == 0 => "the file is empty".to_string(),
        Category::Eof => format!("the JSON ends unexpectedly ({msg})"),
        Category::Data | Category::Io => {
            format!("the JSON does not have the shape of a GeniusWeb {what} ({msg})")
        }
    };
    if e.line() == 0 {
        FormatError::in_file(file, message)
    } else {
        FormatError::at_line(file, e.line(), e.column().max(1), message)
    }
}

fn parse_json<T: for<'de> Deserialize<'de>>(
    file: &InputFile<'_>,
    what: &str,
    warnings: &mut Vec<String>,
) -> Result<T, FormatError> {
    let text = decode_text(file, warnings)?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        return Err(FormatError::at_line(
            file.name,
            1,
            1,
            "this is XML (a GENIUS file?), not GeniusWeb JSON",
        ));
    }
    serde_json::from_str::<T>(&text).map_err(|e| json_error(file.name, what, e))
}

/// Imports a GeniusWeb domain and its `LinearAdditiveUtilitySpace` profiles (one party each,
/// in the given order). The party name is the profile's `name`, else its file name.
pub fn import(
    domain: InputFile<'_>,
    profiles: &[InputFile<'_>],
    _options: &ImportOptions,
) -> Result<ImportedDomain, FormatError> {
    let mut warnings = Vec::new();
    super::check_profile_count(&domain, profiles)?;
    let dom: GwDomain = parse_json(&domain, "domain", &mut warnings)?;
    let (raw_issues, issues) = read_domain(&dom, domain.name, &mut warnings)?;
    let name = clean_name(&dom.name, "Domain name", &mut warnings);

    let mut party_names = HashSet::new();
    let mut parties = Vec::with_capacity(profiles.len());
    for file in profiles {
        let mut raw = read_profile(file, &dom, &raw_issues, &mut warnings)?;
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

/// Raw issue names with raw value names, and the cleaned planner issues.
type RawIssues = Vec<(String, Vec<String>)>;

fn read_domain(
    dom: &GwDomain,
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<(RawIssues, Vec<ImportedIssue>), FormatError> {
    if let Some(k) = dom.issues_values.duplicate_key() {
        return Err(FormatError::at_path(
            file,
            format!("issuesValues.{k}"),
            format!("the issue \"{k}\" is defined twice"),
        ));
    }
    if dom.issues_values.0.len() > MAX_ISSUES {
        return Err(FormatError::at_path(
            file,
            "issuesValues",
            format!(
                "the domain has {} issues; at most {MAX_ISSUES} are supported",
                dom.issues_values.0.len()
            ),
        ));
    }
    let mut raw = Vec::new();
    let mut issues = Vec::new();
    let mut issue_names = HashSet::new();
    for (iname, set) in &dom.issues_values.0 {
        let path = format!("issuesValues.{iname}");
        let values = match (&set.values, &set.range) {
            (Some(v), _) => v,
            (None, Some(_)) => {
                return Err(FormatError::at_path(
                    file,
                    path,
                    format!("issue \"{iname}\" is number-valued (a \"range\"); only issues with a list of \"values\" are supported"),
                ))
            }
            (None, None) => {
                return Err(FormatError::at_path(
                    file,
                    path,
                    format!("issue \"{iname}\" has no \"values\" list"),
                ))
            }
        };
        if values.is_empty() {
            return Err(FormatError::at_path(
                file,
                format!("{path}.values"),
                format!("issue \"{iname}\" has no values"),
            ));
        }
        if values.len() > MAX_OPTIONS_PER_ISSUE {
            return Err(FormatError::at_path(
                file,
                format!("{path}.values"),
                format!(
                    "issue \"{iname}\" has {} values; at most {MAX_OPTIONS_PER_ISSUE} are supported",
                    values.len()
                ),
            ));
        }
        let mut seen = HashSet::new();
        for v in values {
            if !seen.insert(v.0.as_str()) {
                return Err(FormatError::at_path(
                    file,
                    format!("{path}.values"),
                    format!("issue \"{iname}\" lists the value \"{}\" twice", v.0),
                ));
            }
        }
        let name = clean_name(iname, "Issue name", warnings);
        let name = unique_name(name, &mut issue_names, "Issue name", warnings);
        let mut opts = HashSet::new();
        let what = format!("Option of issue \"{name}\"");
        let options = values
            .iter()
            .map(|v| {
                let l = clean_name(&v.0, &what, warnings);
                unique_name(l, &mut opts, &what, warnings)
            })
            .collect();
        raw.push((iname.clone(), values.iter().map(|v| v.0.clone()).collect()));
        issues.push(ImportedIssue { name, options });
    }
    check_domain_size(&issues, file)?;
    Ok((raw, issues))
}

/// The first difference between the domain a profile embeds and the domain file's issues
/// (in the domain file's order): where it is (`.issue` or `.issue.values`) and what it is,
/// in words that name the issue and the value.
fn domain_difference(pd: &GwDomain, raw_issues: &RawIssues) -> Option<(String, String)> {
    for (iname, vals) in raw_issues {
        let Some(set) = pd.issues_values.get(iname) else {
            return Some((
                String::new(),
                format!("its domain has no issue \"{iname}\", which the domain file defines"),
            ));
        };
        let Some(pv) = &set.values else {
            return Some((
                format!(".{iname}"),
                format!("its issue \"{iname}\" has no list of values"),
            ));
        };
        if let Some(v) = vals.iter().find(|v| !pv.iter().any(|x| &x.0 == *v)) {
            return Some((
                format!(".{iname}.values"),
                format!("its issue \"{iname}\" has no value \"{v}\", which the domain file lists"),
            ));
        }
        if let Some(x) = pv.iter().find(|x| !vals.contains(&x.0)) {
            return Some((
                format!(".{iname}.values"),
                format!(
                    "its issue \"{iname}\" has a value \"{}\" that the domain file does not list",
                    x.0
                ),
            ));
        }
        if pv.len() != vals.len() {
            return Some((
                format!(".{iname}.values"),
                format!("its issue \"{iname}\" lists a value twice"),
            ));
        }
    }
    pd.issues_values
        .0
        .iter()
        .find(|(iname, _)| !raw_issues.iter().any(|(n, _)| n == iname))
        .map(|(iname, _)| {
            (
                format!(".{iname}"),
                format!("its domain has an issue \"{iname}\" that the domain file does not define"),
            )
        })
}

fn read_profile(
    file: &InputFile<'_>,
    dom: &GwDomain,
    raw_issues: &RawIssues,
    warnings: &mut Vec<String>,
) -> Result<RawParty, FormatError> {
    let f = file.name;
    let top: Ordered<serde::de::IgnoredAny> = parse_json(file, "profile", warnings)?;
    let kind = match top.0.as_slice() {
        [(k, _)] => k.as_str(),
        [] => {
            return Err(FormatError::in_file(
                f,
                "the profile is an empty object; expected {\"LinearAdditiveUtilitySpace\": {…}}",
            ))
        }
        _ => {
            let keys: Vec<&str> = top.0.iter().map(|(k, _)| k.as_str()).take(5).collect();
            return Err(FormatError::in_file(
                f,
                format!(
                    "expected one profile type such as {{\"LinearAdditiveUtilitySpace\": {{…}}}}, found the keys {}",
                    keys.join(", ")
                ),
            ));
        }
    };
    if kind != "LinearAdditiveUtilitySpace" {
        return Err(FormatError::at_path(
            f,
            kind,
            format!("the profile type \"{kind}\" is not supported; only LinearAdditiveUtilitySpace profiles can be imported"),
        ));
    }
    // Second, typed pass over the same text so shape errors keep their line and column.
    let las: GwLinear =
        parse_json::<GwTop>(file, "LinearAdditiveUtilitySpace profile", &mut Vec::new())?.las;

    if let Some(pd) = &las.domain {
        if let Some((path, what)) = domain_difference(pd, raw_issues) {
            return Err(FormatError::at_path(
                f,
                format!("{kind}.domain.issuesValues{path}"),
                format!(
                    "the profile does not fit the domain file (\"{}\"): {what}",
                    dom.name
                ),
            ));
        }
    }

    let utils = &las.issue_utilities;
    for (iname, _) in &utils.0 {
        if !raw_issues.iter().any(|(n, _)| n == iname) {
            return Err(FormatError::at_path(
                f,
                format!("issueUtilities.{iname}"),
                format!("the profile gives utilities for an issue \"{iname}\" that the domain does not define"),
            ));
        }
    }
    for (iname, _) in &las.issue_weights.0 {
        if !raw_issues.iter().any(|(n, _)| n == iname) {
            return Err(FormatError::at_path(
                f,
                format!("issueWeights.{iname}"),
                format!("the profile gives a weight for an issue \"{iname}\" that the domain does not define"),
            ));
        }
    }
    if let Some(k) = utils.duplicate_key() {
        return Err(FormatError::at_path(
            f,
            format!("issueUtilities.{k}"),
            format!("issue \"{k}\" is given twice"),
        ));
    }
    if let Some(k) = las.issue_weights.duplicate_key() {
        return Err(FormatError::at_path(
            f,
            format!("issueWeights.{k}"),
            format!("issue \"{k}\" is given twice"),
        ));
    }

    let mut weights = Vec::with_capacity(raw_issues.len());
    let mut scores = Vec::with_capacity(raw_issues.len());
    for (iname, values) in raw_issues {
        let wpath = format!("issueWeights.{iname}");
        let w = *las.issue_weights.get(iname).ok_or_else(|| {
            FormatError::at_path(
                f,
                &wpath,
                format!("no weight is given for issue \"{iname}\""),
            )
        })?;
        if !w.is_finite() || !(0.0..=1.0 + 1e-9).contains(&w) {
            return Err(FormatError::at_path(
                f,
                wpath,
                format!("the weight of issue \"{iname}\" is {w}; weights must be between 0 and 1"),
            ));
        }
        // Tolerate rounding noise just above 1 (a weight written as 1.0000000000000002).
        weights.push(w.min(1.0));
        let upath = format!("issueUtilities.{iname}");
        let holder = utils.get(iname).ok_or_else(|| {
            FormatError::at_path(
                f,
                &upath,
                format!("no utilities are given for issue \"{iname}\""),
            )
        })?;
        let (ukind, vu) = match holder.0.as_slice() {
            [(k, v)] => (k.as_str(), v),
            _ => {
                return Err(FormatError::at_path(
                    f,
                    &upath,
                    format!("expected {{\"DiscreteValueSetUtilities\": {{\"valueUtilities\": {{…}}}}}} for issue \"{iname}\""),
                ))
            }
        };
        if ukind != "DiscreteValueSetUtilities" && ukind != "discreteutils" {
            return Err(FormatError::at_path(
                f,
                format!("{upath}.{ukind}"),
                format!("the utility type \"{ukind}\" is not supported; only DiscreteValueSetUtilities (or discreteutils) can be imported"),
            ));
        }
        let vpath = format!("{upath}.{ukind}.valueUtilities");
        let vu = vu.value_utilities.as_ref().ok_or_else(|| {
            FormatError::at_path(
                f,
                &vpath,
                format!("no valueUtilities for issue \"{iname}\""),
            )
        })?;
        if let Some(k) = vu.duplicate_key() {
            return Err(FormatError::at_path(
                f,
                format!("{vpath}.{k}"),
                format!("value \"{k}\" is given twice"),
            ));
        }
        for (v, _) in &vu.0 {
            if !values.contains(v) {
                return Err(FormatError::at_path(
                    f,
                    format!("{vpath}.{v}"),
                    format!("issue \"{iname}\" has no value \"{v}\" in the domain"),
                ));
            }
        }
        let mut row = Vec::with_capacity(values.len());
        for v in values {
            let u = *vu.get(v).ok_or_else(|| {
                FormatError::at_path(
                    f,
                    &vpath,
                    format!("no utility is given for value \"{v}\" of issue \"{iname}\""),
                )
            })?;
            if !u.is_finite() || !(0.0..=1.0 + 1e-9).contains(&u) {
                return Err(FormatError::at_path(
                    f,
                    format!("{vpath}.{v}"),
                    format!("the utility of value \"{v}\" of issue \"{iname}\" is {u}; utilities must be between 0 and 1"),
                ));
            }
            row.push(u.min(1.0));
        }
        scores.push(row);
    }

    let reservation = match &las.reservation_bid {
        None => 0.0,
        Some(bid) => {
            let mut total = 0.0;
            let mut missing = Vec::new();
            for (k, v) in &bid.issuevalues.0 {
                let Some(i) = raw_issues.iter().position(|(n, _)| n == k) else {
                    return Err(FormatError::at_path(
                        f,
                        format!("reservationBid.issuevalues.{k}"),
                        format!("the reservation bid names an issue \"{k}\" that the domain does not define"),
                    ));
                };
                let Some(o) = raw_issues[i].1.iter().position(|x| *x == v.0) else {
                    return Err(FormatError::at_path(
                        f,
                        format!("reservationBid.issuevalues.{k}"),
                        format!("the reservation bid gives issue \"{k}\" the value \"{}\", which the domain does not define", v.0),
                    ));
                };
                total += weights[i] * scores[i][o];
            }
            for (n, _) in raw_issues {
                if bid.issuevalues.get(n).is_none() {
                    missing.push(n.as_str());
                }
            }
            if !missing.is_empty() {
                warnings.push(format!(
                    "{f}: the reservation bid gives no value for {}; those issues count 0 towards the reservation value, as in GeniusWeb",
                    missing.join(", ")
                ));
            }
            total
        }
    };

    let name = las
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| {
            let base = f.rsplit(['/', '\\']).next().unwrap_or(f);
            base.rsplit_once('.')
                .map(|(s, _)| s)
                .unwrap_or(base)
                .to_string()
        });
    Ok(RawParty {
        name,
        weights,
        scores,
        reservation,
    })
}

/// Writes a JSON string literal (serde_json's escaping, which always succeeds for `&str`).
fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Exports a plan to GeniusWeb JSON: `<stem>.json` (the domain) followed by one
/// `<stem>_<party>.json` `LinearAdditiveUtilitySpace` profile per party.
///
/// Weights are written as `w_i/100` and utilities as `r/100`, so GeniusWeb computes exactly the
/// planner's `U(x)/100` and [`import`] gives back the same weights, ratings and utilities.
/// GeniusWeb has no reservation *value*, only a reservation *bid*: the exporter writes the bid
/// whose utility is the largest not above the reservation value (searching all packages when
/// there are at most 200 000, otherwise the worst bid) and warns when that utility differs from
/// the reservation value.
pub fn export(domain: &ImportedDomain) -> Result<Export, FormatError> {
    domain.validate()?;
    let dstem = super::file_stem(&domain.name, "domain");
    let party_names: Vec<String> = domain
        .parties
        .iter()
        .map(|p| format!("{dstem}_{}", p.name))
        .collect();
    let stems = distinct_stems(&party_names, "party", std::slice::from_ref(&dstem));
    let mut warnings = Vec::new();

    let mut issues_values = String::new();
    for (i, issue) in domain.issues.iter().enumerate() {
        let vals: Vec<String> = issue.options.iter().map(|o| js(o)).collect();
        issues_values.push_str(&format!(
            "{}    {}: {{ \"values\": [{}] }}",
            if i == 0 { "" } else { ",\n" },
            js(&issue.name),
            vals.join(", ")
        ));
    }
    let domain_json = format!(
        "{{\n  \"name\": {},\n  \"issuesValues\": {{\n{}\n  }}\n}}\n",
        js(&domain.name),
        issues_values
    );
    let mut files = vec![ExportedFile {
        name: format!("{dstem}.json"),
        contents: domain_json,
    }];

    for (pi, (party, stem)) in domain.parties.iter().zip(&stems).enumerate() {
        let mut iu = String::new();
        let mut iw = String::new();
        for (i, issue) in domain.issues.iter().enumerate() {
            let vu: Vec<String> = issue
                .options
                .iter()
                .zip(&party.ratings[i])
                .map(|(o, r)| format!("{}: {}", js(o), fmt_num((r / 100.0).clamp(0.0, 1.0))))
                .collect();
            iu.push_str(&format!(
                "{}      {}: {{ \"DiscreteValueSetUtilities\": {{ \"valueUtilities\": {{ {} }} }} }}",
                if i == 0 { "" } else { ",\n" },
                js(&issue.name),
                vu.join(", ")
            ));
            iw.push_str(&format!(
                "{}      {}: {}",
                if i == 0 { "" } else { ",\n" },
                js(&issue.name),
                fmt_num((party.weights[i] / 100.0).clamp(0.0, 1.0))
            ));
        }
        let bid = reservation_bid(domain, pi);
        let achieved = domain.utility(pi, &bid).unwrap_or(0.0);
        if (achieved - party.reservation).abs() > 1e-9 {
            warnings.push(format!(
                "GeniusWeb stores a reservation bid, not a value: party \"{}\" has reservation value {}, and the closest bid not above it is worth {}",
                party.name,
                fmt_num(party.reservation),
                fmt_num(achieved)
            ));
        }
        let bidv: Vec<String> = domain
            .issues
            .iter()
            .zip(&bid)
            .map(|(issue, &o)| format!("{}: {}", js(&issue.name), js(&issue.options[o])))
            .collect();
        let profile = format!(
            "{{\n  \"LinearAdditiveUtilitySpace\": {{\n    \"name\": {},\n    \"issueUtilities\": {{\n{}\n    }},\n    \"issueWeights\": {{\n{}\n    }},\n    \"domain\": {},\n    \"reservationBid\": {{ \"issuevalues\": {{ {} }} }}\n  }}\n}}\n",
            js(&party.name),
            iu,
            iw,
            files[0].contents.trim_end().replace('\n', "\n    "),
            bidv.join(", ")
        );
        files.push(ExportedFile {
            name: format!("{stem}.json"),
            contents: profile,
        });
    }
    Ok(Export { files, warnings })
}

/// The bid with the largest utility not above the party's reservation value (ties: first
/// found), searching exhaustively up to 200 000 packages; otherwise the bid taking each issue's
/// worst option, which is the lowest-utility bid and so never above a reachable reservation.
fn reservation_bid(domain: &ImportedDomain, party: usize) -> Vec<usize> {
    let p = &domain.parties[party];
    let worst: Vec<usize> = p
        .ratings
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .fold((0usize, f64::INFINITY), |(bi, bv), (i, &v)| {
                    if v < bv {
                        (i, v)
                    } else {
                        (bi, bv)
                    }
                })
                .0
        })
        .collect();
    if domain.package_count() > 200_000 {
        return worst;
    }
    let target = p.reservation + 1e-9;
    let mut best = worst.clone();
    let mut best_u = domain.utility(party, &best).unwrap_or(0.0);
    let mut choice = vec![0usize; domain.issues.len()];
    loop {
        if let Some(u) = domain.utility(party, &choice) {
            if u <= target && u > best_u {
                best_u = u;
                best.clone_from(&choice);
            }
        }
        // Next package (odometer).
        let mut i = 0;
        loop {
            if i == choice.len() {
                return best;
            }
            choice[i] += 1;
            if choice[i] < domain.issues[i].options.len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}
