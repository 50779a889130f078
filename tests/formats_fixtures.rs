//! Every fixture set imports, and the imported plan's utilities match the GENIUS / GeniusWeb
//! semantics computed independently (see `formats_common`), by brute force over all packages
//! where there are at most 2·10⁶ of them, plus a random sample through the public API.

mod formats_common;

use formats_common::*;
use std::collections::{HashMap, HashSet};

const ENUMERATION_LIMIT: u128 = 2_000_000;

#[test]
fn every_fixture_directory_is_covered() {
    let dir = fixtures_dir();
    let listed: HashSet<&str> = SETS.iter().map(|s| s.dir).collect();
    for entry in std::fs::read_dir(&dir).expect("fixtures directory") {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let name = entry.file_name().to_string_lossy().to_string();
            assert!(
                listed.contains(name.as_str()),
                "fixture set {name} is not tested"
            );
        }
    }
}

#[test]
fn fixtures_import_and_match_file_semantics() {
    for set in SETS {
        let d = import_set(set);
        let oracles = oracles(set);
        let count = d.package_count();
        let options: Vec<usize> = d.issues.iter().map(|i| i.options.len()).collect();
        println!(
            "{:<18} issues={:<2} options={:?} packages={} parties={:?} warnings={}",
            set.dir,
            d.issues.len(),
            options,
            count,
            d.parties
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            d.warnings.len()
        );
        for w in &d.warnings {
            println!("    warning: {w}");
        }
        d.validate()
            .unwrap_or_else(|e| panic!("{}: imported plan invalid: {e}", set.dir));
        assert_eq!(d.parties.len(), 2, "{}", set.dir);
        for (p, o) in oracles.iter().enumerate() {
            let party = &d.parties[p];
            assert_eq!(o.weights.len(), d.issues.len(), "{}: issue count", set.dir);
            let wsum: f64 = party.weights.iter().sum();
            assert!(
                (wsum - 100.0).abs() < 1e-9,
                "{}: weights sum {wsum}",
                set.dir
            );
            assert!(
                (party.reservation - o.expected_reservation()).abs() < 1e-9,
                "{} party {p}: reservation {} vs {}",
                set.dir,
                party.reservation,
                o.expected_reservation()
            );
            // Per-option tables: planner contribution and file contribution.
            let planner: Vec<Vec<f64>> = (0..d.issues.len())
                .map(|i| {
                    party.ratings[i]
                        .iter()
                        .map(|r| party.weights[i] * r / 100.0)
                        .collect()
                })
                .collect();
            let file: Vec<Vec<f64>> = d
                .issues
                .iter()
                .map(|iss| {
                    iss.options
                        .iter()
                        .map(|opt| o.weights[&iss.name] * o.scores[&iss.name][opt])
                        .collect()
                })
                .collect();
            let s = o.weight_sum();
            let check = |c: &[usize]| {
                let u: f64 = c.iter().enumerate().map(|(i, &k)| planner[i][k]).sum();
                let raw: f64 = c.iter().enumerate().map(|(i, &k)| file[i][k]).sum();
                let expected = if s <= 1.0 {
                    100.0 * raw.min(1.0)
                } else {
                    100.0 * raw / s
                };
                assert!(
                    (u - expected).abs() < 1e-9,
                    "{} party {p} package {c:?}: planner {u} vs file semantics {expected}",
                    set.dir
                );
            };
            if count <= ENUMERATION_LIMIT {
                for_each_package(&options, check);
            } else {
                println!("    note: {count} packages > {ENUMERATION_LIMIT}; brute force skipped, sampling only");
            }
            // Sample through the public API and the label-level oracle.
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ p as u64);
            for _ in 0..500 {
                let c: Vec<usize> = options.iter().map(|&n| rng.below(n)).collect();
                check(&c);
                let labels: Vec<(&str, &str)> = d
                    .issues
                    .iter()
                    .zip(&c)
                    .map(|(iss, &k)| (iss.name.as_str(), iss.options[k].as_str()))
                    .collect();
                let u = d.utility(p, &c).unwrap();
                assert!(
                    (u - o.expected_planner(&labels)).abs() < 1e-9,
                    "{} sample {c:?}",
                    set.dir
                );
                assert!((0.0..=100.0 + 1e-9).contains(&u));
            }
        }
    }
}

