//! Export → import reproduces every party's utilities (and names, options, reservation values
//! where the target format can hold them), on every fixture and on awkward synthetic plans.

mod formats_common;

use formats_common::*;
use planner::formats::{
    genius_xml, geniusweb, Export, ImportOptions, ImportedDomain, ImportedIssue, ImportedParty,
    InputFile,
};
use proptest::prelude::*;

fn reimport(kind: Kind, e: &Export) -> ImportedDomain {
    let files: Vec<InputFile<'_>> = e
        .files
        .iter()
        .map(|f| InputFile::new(&f.name, f.contents.as_bytes()))
        .collect();
    let r = match kind {
        Kind::Genius => genius_xml::import(files[0], &files[1..], &ImportOptions::default()),
        Kind::GeniusWeb => geniusweb::import(files[0], &files[1..], &ImportOptions::default()),
    };
    r.unwrap_or_else(|err| panic!("re-import failed: {err}\n{}", e.files[0].contents))
}

/// Asserts equal structure and equal utilities for every package (or a 20 000-package sample above 400 000).
fn assert_same_utilities(a: &ImportedDomain, b: &ImportedDomain, ctx: &str) {
    assert_eq!(a.issues, b.issues, "{ctx}: issues");
    assert_eq!(a.parties.len(), b.parties.len(), "{ctx}: parties");
    let sizes: Vec<usize> = a.issues.iter().map(|i| i.options.len()).collect();
    for p in 0..a.parties.len() {
        assert_eq!(a.parties[p].name, b.parties[p].name, "{ctx}: party name");
        let check = |c: &[usize]| {
            let (x, y) = (a.utility(p, c).unwrap(), b.utility(p, c).unwrap());
            assert!(
                (x - y).abs() < 1e-9,
                "{ctx}: party {p} package {c:?}: {x} vs {y}"
            );
        };
        if a.package_count() <= 400_000 {
            for_each_package(&sizes, check);
        } else {
            let mut rng = Rng(7);
            for _ in 0..20_000 {
                let c: Vec<usize> = sizes.iter().map(|&n| rng.below(n)).collect();
                check(&c);
            }
        }
    }
}

#[test]
fn fixtures_round_trip_through_both_formats() {
    for set in SETS {
        let d = import_set(set);
        let g = genius_xml::export(&d).unwrap();
        let back = reimport(Kind::Genius, &g);
        assert_same_utilities(&d, &back, &format!("{} via GENIUS", set.dir));
        for (x, y) in d.parties.iter().zip(&back.parties) {
            assert!(
                (x.reservation - y.reservation).abs() < 1e-9,
                "{} reservation",
                set.dir
            );
        }
        assert!(g.warnings.is_empty());
        let w = geniusweb::export(&d).unwrap();
        let back = reimport(Kind::GeniusWeb, &w);
        assert_same_utilities(&d, &back, &format!("{} via GeniusWeb", set.dir));
        // GeniusWeb keeps weights and ratings themselves when they came from a file with S = 1.
        for (p, (x, y)) in d.parties.iter().zip(&back.parties).enumerate() {
            if w.warnings
                .iter()
                .all(|m| !m.contains(&format!("\"{}\"", x.name)))
            {
                assert!(
                    (x.reservation - y.reservation).abs() < 1e-9,
                    "{} party {p} reservation",
                    set.dir
                );
            }
        }
    }
}

fn plan(ratings_a: Vec<Vec<f64>>, weights_a: Vec<f64>, reservation: f64) -> ImportedDomain {
    let issues = ratings_a
        .iter()
        .enumerate()
        .map(|(i, r)| ImportedIssue {
            name: format!("Issue <{i}> & \"x\""),
            options: (0..r.len())
                .map(|o| format!("opt {o} <script>alert('{o}')</script>"))
                .collect(),
        })
        .collect();
    ImportedDomain {
        name: "Test & <b>domain</b>".into(),
        issues,
        parties: vec![ImportedParty {
            name: "Us <img src=x>".into(),
            weights: weights_a,
            ratings: ratings_a,
            reservation,
        }],
        warnings: vec![],
    }
}

