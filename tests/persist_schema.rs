//! Every schema version's stored documents, kept in tests/fixtures/schema/v<N>/, still
//! read: older ones migrate forward, the current one reads as written.

use planner::model::{sample_plan, PlanId};
use planner::persist::schema::{
    decode_index, decode_plan, encode_index, encode_plan, LibraryIndex, SCHEMA_VERSION,
};
use std::path::PathBuf;

fn fixture(version: u64, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema/v{version}/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sample plan with what each version added, so the fixture holds every field.
fn current_plan() -> planner::model::Plan {
    let mut plan = sample_plan(PlanId::parse("pfixture2").unwrap(), 1_764_000_000_000);
    with_v3_fields(&mut plan);
    plan
}

/// Version 3: a party's weight working (method, swings, a holistic check) and a BATNA tree.
fn with_v3_fields(plan: &mut planner::model::Plan) {
    use planner::model::{
        BatnaTree, Elicitation, HolisticCheck, JudgedPackage, MoneyScale, TreeAlternative,
        TreeOutcome, TreeUnit, WeightMethod,
    };
    let issues: Vec<_> = plan.issues.iter().map(|i| i.id.clone()).collect();
    let first_options: std::collections::BTreeMap<_, _> = plan
        .issues
        .iter()
        .map(|i| (i.id.clone(), i.options[0].id.clone()))
        .collect();
    let dana = &mut plan.parties[0];
    dana.elicitation = Elicitation {
        method: WeightMethod::Swing,
        adjusted: true,
        ranking: issues.clone(),
        swings: issues
            .iter()
            .cloned()
            .zip([100.0, 25.0, 40.0, 85.0])
            .collect(),
        holistic: Some(HolisticCheck {
            packages: vec![JudgedPackage {
                choices: first_options,
                score: Some(12.5),
            }],
        }),
    };
    dana.batna_tree = Some(BatnaTree {
        unit: TreeUnit::Money,
        money: MoneyScale {
            zero: 70_000.0,
            hundred: 100_000.0,
            currency: "€".into(),
        },
        per_month: 500.0,
        alternatives: vec![TreeAlternative {
            name: "Stay and ask for the promotion".into(),
            cost: 0.0,
            months: 4.0,
            outcomes: vec![
                TreeOutcome {
                    label: "Promoted".into(),
                    probability: Some(40.0),
                    value: Some(88_000.0),
                },
                TreeOutcome {
                    label: "Not promoted".into(),
                    probability: Some(60.0),
                    value: None,
                },
            ],
        }],
    });
}

/// The current version's fixtures are generated from the sample plan; set
/// UPDATE_FIXTURES=1 once when a new version is introduced (older ones never change).
#[test]
fn current_version_fixture_reads_as_written() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema/v{SCHEMA_VERSION}"));
    if std::env::var("UPDATE_FIXTURES").is_ok() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("plan.json"), encode_plan(&current_plan())).unwrap();
        let index = LibraryIndex {
            plans: vec![current_plan().summary()],
            seeded: true,
        };
        std::fs::write(dir.join("index.json"), encode_index(&index)).unwrap();
    }
    let (plan, notes) = decode_plan(&fixture(SCHEMA_VERSION, "plan.json")).unwrap();
    assert_eq!(notes, Vec::<String>::new());
    assert_eq!(plan, current_plan());
    let index = decode_index(&fixture(SCHEMA_VERSION, "index.json")).unwrap();
    assert_eq!(index.plans, vec![current_plan().summary()]);
}

#[test]
fn every_older_version_migrates_to_the_current_one() {
    for version in 1..SCHEMA_VERSION {
        let (plan, notes) = decode_plan(&fixture(version, "plan.json"))
            .unwrap_or_else(|e| panic!("v{version} plan: {e}"));
        assert_eq!(notes, Vec::<String>::new(), "v{version}");
        match version {
            1 => {
                assert_eq!(plan.title, "Office lease renewal");
                assert!(plan.notes.starts_with("Landlord"));
                assert!(plan.parties.len() >= 2);
            }
            // Version 2's fixture is the sample plan of its day: it opens unchanged.
            _ => assert_eq!(
                plan,
                sample_plan(PlanId::parse("pfixture2").unwrap(), 1_764_000_000_000),
                "v{version}"
            ),
        }
        assert!(plan.check().is_ok(), "v{version}");
        // Migrated and saved again, it reads back identically.
        assert_eq!(decode_plan(&encode_plan(&plan)).unwrap().0, plan);
        let index = decode_index(&fixture(version, "index.json"))
            .unwrap_or_else(|e| panic!("v{version} index: {e}"));
        assert_eq!(index.plans.len(), 1, "v{version}");
        assert_eq!(index.plans[0].id, plan.id, "v{version}");
    }
}
