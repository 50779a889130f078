//! Research domains ⇄ plans. An imported GENIUS or GeniusWeb domain becomes a new plan
//! (issues, options, one party per profile with its weights, ratings and reservation
//! value; the first party is "us"); a plan becomes a domain for export. Pure.

use super::{ImportedDomain, ImportedIssue, ImportedParty};
use crate::model::{Millis, Plan, PlanId, Score};

/// A plan's title from where its domain came from: the folder the files were in, else the
/// domain file's name, made to read like a name ("AMPOvsCity" → "AMPO vs City",
/// "ItexvsCypress_domain.xml" → "Itex vs Cypress"). A domain's internal name ("Conflict")
/// is often a placeholder, so it is the title only when the names say nothing.
pub fn plan_title(source: &str, domain_name: &str) -> String {
    let parts: Vec<&str> = source
        .split(['/', '\\'])
        .filter(|s| !s.is_empty())
        .collect();
    let file = parts.last().copied().unwrap_or("");
    let folder = parts.len().checked_sub(2).map_or("", |k| parts[k]);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    [folder, stem]
        .into_iter()
        .map(readable_name)
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| match domain_name.trim() {
            "" => "Imported domain".to_string(),
            name => name.to_string(),
        })
}

/// A file or folder name as words: separators become spaces, glued words are split
/// ("EnglandZimbabwe", "AMPOvsCity"), the words that only say what kind of file it is
/// ("domain", "template") are dropped at the end, and the first letter is a capital.
fn readable_name(raw: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for chunk in raw.split(|c: char| c == '_' || c == '-' || c == '.' || c.is_whitespace()) {
        words.extend(split_glued(chunk));
    }
    while words
        .last()
        .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "domain" | "template"))
    {
        words.pop();
    }
    let text = words.join(" ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Splits a word at a small letter followed by a capital ("EnglandZimbabwe") and around a
/// glued "vs" between a letter and a capital ("AMPOvsCity", "ItexvsCypress").
fn split_glued(chunk: &str) -> Vec<String> {
    let chars: Vec<char> = chunk.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let glued_vs = c == 'v'
            && chars.get(k + 1) == Some(&'s')
            && chars.get(k + 2).is_some_and(|n| n.is_uppercase())
            && k > 0
            && chars[k - 1].is_alphabetic();
        if glued_vs {
            words.push(std::mem::take(&mut word));
            words.push("vs".to_string());
            k += 2;
            continue;
        }
        if c.is_uppercase() && k > 0 && chars[k - 1].is_lowercase() && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.push(c);
        k += 1;
    }
    words.push(word);
    words.retain(|w| !w.is_empty());
    words
}

/// A new plan from an imported domain; `source` is the domain file's name, with the folder
/// it was in when a folder was imported, and gives the title ([`plan_title`]). The domain's
/// own name and the import's warnings go into the plan's context notes, so the user sees
/// what it was called and what was adjusted (e.g. weights rescaled).
pub fn plan_from_domain(domain: &ImportedDomain, source: &str, id: PlanId, now: Millis) -> Plan {
    let title = plan_title(source, &domain.name);
    let mut plan = Plan::new(id, title, now);
    plan.parties.clear();
    plan.next_seq = 1;
    let parties: Vec<_> = domain
        .parties
        .iter()
        .map(|p| plan.add_party(&p.name))
        .collect();
    if let Some(first) = parties.first() {
        plan.perspective = crate::model::Perspective::Us(first.clone());
    }
    let mut option_ids = Vec::new();
    for issue in &domain.issues {
        let id = plan.add_issue(&issue.name);
        let opts: Vec<_> = issue
            .options
            .iter()
            .filter_map(|label| plan.add_option(&id, label))
            .collect();
        option_ids.push((id, opts));
    }
    for (k, (party_id, source)) in parties.iter().zip(&domain.parties).enumerate() {
        let Some(party) = plan.parties.get_mut(k) else {
            continue;
        };
        debug_assert_eq!(&party.id, party_id);
        party.reservation = crate::model::Estimate::exact(source.reservation.clamp(0.0, 100.0));
        for (i, (issue_id, opts)) in option_ids.iter().enumerate() {
            if let Some(w) = source.weights.get(i) {
                party.weights.insert(issue_id.clone(), Score::new(*w));
            }
            for (o, option_id) in opts.iter().enumerate() {
                if let Some(r) = source.ratings.get(i).and_then(|r| r.get(o)) {
                    party.ratings.insert(option_id.clone(), Score::new(*r));
                }
            }
        }
    }
    let called = match domain.name.trim() {
        "" => String::new(),
        name => format!(" “{name}”"),
    };
    let mut notes = format!(
        "Imported from the research domain{called} (file “{source}”), with {} issues and {} parties.",
        domain.issues.len(),
        domain.parties.len()
    );
    for w in &domain.warnings {
        notes.push_str("\n• ");
        notes.push_str(w);
    }
    plan.notes = notes;
    plan
}

