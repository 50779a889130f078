//! Readers and writers for the automated-negotiation research formats.
//!
//! Two families are supported, both describing a domain of issues with options and, per party, a
//! linear additive utility function (see `shared/docs/method.md`, "Interop: the research formats"):
//!
//! * [`genius_xml`]: GENIUS XML (a domain / negotiation template file plus one `utility_space`
//!   file per party).
//! * [`geniusweb`]: GeniusWeb JSON (a domain plus one `LinearAdditiveUtilitySpace` profile per
//!   party).
//!
//! Both import into (and export from) [`ImportedDomain`], an app-independent exchange type on the
//! planner's 0–100 scale. The app converts it into its plan model; keeping this module free of
//! any UI or plan types lets it compile natively (for tests) and to wasm32 unchanged.
//!
//! # How file utilities map to the planner (the weight-normalisation guarantee)
//!
//! A file gives, per party, weights `W_i` (as written, sum `S`) and per-option scores
//! `s_i(o) ∈ [0, 1]` (GENIUS: evaluation / largest evaluation of the issue, or the clamped linear
//! function of integer and real issues; GeniusWeb: the value utility as written). The file's own
//! utility of a package `x` is `F(x) = min(1, Σ W_i·s_i(x_i))` for GENIUS and `Σ W_i·s_i(x_i)`
//! for GeniusWeb. The planner needs weights summing to 100, so the importer writes
//! `w_i = 100·W_i/S` and:
//!
//! * when `S ≤ 1`: ratings `r_i(o) = 100·S·s_i(o)` and reservation `100·rv`. Then for every
//!   package the planner value `U(x) = Σ w_i·r_i/100 = 100·F(x)` **exactly** (up to
//!   floating-point rounding, < 1e-9 on the 0–100 scale). When `S < 1` the best option of an issue
//!   is rated `100·S`, not 100, and no package reaches 100 — exactly as in the file.
//! * when `S > 1` (e.g. 1.0000518 in the ANAC 2011 Laptop profiles): ratings `r_i(o) = 100·s_i(o)`,
//!   so `U(x) = 100·R(x)/S` with `R(x) = Σ W_i·s_i(x_i)` the unclipped sum, and the reservation
//!   value is rescaled the same way, `100·rv/S`. Every utility is multiplied by `1/S`; whether a
//!   package beats the reservation value is unchanged, and the order of packages is unchanged
//!   except that GENIUS ties every package with `R(x) ≥ 1` at utility 1 while the planner keeps
//!   them apart. A warning names the party and `S` whenever `S − 1 > 1e-9` (smaller excesses are
//!   decimal rounding of weights such as 0.457 + 0.076 + …).
//!
//! Writers invert this exactly: see [`genius_xml::export`] and [`geniusweb::export`].

pub mod brief;
pub mod chart_path;
pub mod chart_svg;
pub mod csv;
pub mod detect;
pub mod frontier_csv;
pub mod genius_xml;
pub mod geniusweb;
pub mod markdown;
pub mod plan_domain;
pub mod share;
pub mod strategy_md;
pub mod xml;

use std::fmt;

/// Largest input file accepted, in bytes. Real GENIUS/GeniusWeb files are a few kilobytes; the
/// limit keeps a mistaken or hostile drop (tens of megabytes) from freezing the browser tab.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;
/// Longest issue, option, party or domain name kept, in characters; longer names are cut with a
/// warning so a hostile file cannot blow up the UI layout or the share link.
pub const MAX_NAME_CHARS: usize = 200;
/// Most options one issue may have after import (integer ranges and discretised real ranges
/// included). The planner's tables and analysis are built for human-sized option lists.
/// The same limits hold for every way a plan arrives (`model::limits`).
pub const MAX_OPTIONS_PER_ISSUE: usize = crate::model::limits::MAX_OPTIONS_PER_ISSUE;
/// Most issues a domain may have.
pub const MAX_ISSUES: usize = crate::model::limits::MAX_ISSUES;
/// Most parties (profiles) one import may have.
pub const MAX_PARTIES: usize = crate::model::limits::MAX_PARTIES;

/// Tolerance used when checking that planner weights sum to 100 (on the 0–100 scale).
pub const WEIGHT_SUM_TOLERANCE: f64 = 1e-6;

