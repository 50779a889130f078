//! Which format a set of picked or dropped files is in, so one "Import" accepts them all:
//! the planner's own JSON, a GENIUS XML domain with its utility spaces, or a GeniusWeb
//! domain with its profiles. Pure; decides from the files' content, not their names.
//!
//! Researchers pick or drop whole folders, which hold other files too (the organisers'
//! `specials.json`, PDFs, agent code): those are set aside with the reason, and the
//! recognised files are imported. A recognised file that is broken still stops the whole
//! import (the importers are all or nothing).

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

/// A file that was not imported, and why, in plain words.
#[derive(Clone, Debug, PartialEq)]
pub struct Ignored {
    pub name: String,
    pub why: String,
}

impl Ignored {
    /// A file too large to read as a negotiation file (left unread).
    pub fn too_large(name: &str, bytes: f64) -> Ignored {
        Ignored {
            name: name.to_string(),
            why: format!(
                "{:.0} MB, far larger than any negotiation file, so it was not read",
                (bytes / (1024.0 * 1024.0)).ceil()
            ),
        }
    }
}

/// What will be imported, and the files set aside.
#[derive(Debug, PartialEq)]
pub struct Detection<'a> {
    pub import: Detected<'a>,
    pub ignored: Vec<Ignored>,
}

