//! Every research fixture imported as a plan: the planner's own analysis of that plan (its
//! frontier, Nash and Kalai–Smorodinsky points) equals an exact brute-force computation,
//! and exporting the plan and importing it again gives every party the same utilities.

mod formats_common;

use formats_common::*;
use planner::analysis::plan::{package_values, PlanProblem};
use planner::analysis::{analyze, oracle, FrontierOptions};
use planner::formats::plan_domain::{domain_from_plan, plan_from_domain};
use planner::formats::{genius_xml, geniusweb, ImportOptions, InputFile};
use planner::model::{Package, PackageId, Plan, PlanId};

fn plan_of(set: &Set) -> Plan {
    plan_from_domain(
        &import_set(set),
        &format!("{}/{}", set.dir, set.domain),
        PlanId::parse("pimport").unwrap(),
        0,
    )
}

#[test]
fn every_fixture_plan_analyses_exactly_as_brute_force() {
    for set in SETS {
        let plan = plan_of(set);
        assert_eq!(plan.check(), Ok(()), "{}", set.dir);
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", set.dir));
        let e = oracle::enumerate(&a.model, 2_000_000)
            .unwrap_or_else(|| panic!("{} is too large for the oracle", set.dir));
        let front = oracle::frontier(&e);
        assert_eq!(front.len(), a.frontier.len(), "{} frontier size", set.dir);
        for (k, q) in front.iter().enumerate() {
            assert_eq!(
                a.frontier.values_fixed(k),
                &q.values[..],
                "{} point {k}",
                set.dir
            );
            assert_eq!(a.frontier.count(k), q.count, "{} ties at {k}", set.dir);
        }
        let want = oracle::values(&a.model, &e, &front);
        let close = |x: Option<f64>, y: Option<f64>, what: &str| match (x, y) {
            (Some(x), Some(y)) => assert!(
                (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                "{} {what}: {x} vs {y}",
                set.dir
            ),
            (None, None) => {}
            other => panic!("{} {what}: {other:?}", set.dir),
        };
        close(a.points.nash.as_ref().map(|p| p.score), want.nash, "Nash");
        close(
            a.points.kalai_smorodinsky.as_ref().map(|p| p.score),
            want.ks,
            "Kalai–Smorodinsky",
        );
        // The plan's own package valuation agrees with the engine on the Nash package.
        if let Some(nash) = &a.points.nash {
            let package = Package {
                id: PackageId::from_seq(1),
                name: String::new(),
                choices: pp.choices(&nash.package),
                notes: String::new(),
                group: String::new(),
                favourite: false,
            };
            for (x, y) in package_values(&plan, &package).iter().zip(&nash.values) {
                assert!((x - y).abs() < 1e-6, "{}: {x} vs {y}", set.dir);
            }
        }
    }
}

/// Every party's value of a sample of packages: the first option everywhere, the last
/// everywhere, and a diagonal.
fn utilities(plan: &Plan) -> Vec<Vec<f64>> {
    let picks: [&dyn Fn(usize, usize) -> usize; 3] = [&|_, _| 0, &|_, n| n - 1, &|i, n| i % n];
    picks
        .iter()
        .map(|pick| {
            let package = Package {
                id: PackageId::from_seq(1),
                name: String::new(),
                choices: plan
                    .issues
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| !i.options.is_empty())
                    .map(|(k, i)| (i.id.clone(), i.options[pick(k, i.options.len())].id.clone()))
                    .collect(),
                notes: String::new(),
                group: String::new(),
                favourite: false,
            };
            package_values(plan, &package)
        })
        .collect()
}