#[test]
fn best_rating_below_100_and_zero_weights_round_trip() {
    let d = plan(
        vec![vec![0.0, 40.0, 80.0], vec![0.0, 0.0], vec![12.5, 3.0]],
        vec![50.0, 0.0, 50.0],
        33.0,
    );
    for kind in [Kind::Genius, Kind::GeniusWeb] {
        let e = match kind {
            Kind::Genius => genius_xml::export(&d).unwrap(),
            Kind::GeniusWeb => geniusweb::export(&d).unwrap(),
        };
        let back = reimport(kind, &e);
        assert_same_utilities(&d, &back, &format!("{kind:?}"));
        // Markup in names is plain data: it survives as text.
        assert_eq!(
            back.issues[0].options[1],
            "opt 1 <script>alert('1')</script>"
        );
        assert_eq!(back.parties[0].name, "Us <img src=x>");
        assert_eq!(back.name, "Test & <b>domain</b>");
        if kind == Kind::Genius {
            assert!((back.parties[0].reservation - 33.0).abs() < 1e-9);
        }
    }
}

#[test]
fn all_zero_party_round_trips() {
    let d = plan(vec![vec![0.0, 0.0], vec![0.0]], vec![70.0, 30.0], 0.0);
    let back = reimport(Kind::Genius, &genius_xml::export(&d).unwrap());
    assert_same_utilities(&d, &back, "zero party");
}

#[test]
fn geniusweb_reservation_becomes_a_bid() {
    // Reservation 40 is reachable exactly (option 1 of issue 0 at weight 100 · 40/100).
    let d = plan(vec![vec![0.0, 40.0, 100.0]], vec![100.0], 40.0);
    let e = geniusweb::export(&d).unwrap();
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    assert!((reimport(Kind::GeniusWeb, &e).parties[0].reservation - 40.0).abs() < 1e-9);
    // 50 is not reachable: the closest bid below (40) is used, with a warning.
    let d = plan(vec![vec![0.0, 40.0, 100.0]], vec![100.0], 50.0);
    let e = geniusweb::export(&d).unwrap();
    assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
    assert!((reimport(Kind::GeniusWeb, &e).parties[0].reservation - 40.0).abs() < 1e-9);
}

#[test]
fn invalid_plans_are_refused_by_exporters() {
    let mut d = plan(vec![vec![0.0, 100.0]], vec![100.0], 0.0);
    d.parties[0].weights[0] = 90.0;
    let e = genius_xml::export(&d).unwrap_err();
    assert!(e.message.contains("not 100"), "{e}");
    let mut d = plan(vec![vec![0.0, 100.0]], vec![100.0], 0.0);
    d.parties[0].ratings[0][0] = f64::NAN;
    assert!(geniusweb::export(&d).unwrap_err().message.contains("0–100"));
    let mut d = plan(vec![vec![0.0, 100.0]], vec![100.0], 0.0);
    d.issues[0].options[1] = d.issues[0].options[0].clone();
    assert!(geniusweb::export(&d).unwrap_err().message.contains("twice"));
}

fn arb_plan() -> impl Strategy<Value = ImportedDomain> {
    let issue = prop::collection::vec(0.0f64..=100.0, 1..5);
    (
        prop::collection::vec(issue, 1..5),
        0.0f64..=100.0,
        prop::collection::vec(0.0f64..1.0, 1..5),
        any::<bool>(),
    )
        .prop_map(|(mut ratings, rv, raw_w, round)| {
            let n = ratings.len();
            let mut w: Vec<f64> = (0..n)
                .map(|i| raw_w.get(i).copied().unwrap_or(0.5) + 0.01)
                .collect();
            let s: f64 = w.iter().sum();
            w.iter_mut().for_each(|x| *x = *x * 100.0 / s);
            if round {
                // Often the best option of each issue is 100, as in imported GENIUS plans.
                for r in &mut ratings {
                    if let Some(m) = r.iter_mut().max_by(|a, b| a.partial_cmp(b).unwrap()) {
                        *m = 100.0;
                    }
                }
            }
            let mut d = plan(ratings.clone(), w.clone(), rv);
            let mut w2 = w.clone();
            w2.reverse();
            d.parties.push(ImportedParty {
                name: "Them".into(),
                weights: w2,
                ratings: ratings
                    .iter()
                    .map(|r| r.iter().rev().cloned().collect())
                    .collect(),
                reservation: 100.0 - rv,
            });
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn random_plans_round_trip(d in arb_plan()) {
        let back = reimport(Kind::Genius, &genius_xml::export(&d).unwrap());
        assert_same_utilities(&d, &back, "GENIUS");
        for (x, y) in d.parties.iter().zip(&back.parties) {
            prop_assert!((x.reservation - y.reservation).abs() < 1e-9);
        }
        let back = reimport(Kind::GeniusWeb, &geniusweb::export(&d).unwrap());
        assert_same_utilities(&d, &back, "GeniusWeb");
        for (x, y) in d.parties.iter().zip(&back.parties) {
            prop_assert!((x.weights.iter().zip(&y.weights)).all(|(a, b)| (a - b).abs() < 1e-9));
        }
    }
}
