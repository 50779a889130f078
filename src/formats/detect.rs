//! Which format a set of picked or dropped files is in, so one "Import" accepts them all:
//! the planner's own JSON, a GENIUS XML domain with its utility spaces, or a GeniusWeb
//! domain with its profiles. Pure; decides from the files' content, not their names.

/// A file as read in the browser.
pub struct NamedText {
    pub name: String,
    pub text: String,
}

#[derive(Debug, PartialEq)]
pub enum Detected<'a> {
    /// The planner's export (one plan or a library) or a stored plan document.
    Planner(&'a NamedText),
    /// GENIUS XML: the domain file and one utility-space file per party.
    Genius {
        domain: &'a NamedText,
        profiles: Vec<&'a NamedText>,
    },
    /// GeniusWeb JSON: the domain and one `LinearAdditiveUtilitySpace` profile per party.
    GeniusWeb {
        domain: &'a NamedText,
        profiles: Vec<&'a NamedText>,
    },
}

impl std::fmt::Debug for NamedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.name)
    }
}

impl PartialEq for NamedText {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// What each file looks like, judged from its first kilobytes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Planner,
    GeniusDomain,
    GeniusProfile,
    GeniusWebDomain,
    GeniusWebProfile,
    Other,
}

fn kind(file: &NamedText) -> Kind {
    let head: String = file.text.chars().take(64 * 1024).collect();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        if head.contains("\"LinearAdditiveUtilitySpace\"") {
            Kind::GeniusWebProfile
        } else if head.contains("\"issuesValues\"") {
            Kind::GeniusWebDomain
        } else if head.contains("\"negotiation-planner\"")
            || (head.contains("\"schema\"") && head.contains("\"title\""))
        {
            Kind::Planner
        } else {
            Kind::Other
        }
    } else if t.starts_with('<') {
        // A GENIUS utility space gives issues weights; the domain template does not.
        if head.contains("<weight") {
            Kind::GeniusProfile
        } else if head.contains("<issue") || head.contains("negotiation_template") {
            Kind::GeniusDomain
        } else {
            Kind::Other
        }
    } else {
        Kind::Other
    }
}

/// Sorts the files into one import, or says in plain words why they do not make one.
pub fn detect(files: &[NamedText]) -> Result<Detected<'_>, String> {
    if files.is_empty() {
        return Err("no file was chosen".into());
    }
    let kinds: Vec<Kind> = files.iter().map(kind).collect();
    if let Some(k) = kinds.iter().position(|k| *k == Kind::Other) {
        return Err(format!(
            "“{}” is not a planner file, a GENIUS XML file or a GeniusWeb JSON file",
            files[k].name
        ));
    }
    let of = |want: Kind| -> Vec<&NamedText> {
        files
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| **k == want)
            .map(|(f, _)| f)
            .collect()
    };
    let planner = of(Kind::Planner);
    if !planner.is_empty() {
        return match (planner.len(), files.len()) {
            (1, 1) => Ok(Detected::Planner(planner[0])),
            _ => Err("import one planner file at a time (it may hold many plans)".into()),
        };
    }
    let (domains, profiles, web) = {
        let gd = of(Kind::GeniusDomain);
        let gp = of(Kind::GeniusProfile);
        let wd = of(Kind::GeniusWebDomain);
        let wp = of(Kind::GeniusWebProfile);
        if !gd.is_empty() || !gp.is_empty() {
            if !wd.is_empty() || !wp.is_empty() {
                return Err(
                    "GENIUS XML and GeniusWeb JSON files cannot be mixed in one import".into(),
                );
            }
            (gd, gp, false)
        } else {
            (wd, wp, true)
        }
    };
    let format = if web { "GeniusWeb" } else { "GENIUS" };
    match domains.len() {
        0 => {
            return Err(format!(
                "the {format} domain file is missing: choose it together with the profiles"
            ))
        }
        1 => {}
        _ => {
            return Err(format!(
                "choose one {format} domain at a time (there are {})",
                domains.len()
            ))
        }
    }
    if profiles.len() < 2 {
        return Err(format!(
            "a negotiation needs at least two {format} profiles (one per party); {} chosen",
            profiles.len()
        ));
    }
    let domain = domains[0];
    Ok(if web {
        Detected::GeniusWeb { domain, profiles }
    } else {
        Detected::Genius { domain, profiles }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: &str, text: &str) -> NamedText {
        NamedText {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn files_are_sorted_by_content() {
        let d = f(
            "d.xml",
            "<negotiation_template><utility_space><objective><issue name=\"a\"/>",
        );
        let p1 = f(
            "p1.xml",
            "<utility_space><objective><issue><weight value=\"1\"/>",
        );
        let p2 = f("p2.xml", "<utility_space><weight value=\"1\"/>");
        let files = [p1, d, p2];
        match detect(&files).unwrap() {
            Detected::Genius { domain, profiles } => {
                assert_eq!(domain.name, "d.xml");
                assert_eq!(profiles.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        let w = [
            f("p.json", "{\"LinearAdditiveUtilitySpace\": {}}"),
            f("d.json", "{\"name\":\"x\",\"issuesValues\":{}}"),
            f("q.json", "{\"LinearAdditiveUtilitySpace\": {}}"),
        ];
        assert!(matches!(detect(&w).unwrap(), Detected::GeniusWeb { .. }));
        let own = [f(
            "x.json",
            "{\"format\":\"negotiation-planner\",\"plans\":[]}",
        )];
        assert!(matches!(detect(&own).unwrap(), Detected::Planner(_)));
    }

    #[test]
    fn incomplete_or_mixed_sets_are_explained() {
        let cases: Vec<(Vec<NamedText>, &str)> = vec![
            (vec![], "no file"),
            (vec![f("a.txt", "hello")], "“a.txt” is not"),
            (
                vec![
                    f("p.xml", "<utility_space><weight/>"),
                    f("q.xml", "<utility_space><weight/>"),
                ],
                "domain file is missing",
            ),
            (
                vec![
                    f("d.xml", "<negotiation_template><issue/>"),
                    f("p.xml", "<utility_space><weight/>"),
                ],
                "at least two",
            ),
            (
                vec![
                    f("d.xml", "<negotiation_template><issue/>"),
                    f("p.json", "{\"LinearAdditiveUtilitySpace\":1}"),
                ],
                "cannot be mixed",
            ),
            (
                vec![
                    f("x.json", "{\"format\":\"negotiation-planner\"}"),
                    f("y.json", "{\"format\":\"negotiation-planner\"}"),
                ],
                "one planner file",
            ),
        ];
        for (files, words) in cases {
            let err = detect(&files).expect_err(words);
            assert!(err.contains(words), "{err} lacks {words}");
        }
    }
}