#[test]
fn a_plan_exported_and_imported_again_keeps_every_utility() {
    for set in SETS {
        let plan = plan_of(set);
        let domain = domain_from_plan(&plan);
        for (format, export, import) in [
            (
                "GENIUS",
                genius_xml::export as fn(&_) -> _,
                genius_xml::import as fn(InputFile, &[InputFile], &ImportOptions) -> _,
            ),
            ("GeniusWeb", geniusweb::export, geniusweb::import),
        ] {
            let files = export(&domain).unwrap_or_else(|e| panic!("{} {format}: {e}", set.dir));
            let (first, rest) = files.files.split_first().unwrap();
            let profiles: Vec<InputFile> = rest
                .iter()
                .map(|f| InputFile::new(&f.name, f.contents.as_bytes()))
                .collect();
            let back = import(
                InputFile::new(&first.name, first.contents.as_bytes()),
                &profiles,
                &ImportOptions::default(),
            )
            .unwrap_or_else(|e| panic!("{} {format} re-import: {e}", set.dir));
            let again = plan_from_domain(&back, "again.xml", PlanId::parse("pagain").unwrap(), 0);
            for (x, y) in utilities(&plan)
                .iter()
                .flatten()
                .zip(utilities(&again).iter().flatten())
            {
                assert!((x - y).abs() < 1e-7, "{} {format}: {x} vs {y}", set.dir);
            }
        }
    }
}

#[test]
fn every_fixture_set_is_recognised_from_its_content() {
    use planner::formats::detect::{detect, Detected, NamedText};
    for set in SETS {
        let mut names = vec![set.profiles[1], set.domain, set.profiles[0]];
        names.dedup();
        let files: Vec<NamedText> = names
            .iter()
            .map(|n| NamedText {
                name: n.to_string(),
                text: String::from_utf8_lossy(&read(set, n)).into_owned(),
            })
            .collect();
        let found = detect(&files).unwrap_or_else(|e| panic!("{}: {e}", set.dir));
        assert!(found.ignored.is_empty(), "{}", set.dir);
        let (domain, profiles, web) = match found.import {
            Detected::Genius { domain, profiles } => (domain, profiles, false),
            Detected::GeniusWeb { domain, profiles } => (domain, profiles, true),
            Detected::Planner(_) => panic!("{}: taken for a planner file", set.dir),
        };
        assert_eq!(domain.name, set.domain, "{}", set.dir);
        assert_eq!(profiles.len(), 2, "{}", set.dir);
        assert_eq!(web, matches!(set.kind, Kind::GeniusWeb), "{}", set.dir);
    }
}

/// An imported plan is titled after its folder, like a name; the domain's internal name
/// (often a placeholder such as "Conflict") is kept in the notes.
#[test]
fn imported_plans_are_titled_after_their_folder() {
    let ampo = plan_of(&SETS[0]);
    assert_eq!(ampo.title, "AMPO vs City");
    assert!(ampo.notes.contains("“Conflict”"), "{}", ampo.notes);
    assert!(
        ampo.notes.contains("AMPOvsCity/ampo_vs_city_template.xml"),
        "{}",
        ampo.notes
    );
    for set in SETS {
        let plan = plan_of(set);
        assert!(
            !plan.title.contains(['_', '/']),
            "{}: {}",
            set.dir,
            plan.title
        );
    }
}

/// A single-value issue is legal in both research formats: it is a settled issue. The plan
/// it becomes is ready for the analysis, which treats the issue as fixed and agrees with
/// brute force.
#[test]
fn a_one_option_issue_is_settled_and_the_plan_is_analysed() {
    use planner::model::readiness::analysis_blocker;
    use planner::model::Step;
    let gw_domain = r#"{"name": "d", "issuesValues": {"Food": {"values": ["Pizza", "Soup"]},
        "Venue": {"values": ["Hall"]}, "Days": {"values": ["1", "2", "3"]}}}"#;
    let gw_profile = |w: [f64; 3], food: [f64; 2], days: [f64; 3]| {
        format!(
            r#"{{"LinearAdditiveUtilitySpace": {{"issueWeights": {{"Food": {}, "Venue": {}, "Days": {}}},
            "issueUtilities": {{
              "Food": {{"DiscreteValueSetUtilities": {{"valueUtilities": {{"Pizza": {}, "Soup": {}}}}}}},
              "Venue": {{"DiscreteValueSetUtilities": {{"valueUtilities": {{"Hall": 1}}}}}},
              "Days": {{"DiscreteValueSetUtilities": {{"valueUtilities": {{"1": {}, "2": {}, "3": {}}}}}}}}}}}}}"#,
            w[0], w[1], w[2], food[0], food[1], days[0], days[1], days[2]
        )
    };
    let a = gw_profile([0.5, 0.2, 0.3], [1.0, 0.2], [0.0, 0.5, 1.0]);
    let b = gw_profile([0.3, 0.1, 0.6], [0.1, 1.0], [1.0, 0.6, 0.0]);
    let gw = geniusweb::import(
        InputFile::new("d.json", gw_domain.as_bytes()),
        &[
            InputFile::new("a.json", a.as_bytes()),
            InputFile::new("b.json", b.as_bytes()),
        ],
        &ImportOptions::default(),
    )
    .expect("a single-value issue imports");

    let xml_domain = r#"<negotiation_template><utility_space><objective index="0" name="D">