/// Options chosen by the user for an import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// Step used to discretise real-valued (continuous) issues, in the issue's own unit. `None`
    /// refuses such issues with a message asking for a step, because the planner only handles
    /// finite option lists.
    pub real_step: Option<f64>,
}

/// One issue: a name and its option labels, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedIssue {
    /// Issue name (plain text; the UI escapes it).
    pub name: String,
    /// Option labels (plain text), unique within the issue.
    pub options: Vec<String>,
}

/// One party's preferences on the planner's 0–100 scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedParty {
    /// Party name (plain text).
    pub name: String,
    /// One weight per issue, each ≥ 0, summing to 100.
    pub weights: Vec<f64>,
    /// `ratings[i][o]`: rating of option `o` of issue `i`, in [0, 100].
    pub ratings: Vec<Vec<f64>>,
    /// Reservation value in [0, 100].
    pub reservation: f64,
}

/// A domain with its parties: the result of an import and the input of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedDomain {
    /// Domain name.
    pub name: String,
    /// Issues in file order.
    pub issues: Vec<ImportedIssue>,
    /// Parties in the order their files were given.
    pub parties: Vec<ImportedParty>,
    /// Plain-language notes about anything adjusted or ignored during import.
    pub warnings: Vec<String>,
}

impl ImportedDomain {
    /// Number of packages (one option per issue), saturating at `u128::MAX`.
    pub fn package_count(&self) -> u128 {
        self.issues
            .iter()
            .fold(1u128, |acc, i| acc.saturating_mul(i.options.len() as u128))
    }

    /// Value of a package for a party on the 0–100 scale: `Σ_i w_i·r_i[choice_i]/100`.
    /// Returns `None` if the party or a choice is out of range.
    pub fn utility(&self, party: usize, choice: &[usize]) -> Option<f64> {
        let p = self.parties.get(party)?;
        if choice.len() != self.issues.len() {
            return None;
        }
        let mut total = 0.0;
        for (i, &c) in choice.iter().enumerate() {
            let w = *p.weights.get(i)?;
            let r = *p.ratings.get(i)?.get(c)?;
            total += w * r / 100.0;
        }
        Some(total)
    }

    /// Checks the invariants the writers (and the planner) rely on: at least one issue, every
    /// issue with at least one option, unique issue names and unique option labels per issue,
    /// weights finite and ≥ 0 summing to 100, ratings and reservation finite in [0, 100].
    pub fn validate(&self) -> Result<(), FormatError> {
        let err = |path: String, msg: String| Err(FormatError::at_path("plan", path, msg));
        if self.issues.is_empty() {
            return err("issues".into(), "the domain has no issues".into());
        }
        let mut seen = std::collections::HashSet::new();
        for (i, issue) in self.issues.iter().enumerate() {
            if !seen.insert(issue.name.as_str()) {
                return err(
                    format!("issues[{i}]"),
                    format!("two issues are both named \"{}\"", issue.name),
                );
            }
            if issue.options.is_empty() {
                return err(
                    format!("issues[{i}]"),
                    format!("issue \"{}\" has no options", issue.name),
                );
            }
            let mut opts = std::collections::HashSet::new();
            for o in &issue.options {
                if !opts.insert(o.as_str()) {
                    return err(
                        format!("issues[{i}].options"),
                        format!("issue \"{}\" lists option \"{o}\" twice", issue.name),
                    );
                }
            }
        }
        let mut names = std::collections::HashSet::new();
        for (p, party) in self.parties.iter().enumerate() {
            let at = |s: &str| format!("parties[{p}].{s}");
            if !names.insert(party.name.as_str()) {
                return err(
                    at("name"),
                    format!("two parties are both named \"{}\"", party.name),
                );
            }
            if party.weights.len() != self.issues.len() || party.ratings.len() != self.issues.len()
            {
                return err(
                    at("weights"),
                    format!(
                        "party \"{}\" has {} weights and {} rating lists for {} issues",
                        party.name,
                        party.weights.len(),
                        party.ratings.len(),
                        self.issues.len()
                    ),
                );
            }
            let mut sum = 0.0;
            for (i, w) in party.weights.iter().enumerate() {
                if !w.is_finite() || *w < 0.0 {
                    return err(
                        format!("parties[{p}].weights[{i}]"),
                        format!("party \"{}\" has weight {w} (must be ≥ 0)", party.name),
                    );
                }
                sum += w;
            }
            if (sum - 100.0).abs() > WEIGHT_SUM_TOLERANCE {
                return err(
                    at("weights"),
                    format!(
                        "party \"{}\" has weights summing to {sum}, not 100",
                        party.name
                    ),
                );
            }
            for (i, row) in party.ratings.iter().enumerate() {
                if row.len() != self.issues[i].options.len() {
                    return err(
                        format!("parties[{p}].ratings[{i}]"),
                        format!(
                            "party \"{}\" has {} ratings for the {} options of issue \"{}\"",
                            party.name,
                            row.len(),
                            self.issues[i].options.len(),
                            self.issues[i].name
                        ),
                    );
                }
                for (o, r) in row.iter().enumerate() {
                    if !r.is_finite() || *r < 0.0 || *r > 100.0 {
                        return err(
                            format!("parties[{p}].ratings[{i}][{o}]"),
                            format!(
                                "party \"{}\" rates option \"{}\" of issue \"{}\" {r} (must be 0–100)",
                                party.name, self.issues[i].options[o], self.issues[i].name
                            ),
                        );
                    }
                }
            }
            if !party.reservation.is_finite() || !(0.0..=100.0).contains(&party.reservation) {
                return err(
                    at("reservation"),
                    format!(
                        "party \"{}\" has reservation value {} (must be 0–100)",
                        party.name, party.reservation
                    ),
                );
            }
        }
        Ok(())
    }
}

