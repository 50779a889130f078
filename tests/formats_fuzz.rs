//! Bounded-time property tests: random bytes and mutated fixtures never panic any parser; each
//! returns a plan or a non-empty message naming the file. Each test runs well under 10 s.

mod formats_common;

use formats_common::*;
use planner::formats::{genius_xml, geniusweb, xml, ImportOptions, InputFile};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let tokens: Vec<Vec<u8>> = [
        "<",
        ">",
        "/>",
        "\"",
        "'",
        "&",
        "&amp;",
        "&#x0;",
        "<!--",
        "]]>",
        "<![CDATA[",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "null",
        "-1",
        "1e999",
        "NaN",
        "\u{0}",
        "\u{202E}",
        "<script>",
        "\\u0000",
        "<issue name=\"x\">",
        "<item value=\"y\" evaluation=\"2\"/>",
        "<weight index=\"9\" value=\"0.5\"/>",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), prop::sample::select(tokens)).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<usize>(), 0usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 0usize..200).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(mut data: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        let len = data.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                if !data.is_empty() {
                    data[i % len] = *b;
                }
            }
            Mutation::Insert(i, t) => {
                let at = i % (data.len() + 1);
                data.splice(at..at, t.iter().cloned());
            }
            Mutation::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(data.len());
                if at < end {
                    data.drain(at..end);
                }
            }
            Mutation::Truncate(i) => data.truncate(i % len),
            Mutation::Duplicate(i, n) => {
                let at = i % len;
                let end = (at + n).min(data.len());
                if at < end {
                    let chunk: Vec<u8> = data[at..end].to_vec();
                    data.splice(at..at, chunk);
                }
            }
        }
    }
    data
}

fn genius_sets() -> Vec<&'static Set> {
    SETS.iter().filter(|s| s.kind == Kind::Genius).collect()
}
fn gw_sets() -> Vec<&'static Set> {
    SETS.iter().filter(|s| s.kind == Kind::GeniusWeb).collect()
}

fn check_genius(domain: &[u8], profiles: &[Vec<u8>], step: Option<f64>) {
    let files: Vec<InputFile<'_>> = profiles
        .iter()
        .map(|p| InputFile::new("p.xml", p))
        .collect();
    match genius_xml::import(
        InputFile::new("d.xml", domain),
        &files,
        &ImportOptions { real_step: step },
    ) {
        Ok(d) => {
            d.validate().expect("an accepted import is a valid plan");
            let e = genius_xml::export(&d).expect("export of an import");
            assert!(!e.files.is_empty());
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(e.file == "d.xml" || e.file == "p.xml", "{e}");
        }
    }
}

fn check_gw(domain: &[u8], profiles: &[Vec<u8>]) {
    let files: Vec<InputFile<'_>> = profiles
        .iter()
        .map(|p| InputFile::new("p.json", p))
        .collect();
    match geniusweb::import(
        InputFile::new("d.json", domain),
        &files,
        &ImportOptions::default(),
    ) {
        Ok(d) => {
            d.validate().expect("an accepted import is a valid plan");
            geniusweb::export(&d).expect("export of an import");
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(e.file == "d.json" || e.file == "p.json", "{e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn xml_tokenizer_never_panics_on_random_text(
        chars in prop::collection::vec(prop::sample::select("<>/=\"'&;!?-[]ab \n#x0é".chars().collect::<Vec<char>>()), 0..400)
    ) {
        let s: String = chars.into_iter().collect();
        let _ = xml::parse(&s, "r.xml");
    }

    #[test]
    fn genius_import_never_panics_on_random_bytes(d in prop::collection::vec(any::<u8>(), 0..600), p in prop::collection::vec(any::<u8>(), 0..600)) {
        check_genius(&d, &[p], None);
    }

    #[test]
    fn geniusweb_import_never_panics_on_random_bytes(d in prop::collection::vec(any::<u8>(), 0..600), p in prop::collection::vec(any::<u8>(), 0..600)) {
        check_gw(&d, &[p]);
    }

    #[test]
    fn genius_import_never_panics_on_mutated_fixtures(
        set in prop::sample::select(genius_sets()),
        which in 0usize..3,
        muts in prop::collection::vec(mutation(), 1..6),
        step in prop::option::of(0.01f64..2.0),
    ) {
        let mut files = [read(set, set.domain), read(set, set.profiles[0]), read(set, set.profiles[1])];
        files[which] = apply(std::mem::take(&mut files[which]), &muts);
        check_genius(&files[0], &files[1..], step);
    }

    #[test]
    fn geniusweb_import_never_panics_on_mutated_fixtures(
        set in prop::sample::select(gw_sets()),
        which in 0usize..3,
        muts in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut files = [read(set, set.domain), read(set, set.profiles[0]), read(set, set.profiles[1])];
        files[which] = apply(std::mem::take(&mut files[which]), &muts);
        check_gw(&files[0], &files[1..]);
    }
}