<issue index="1" name="Food" type="discrete"><item index="1" value="Pizza"/><item index="2" value="Soup"/></issue>
<issue index="2" name="Venue" type="discrete"><item index="1" value="Hall"/></issue>
</objective></utility_space></negotiation_template>"#;
    let xml_profile = |food: [u32; 2]| {
        format!(
            r#"<utility_space><objective index="0" name="D">
<issue index="1" name="Food" type="discrete"><item value="Pizza" evaluation="{}"/><item value="Soup" evaluation="{}"/></issue>
<issue index="2" name="Venue" type="discrete"><item value="Hall" evaluation="1"/></issue>
<weight index="1" value="0.7"/><weight index="2" value="0.3"/></objective></utility_space>"#,
            food[0], food[1]
        )
    };
    let (x, y) = (xml_profile([3, 1]), xml_profile([1, 2]));
    let genius = genius_xml::import(
        InputFile::new("d.xml", xml_domain.as_bytes()),
        &[
            InputFile::new("x.xml", x.as_bytes()),
            InputFile::new("y.xml", y.as_bytes()),
        ],
        &ImportOptions::default(),
    )
    .expect("a single-item issue imports");

    for (what, domain) in [("GeniusWeb", gw), ("GENIUS", genius)] {
        let plan = plan_from_domain(&domain, "d", PlanId::parse("pone").unwrap(), 0);
        assert_eq!(analysis_blocker(&plan), None, "{what}");
        assert!(Step::Evaluate.is_complete(&plan), "{what}");
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).expect(what);
        let e = oracle::enumerate(&a.model, 1000).expect(what);
        let front = oracle::frontier(&e);
        assert_eq!(front.len(), a.frontier.len(), "{what}");
        let venue = plan.issues.iter().position(|i| i.name == "Venue").unwrap();
        // The settled issue is the same in every frontier package.
        for k in 0..a.frontier.len() {
            assert_eq!(a.frontier.package(k)[venue], 0, "{what}");
        }
        assert!(a.points.nash.is_some(), "{what}");
    }
}

/// Every fixture folder taken whole, as a researcher drops it: its domain and profiles are
/// recognised, and anything else in it (the ANL organisers' specials.json) is set aside.
#[test]
fn every_fixture_folder_taken_whole_is_recognised() {
    use planner::formats::detect::{detect, NamedText};
    for set in SETS {
        let mut files: Vec<NamedText> = std::fs::read_dir(fixtures_dir().join(set.dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| NamedText {
                name: format!("{}/{}", set.dir, p.file_name().unwrap().to_string_lossy()),
                text: String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
            })
            .collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let found = detect(&files).unwrap_or_else(|e| panic!("{}: {e}", set.dir));
        let ignored: Vec<&str> = found.ignored.iter().map(|i| i.name.as_str()).collect();
        let expected: Vec<String> = files
            .iter()
            .filter(|f| f.name.ends_with("specials.json"))
            .map(|f| f.name.clone())
            .collect();
        assert_eq!(ignored, expected, "{}", set.dir);
    }
}
