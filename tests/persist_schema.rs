//! Every schema version's stored documents, kept in tests/fixtures/schema/v<N>/, still
//! read: older ones migrate forward, the current one reads as written.

use planner::model::{sample_plan, Agreement, Contingency, Outcome, Plan, PlanId};
use planner::persist::schema::{
    decode_index, decode_plan, encode_index, encode_plan, LibraryIndex, SCHEMA_VERSION,
};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn fixture(version: u64, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema/v{version}/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The current version's plan: the sample (which has a strategy target), with the other
/// fields version 3 added in use: a contingent option and a recorded agreement.
fn current_plan() -> Plan {
    let mut plan = sample_plan(PlanId::parse("pfixture2").unwrap(), 1_764_000_000_000);
    let issue = plan.issues[1].clone();
    let (then, otherwise) = (issue.options[0].id.clone(), issue.options[1].id.clone());
    plan.add_option(&issue.id, "The larger bonus if the team ships by spring");
    let chances = BTreeMap::from([
        (plan.parties[0].id.clone(), 70.0),
        (plan.parties[1].id.clone(), 35.0),
    ]);
    if let Some(o) = plan.issues[1].options.last_mut() {
        o.contingent = Some(Contingency {
            event: "The team ships the release by spring".into(),
            then,
            otherwise,
            chances,
        });
    }
    let mut agreement = Agreement::new(Outcome::Agreed);
    agreement.choices = plan.packages[0].choices.clone();
    agreement.date = "2025-11-28".into();
    agreement.notes = "Signed after two rounds.".into();
    agreement.lessons = "Ask about the start date earlier.".into();
    plan.agreement = Some(agreement);
    plan
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
        let text = fixture(version, "plan.json");
        let (plan, notes) = decode_plan(&text).unwrap_or_else(|e| panic!("v{version} plan: {e}"));
        assert_eq!(notes, Vec::<String>::new(), "v{version}");
        assert!(plan.parties.len() >= 2, "v{version}");
        assert!(plan.check().is_ok(), "v{version}");
        // Migrated and saved again, it reads back identically.
        assert_eq!(decode_plan(&encode_plan(&plan)).unwrap().0, plan);
        // It opens unchanged: every field the old version wrote is written back as it was.
        let old: Value = serde_json::from_str(&text).unwrap();
        let new: Value = serde_json::from_str(&encode_plan(&plan)).unwrap();
        for (key, value) in old.as_object().unwrap() {
            if key != "schema" {
                assert_eq!(new.get(key), Some(value), "v{version}: {key}");
            }
        }
        let index = decode_index(&fixture(version, "index.json"))
            .unwrap_or_else(|e| panic!("v{version} index: {e}"));
        assert_eq!(index.plans.len(), 1, "v{version}");
        assert_eq!(index.plans[0].id, plan.id, "v{version}");
    }
    // Version 1 kept only the plan's text; it gains the two parties every plan has.
    let (v1, _) = decode_plan(&fixture(1, "plan.json")).unwrap();
    assert_eq!(v1.title, "Office lease renewal");
    assert!(v1.notes.starts_with("Landlord"));
    // Version 2 plans have no strategy, contingent option or agreement yet.
    let (v2, _) = decode_plan(&fixture(2, "plan.json")).unwrap();
    assert_eq!(v2.strategy.target, None);
    assert_eq!(v2.agreement, None);
    assert!(v2
        .issues
        .iter()
        .flat_map(|i| &i.options)
        .all(|o| o.contingent.is_none()));
}