/// One input file: its name (used in messages and to pair GENIUS agents with their files) and
/// its raw bytes, exactly as read from disk or from a browser `File`.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    /// File name as the user sees it, e.g. `laptop_buyer_utility.xml`.
    pub name: &'a str,
    /// Raw contents.
    pub bytes: &'a [u8],
}

impl<'a> InputFile<'a> {
    /// Convenience constructor.
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Self {
        InputFile { name, bytes }
    }
}

/// One output file of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedFile {
    /// Suggested file name (ASCII letters, digits, `_`, `-`, `.`).
    pub name: String,
    /// Contents (UTF-8).
    pub contents: String,
}

/// The files of an export: the domain first, then one profile per party in party order, plus
/// notes on anything the target format cannot express exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// Domain file followed by one profile file per party.
    pub files: Vec<ExportedFile>,
    /// Plain-language notes (empty when the export is exact).
    pub warnings: Vec<String>,
}

/// The single error type of this module: a plain-language message naming what is wrong and
/// where (file, line/column when known, or a field path such as
/// `issueUtilities.Food.valueUtilities`). Its `Display` is meant to be shown to users as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// File the problem is in (or `plan` for an export of an invalid plan).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Field path inside the file, when known.
    pub path: Option<String>,
    /// What is wrong, in plain language.
    pub message: String,
}

