//! Writing a domain as GENIUS XML: the negotiation template and one utility space per
//! party, exact for the planner's utilities.

use crate::formats::{distinct_stems, fmt_num, Export, ExportedFile, FormatError, ImportedDomain};

/// Escapes text for a double-quoted attribute; line breaks and tabs become character
/// references so they survive attribute-value normalisation.
fn esc(s: &str) -> String {
    crate::formats::xml::escape(s, crate::formats::xml::Breaks::Keep)
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
    let dstem = crate::formats::file_stem(&domain.name, "domain");
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