/// "specials.json (JSON, but not …); paper.pdf (a PDF document)".
pub fn describe_ignored(ignored: &[Ignored]) -> String {
    ignored
        .iter()
        .map(|i| format!("{} ({})", i.name, i.why))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The notice after an import: what was imported, then the files set aside and why.
pub fn report(imported: &str, ignored: &[Ignored]) -> String {
    match ignored.len() {
        0 => imported.to_string(),
        1 => format!(
            "{imported} One file was not imported: {}.",
            describe_ignored(ignored)
        ),
        n => format!(
            "{imported} {n} files were not imported: {}.",
            describe_ignored(ignored)
        ),
    }
}

/// One line of an imported plan's notes per file set aside.
pub fn note(ignored: &Ignored) -> String {
    format!("{} was not imported: {}.", ignored.name, ignored.why)
}

/// Why a file that is none of the known kinds was set aside.
fn why_other(file: &NamedText) -> String {
    let head: String = file.text.chars().take(4096).collect();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("%PDF") {
        "a PDF document, not a negotiation file".into()
    } else if head.contains('\0') || head.contains('\u{fffd}') {
        "not a text file".into()
    } else if t.starts_with('{') || t.starts_with('[') {
        "JSON, but not a planner file, a GeniusWeb domain or a GeniusWeb profile".into()
    } else if t.starts_with('<') {
        "XML, but not a GENIUS domain or utility space".into()
    } else if t.is_empty() {
        "empty".into()
    } else {
        "not a planner, GENIUS or GeniusWeb file".into()
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

/// Sorts the files into one import, setting aside the files of no known kind (with the
/// reason), or says in plain words why they do not make one.
pub fn detect(files: &[NamedText]) -> Result<Detection<'_>, String> {
    if files.is_empty() {
        return Err("no file was chosen".into());
    }
    let kinds: Vec<Kind> = files.iter().map(kind).collect();
    let ignored: Vec<Ignored> = files
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Kind::Other)
        .map(|(f, _)| Ignored {
            name: f.name.clone(),
            why: why_other(f),
        })
        .collect();
    if ignored.len() == files.len() {
        return Err(match files {
            [one] => format!(
                "“{}” is not a planner file, a GENIUS XML file or a GeniusWeb JSON file ({})",
                one.name, ignored[0].why
            ),
            _ => format!(
                "none of the {} files is a planner file, a GENIUS XML file or a GeniusWeb JSON \
                 file: {}",
                files.len(),
                describe_ignored(&ignored)
            ),
        });
    }
    let import = detect_known(files, &kinds)?;
    Ok(Detection { import, ignored })
}

/// The import the recognised files make (`kinds[k]` is the kind of `files[k]`).
fn detect_known<'a>(files: &'a [NamedText], kinds: &[Kind]) -> Result<Detected<'a>, String> {
    let of = |want: Kind| -> Vec<&NamedText> {
        files
            .iter()
            .zip(kinds)
            .filter(|(_, k)| **k == want)
            .map(|(f, _)| f)
            .collect()
    };
    let planner = of(Kind::Planner);
    if !planner.is_empty() {
        let known = kinds.iter().filter(|k| **k != Kind::Other).count();
        return match (planner.len(), known) {
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
        match detect(&files).unwrap().import {
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
        assert!(matches!(
            detect(&w).unwrap().import,
            Detected::GeniusWeb { .. }
        ));
        let own = [f(
            "x.json",
            "{\"format\":\"negotiation-planner\",\"plans\":[]}",
        )];
        assert!(matches!(detect(&own).unwrap().import, Detected::Planner(_)));
    }

    /// A whole research folder: the domain and profiles are imported; the organisers'
    /// specials.json, a paper and agent code are set aside, each with its reason.
    #[test]
    fn a_folder_imports_what_it_recognises_and_lists_the_rest() {
        let files = [
            f("ANL/domain00.json", "{\"name\":\"x\",\"issuesValues\":{}}"),
            f("ANL/profileA.json", "{\"LinearAdditiveUtilitySpace\": {}}"),
            f("ANL/specials.json", "{\"size\": 6480, \"nash\": {}}"),
            f("ANL/paper.pdf", "%PDF-1.4\n\u{fffd}\u{fffd}"),
            f("ANL/profileB.json", "{\"LinearAdditiveUtilitySpace\": {}}"),
            f("ANL/agent.py", "import negmas\n"),
            f("ANL/logo.png", "\u{fffd}PNG\r\n\0"),
            f("ANL/notes.xml", "<notes>hello</notes>"),
        ];
        let d = detect(&files).unwrap();
        let Detected::GeniusWeb { domain, profiles } = d.import else {
            panic!("{:?}", d.import);
        };
        assert_eq!(domain.name, "ANL/domain00.json");
        assert_eq!(profiles.len(), 2);
        let why: Vec<(&str, &str)> = d
            .ignored
            .iter()
            .map(|i| (i.name.as_str(), i.why.as_str()))
            .collect();
        assert_eq!(
            why,
            [
                (
                    "ANL/specials.json",
                    "JSON, but not a planner file, a GeniusWeb domain or a GeniusWeb profile"
                ),
                ("ANL/paper.pdf", "a PDF document, not a negotiation file"),
                ("ANL/agent.py", "not a planner, GENIUS or GeniusWeb file"),
                ("ANL/logo.png", "not a text file"),
                (
                    "ANL/notes.xml",
                    "XML, but not a GENIUS domain or utility space"
                ),
            ]
        );
        assert!(describe_ignored(&d.ignored)
            .starts_with("ANL/specials.json (JSON, but not a planner file"));
        // A planner file in a folder with other files is still one planner file.
        let own = [
            f(
                "x.json",
                "{\"format\":\"negotiation-planner\",\"plans\":[]}",
            ),
            f("readme.txt", "hi"),
        ];
        let d = detect(&own).unwrap();
        assert!(matches!(d.import, Detected::Planner(_)));
        assert_eq!(d.ignored.len(), 1);
        assert_eq!(
            report("Imported “x”.", &d.ignored),
            "Imported “x”. One file was not imported: readme.txt (not a planner, GENIUS or \
             GeniusWeb file)."
        );
        assert_eq!(report("Imported “x”.", &[]), "Imported “x”.");
        assert_eq!(
            note(&d.ignored[0]),
            "readme.txt was not imported: not a planner, GENIUS or GeniusWeb file."
        );
        assert_eq!(
            Ignored::too_large("agent.jar", 50.0 * 1024.0 * 1024.0).why,
            "50 MB, far larger than any negotiation file, so it was not read"
        );
    }

    #[test]
    fn incomplete_or_mixed_sets_are_explained() {
        let cases: Vec<(Vec<NamedText>, &str)> = vec![
            (vec![], "no file"),
            (vec![f("a.txt", "hello")], "“a.txt” is not"),
            (
                vec![f("a.txt", "hello"), f("b.pdf", "%PDF-1.7")],
                "none of the 2 files is a planner file, a GENIUS XML file or a GeniusWeb JSON \
                 file: a.txt (not a planner, GENIUS or GeniusWeb file); b.pdf (a PDF document",
            ),
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