/// A plan as a research domain, for export. Issues without options are left out (the
/// formats cannot express them); missing scores are 0; weights are normalised to 100.
pub fn domain_from_plan(plan: &Plan) -> ImportedDomain {
    let issues: Vec<_> = plan
        .issues
        .iter()
        .filter(|i| !i.options.is_empty())
        .collect();
    let parties = plan
        .parties
        .iter()
        .map(|p| {
            let raw: Vec<f64> = issues
                .iter()
                .map(|i| p.weights.get(&i.id).map_or(0.0, |s| s.value.max(0.0)))
                .collect();
            let total: f64 = raw.iter().sum();
            let weights = if total > 0.0 {
                raw.iter().map(|w| w * 100.0 / total).collect()
            } else {
                vec![100.0 / issues.len().max(1) as f64; issues.len()]
            };
            ImportedParty {
                name: p.name.clone(),
                weights,
                ratings: issues
                    .iter()
                    .map(|i| {
                        // A contingent option exports as the party's mix of its outcomes.
                        i.options
                            .iter()
                            .map(|o| crate::model::rating(p, i, o).map_or(0.0, |s| s.value))
                            .collect()
                    })
                    .collect(),
                reservation: p.reservation.value,
            }
        })
        .collect();
    ImportedDomain {
        name: plan.title.clone(),
        issues: issues
            .iter()
            .map(|i| ImportedIssue {
                name: i.name.clone(),
                options: i.options.iter().map(|o| o.label.clone()).collect(),
            })
            .collect(),
        parties,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::plan_title;

    #[test]
    fn titles_read_like_names() {
        let cases = [
            (
                "AMPOvsCity/ampo_vs_city_template.xml",
                "Conflict",
                "AMPO vs City",
            ),
            ("ampo_vs_city_template.xml", "Conflict", "Ampo vs city"),
            (
                "ItexvsCypress_domain.xml",
                "ItexvsCypress_domain",
                "Itex vs Cypress",
            ),
            (
                "EnglandZimbabwe/EnglandZimbabwe_domain.xml",
                "x",
                "England Zimbabwe",
            ),
            ("Wholesaler-domain.xml", "Wholesaler", "Wholesaler"),
            ("camera_domain.xml", "Camera", "Camera"),
            (
                "ANL2023_domain00/domain00.json",
                "domain00",
                "ANL2023 domain00",
            ),
            ("Laptop\\laptop_domain.xml", "", "Laptop"),
            // Names that say nothing leave the domain's own name, or a plain default.
            ("domain.xml", "Conflict", "Conflict"),
            ("template.xml", " ", "Imported domain"),
            ("", "", "Imported domain"),
            ("ÉtéVsHiver.xml", "", "Été Vs Hiver"),
        ];
        for (source, name, want) in cases {
            assert_eq!(plan_title(source, name), want, "{source}");
        }
    }
}