#[test]
fn known_fixture_quirks_are_handled() {
    let find = |dir: &str| SETS.iter().find(|s| s.dir == dir).unwrap();
    // Car: not well-formed XML (no space before vtype=) still imports, with a warning.
    let car = import_set(find("Car"));
    assert!(
        car.warnings
            .iter()
            .any(|w| w.contains("adg_deal.xml") && w.contains("not separated")),
        "{:?}",
        car.warnings
    );
    assert_eq!(car.issues[2].name, "Airconditioning");
    // Laptop: weights sum to 1.0000518 → rescaled with a warning; party names from the template.
    let laptop = import_set(find("Laptop"));
    assert!(
        laptop.warnings.iter().any(|w| w.contains("1.0000518")),
        "{:?}",
        laptop.warnings
    );
    assert!(laptop
        .warnings
        .iter()
        .any(|w| w.contains("discount factor")));
    assert_eq!(laptop.parties[0].name, "buyer");
    assert_eq!(laptop.parties[1].name, "seller");
    // AMPOvsCity: duplicate item "0" (last evaluation wins), items listed in another order.
    let ampo = import_set(find("AMPOvsCity"));
    assert_eq!(ampo.parties[0].name, "AMPO");
    assert!(ampo.warnings.iter().any(|w| w.contains("twice")));
    assert!(
        (ampo.parties[0].ratings[0][0] - 8.0).abs() < 1e-9,
        "{:?}",
        ampo.parties[0].ratings[0]
    );
    let daniels = ampo
        .issues
        .iter()
        .position(|i| i.name == "Commisioner Daniels")
        .unwrap();
    assert_eq!(ampo.issues[daniels].options, vec!["Fire", "Keep"]);
    assert_eq!(ampo.parties[0].ratings[daniels], vec![100.0, 0.0]);
    // IntegerDomain: integer issues become one option per value.
    let int = import_set(find("IntegerDomain"));
    assert_eq!(int.issues[0].options.len(), 11);
    assert_eq!(int.issues[0].options[0], "-5");
    assert!((int.parties[0].ratings[0][0] - 30.0).abs() < 1e-9);
    assert!((int.parties[0].ratings[0][10] - 100.0).abs() < 1e-9);
    // Wholesaler: reservation 0.5.
    let wh = import_set(find("Wholesaler"));
    assert!((wh.parties[0].reservation - 50.0).abs() < 1e-9);
    // GW_JapanTrip: reservation bid → its utility.
    let jt = import_set(find("GW_JapanTrip"));
    let expected = 100.0 * (0.57 * 0.2 + 0.09 * 0.2 + 0.17 * 0.1 + 0.17 * 0.3);
    assert!((jt.parties[0].reservation - expected).abs() < 1e-9);
    assert_eq!(jt.parties[0].name, "japantrip1");
    assert_eq!(
        jt.issues
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["place", "budget", "days", "purpose"]
    );
}

/// ANL 2023 `specials.json`: the organisers' size, Pareto front, Nash, social welfare and their
/// "Kalai" (the front point minimising |u_A − u_B|), recomputed by brute force on the import.
#[test]
fn anl2023_specials_agree() {
    for set in SETS.iter().filter(|s| s.dir.starts_with("ANL2023")) {
        let d = import_set(set);
        let specials: serde_json::Value =
            serde_json::from_slice(&read(set, "specials.json")).unwrap();
        assert_eq!(
            specials["size"].as_u64().unwrap() as u128,
            d.package_count(),
            "{}",
            set.dir
        );
        let index: Vec<HashMap<&str, usize>> = d
            .issues
            .iter()
            .map(|i| {
                i.options
                    .iter()
                    .enumerate()
                    .map(|(k, o)| (o.as_str(), k))
                    .collect()
            })
            .collect();
        let bid_of = |b: &serde_json::Value| -> Vec<usize> {
            d.issues
                .iter()
                .enumerate()
                .map(|(i, iss)| index[i][b[&iss.name].as_str().unwrap()])
                .collect()
        };
        let check_point = |entry: &serde_json::Value, what: &str| {
            let c = bid_of(&entry["bid"]);
            for p in 0..2 {
                let u = d.utility(p, &c).unwrap() / 100.0;
                let s = entry["utility"][p].as_f64().unwrap();
                assert!(
                    (u - s).abs() < 1e-9,
                    "{} {what} party {p}: {u} vs {s}",
                    set.dir
                );
            }
        };
        for key in ["nash", "kalai", "social_welfare"] {
            check_point(&specials[key], key);
        }
        let front = specials["pareto_front"].as_array().unwrap();
        for e in front {
            check_point(e, "pareto_front");
        }
        // Brute-force frontier of the imported plan (distinct utility points).
        let sizes: Vec<usize> = d.issues.iter().map(|i| i.options.len()).collect();
        let mut pts = Vec::new();
        for_each_package(&sizes, |c| {
            pts.push((
                d.utility(0, c).unwrap() / 100.0,
                d.utility(1, c).unwrap() / 100.0,
            ))
        });
        pts.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap()
                .then(b.1.partial_cmp(&a.1).unwrap())
        });
        let mut frontier: Vec<(f64, f64)> = Vec::new();
        let mut best_b = f64::NEG_INFINITY;
        for (a, b) in pts {
            if b > best_b + 1e-12 {
                frontier.push((a, b));
                best_b = b;
            }
        }
        assert_eq!(frontier.len(), front.len(), "{}: frontier size", set.dir);
        for e in front {
            let (a, b) = (
                e["utility"][0].as_f64().unwrap(),
                e["utility"][1].as_f64().unwrap(),
            );
            assert!(
                frontier
                    .iter()
                    .any(|(x, y)| (x - a).abs() < 1e-9 && (y - b).abs() < 1e-9),
                "{}: front point ({a}, {b}) not on the brute-force frontier",
                set.dir
            );
        }
        let nash = frontier.iter().cloned().fold((0.0, 0.0), |acc, p| {
            if p.0 * p.1 > acc.0 * acc.1 {
                p
            } else {
                acc
            }
        });
        assert!(
            (nash.0 - specials["nash"]["utility"][0].as_f64().unwrap()).abs() < 1e-9,
            "{} nash",
            set.dir
        );
        let sw = frontier.iter().cloned().fold((0.0, 0.0), |acc, p| {
            if p.0 + p.1 > acc.0 + acc.1 {
                p
            } else {
                acc
            }
        });
        assert!(
            (sw.0 - specials["social_welfare"]["utility"][0].as_f64().unwrap()).abs() < 1e-9,
            "{} sw",
            set.dir
        );
        let kalai = frontier.iter().cloned().fold((0.0f64, 10.0f64), |acc, p| {
            if (p.0 - p.1).abs() < (acc.0 - acc.1).abs() {
                p
            } else {
                acc
            }
        });
        assert!(
            (kalai.0 - specials["kalai"]["utility"][0].as_f64().unwrap()).abs() < 1e-9,
            "{} kalai",
            set.dir
        );
    }
}