impl FormatError {
    /// An error about a whole file.
    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        FormatError {
            file: tidy(file, 120),
            line: None,
            column: None,
            path: None,
            message: tidy(&message.into(), 600),
        }
    }

    /// An error at a line and column of a file.
    pub fn at_line(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        FormatError {
            line: Some(line),
            column: Some(column),
            ..FormatError::in_file(file, message)
        }
    }

    /// An error at a field path of a file.
    pub fn at_path(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        FormatError {
            path: Some(tidy(&path.into(), 300)),
            ..FormatError::in_file(file, message)
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
            if let Some(col) = self.column {
                write!(f, ", column {col}")?;
            }
        }
        if let Some(path) = &self.path {
            write!(f, ", at {path}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FormatError {}

/// Keeps messages readable whatever the input: names quoted from a hostile file may carry
/// control characters or be megabytes long, so control characters become spaces and the text is
/// cut at `max` characters.
/// Text between double quotes (a quoted name) is also cut at 80 characters, so the rest of the
/// message stays visible.
pub(crate) fn tidy(text: &str, max: usize) -> String {
    const MAX_QUOTED: usize = 80;
    let mut out = String::new();
    let mut count = 0usize;
    let mut in_quote = false;
    let mut quoted = 0usize;
    for c in text.chars() {
        if c == '"' {
            in_quote = !in_quote;
            quoted = 0;
        } else if in_quote {
            quoted += 1;
            if quoted > MAX_QUOTED {
                if quoted == MAX_QUOTED + 1 {
                    out.push('…');
                    count += 1;
                }
                continue;
            }
        }
        if count >= max {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
        count += 1;
    }
    out
}

/// Decodes file bytes to text. UTF-8 (with or without a byte-order mark) is the norm; older
/// GENIUS files written on Windows can be Latin-1, so invalid UTF-8 falls back to Latin-1 (every
/// byte is a valid Latin-1 character) with a warning, rather than refusing a usable file.
pub(crate) fn decode_text(
    file: &InputFile<'_>,
    warnings: &mut Vec<String>,
) -> Result<String, FormatError> {
    if file.bytes.len() > MAX_INPUT_BYTES {
        return Err(FormatError::in_file(
            file.name,
            format!(
                "the file is {:.1} MB; files larger than {} MB are not accepted (real GENIUS and GeniusWeb files are a few kilobytes)",
                file.bytes.len() as f64 / (1024.0 * 1024.0),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = file
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(file.bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(FormatError::in_file(
            file.name,
            "the file is encoded as UTF-16; save it as UTF-8 and import it again",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            warnings.push(format!(
                "{}: the file is not valid UTF-8; it was read as Latin-1 (ISO-8859-1)",
                file.name
            ));
            Ok(bytes.iter().map(|&b| b as char).collect())
        }
    }
}

/// Turns a name taken from a file into safe plain text: control characters are dropped (line
/// breaks and tabs become spaces), surrounding whitespace is trimmed and the length is capped at
/// [`MAX_NAME_CHARS`]. Markup such as `<script>` is kept verbatim — it is data, and the UI
/// escapes it when rendering. Adds a warning when the name had to change (other than trimming).
pub(crate) fn clean_name(raw: &str, what: &str, warnings: &mut Vec<String>) -> String {
    let mut changed = false;
    let mut out = String::with_capacity(raw.len().min(MAX_NAME_CHARS * 4));
    for c in raw.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
        } else if c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        {
            changed = true;
        } else {
            out.push(c);
        }
    }
    let trimmed = out.trim();
    let mut result: String = trimmed.chars().take(MAX_NAME_CHARS).collect();
    if trimmed.chars().count() > MAX_NAME_CHARS {
        result = result.trim_end().to_string();
        warnings.push(format!(
            "{what} \"{}…\" is longer than {MAX_NAME_CHARS} characters and was shortened",
            result.chars().take(40).collect::<String>()
        ));
    } else if changed {
        warnings.push(format!(
            "{what} \"{result}\" contained invisible control characters, which were removed"
        ));
    }
    result
}

/// Makes `name` unique among `taken` by appending " (2)", " (3)", … — needed when cleaning or
/// cutting names makes two of them equal, since the planner matches options and issues by name.
pub(crate) fn unique_name(
    name: String,
    taken: &mut std::collections::HashSet<String>,
    what: &str,
    warnings: &mut Vec<String>,
) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    let mut n = 2usize;
    loop {
        let candidate = format!("{name} ({n})");
        if taken.insert(candidate.clone()) {
            warnings.push(format!(
                "{what} \"{name}\" appears more than once; this one was renamed \"{candidate}\""
            ));
            return candidate;
        }
        n += 1;
    }
}

/// Most warnings returned by one import; the rest are summarised in a final line.
pub const MAX_WARNINGS: usize = 50;

/// Makes warnings presentable: each tidied like error messages, at most [`MAX_WARNINGS`].
pub(crate) fn finish_warnings(warnings: Vec<String>) -> Vec<String> {
    let total = warnings.len();
    let mut out: Vec<String> = warnings
        .into_iter()
        .take(MAX_WARNINGS)
        .map(|w| tidy(&w, 600))
        .collect();
    if total > MAX_WARNINGS {
        out.push(format!("… and {} more warnings", total - MAX_WARNINGS));
    }
    out
}

/// Per-party raw data as read from a file, before mapping to the planner's scale.
#[derive(Debug, Clone)]
pub(crate) struct RawParty {
    pub name: String,
    /// Weights as written in the file.
    pub weights: Vec<f64>,
    /// Scores in [0, 1] per issue per option.
    pub scores: Vec<Vec<f64>>,
    /// Reservation value on the file's 0–1 scale (for GeniusWeb: the reservation bid's
    /// unclipped weighted sum, `Σ W_i·s_i`).
    pub reservation: f64,
}

/// Applies the weight-normalisation rule documented at the top of this module.
pub(crate) fn to_planner_scale(
    raw: RawParty,
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<ImportedParty, FormatError> {
    let sum: f64 = raw.weights.iter().sum();
    if !sum.is_finite() || sum <= 0.0 {
        return Err(FormatError::in_file(
            file,
            format!(
                "the issue weights of party \"{}\" sum to {sum}; at least one weight must be positive",
                raw.name
            ),
        ));
    }
    let weights: Vec<f64> = raw.weights.iter().map(|w| 100.0 * w / sum).collect();
    let (factor, reservation) = if sum <= 1.0 {
        if 1.0 - sum > 1e-9 {
            warnings.push(format!(
                "{file}: the issue weights of party \"{}\" sum to {sum} (less than 1); utilities are kept exactly as in the file, so the best option of each issue is rated {:.4} rather than 100 and no package reaches 100",
                raw.name,
                100.0 * sum
            ));
        }
        (100.0 * sum, 100.0 * raw.reservation)
    } else {
        if sum - 1.0 > 1e-9 {
            warnings.push(format!(
                "{file}: the issue weights of party \"{}\" sum to {sum} (more than 1); they were scaled to sum to 100, which multiplies every utility and the reservation value by 1/{sum} (whether a package beats the reservation value is unchanged)",
                raw.name
            ));
        }
        (100.0, 100.0 * raw.reservation / sum)
    };
    let ratings = raw
        .scores
        .iter()
        .map(|row| row.iter().map(|s| (factor * s).clamp(0.0, 100.0)).collect())
        .collect();
    Ok(ImportedParty {
        name: raw.name,
        weights,
        ratings,
        reservation: reservation.clamp(0.0, 100.0),
    })
}

/// Checks that a domain's size is within the module limits before building per-party tables.
pub(crate) fn check_domain_size(issues: &[ImportedIssue], file: &str) -> Result<(), FormatError> {
    if issues.is_empty() {
        return Err(FormatError::in_file(file, "the domain defines no issues"));
    }
    if issues.len() > MAX_ISSUES {
        return Err(FormatError::in_file(
            file,
            format!(
                "the domain has {} issues; at most {MAX_ISSUES} are supported",
                issues.len()
            ),
        ));
    }
    for issue in issues {
        if issue.options.is_empty() {
            return Err(FormatError::in_file(
                file,
                format!("issue \"{}\" has no options", issue.name),
            ));
        }
        if issue.options.len() > MAX_OPTIONS_PER_ISSUE {
            return Err(FormatError::in_file(
                file,
                format!(
                    "issue \"{}\" has {} options; at most {MAX_OPTIONS_PER_ISSUE} are supported",
                    issue.name,
                    issue.options.len()
                ),
            ));
        }
    }
    Ok(())
}

/// Formats a number for a file so that parsing it back gives the same `f64` bit for bit (Rust's
/// `Display` for `f64` is the shortest round-tripping decimal and never uses exponents).
pub(crate) fn fmt_num(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else {
        format!("{x}")
    }
}

/// Turns a name into a file-name stem of ASCII letters, digits, `_` and `-` (at most 60), so
/// exported file names are safe on every platform.
pub(crate) fn file_stem(name: &str, fallback: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    while s.contains("__") {
        s = s.replace("__", "_");
    }
    let s = s.trim_matches('_').to_string();
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// Gives each name a distinct file stem (appending `_2`, `_3`, … on collisions).
pub(crate) fn distinct_stems(names: &[String], fallback: &str, reserved: &[String]) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> =
        reserved.iter().map(|r| r.to_ascii_lowercase()).collect();
    names
        .iter()
        .map(|n| {
            let base = file_stem(n, fallback);
            let mut cand = base.clone();
            let mut k = 2;
            while !taken.insert(cand.to_ascii_lowercase()) {
                cand = format!("{base}_{k}");
                k += 1;
            }
            cand
        })
        .collect()
}

/// Both research readers refuse more profiles than the planner supports parties, before
/// reading any of them.
pub(crate) fn check_profile_count(
    domain: &InputFile<'_>,
    profiles: &[InputFile<'_>],
) -> Result<(), FormatError> {
    if profiles.len() > MAX_PARTIES {
        return Err(FormatError::in_file(
            domain.name,
            format!(
                "{} profiles were given; at most {MAX_PARTIES} parties are supported",
                profiles.len()
            ),
        ));
    }
    Ok(())
}
