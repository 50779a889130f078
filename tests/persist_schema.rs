//! Every schema version's stored documents, kept in tests/fixtures/schema/v<N>/, still
//! read: older ones migrate forward, the current one reads as written.

use planner::model::{
    sample_plan, MoveKind, PlanId, Rehearsal, RehearsalId, RehearsalMove, RehearsalResult, Side,
    Style,
};
use planner::persist::schema::{
    decode_index, decode_plan, encode_index, encode_plan, LibraryIndex, SCHEMA_VERSION,
};
use std::path::PathBuf;

fn fixture(version: u64, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema/v{version}/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sample plan, as version 2 stored it (that fixture was written from it).
fn sample() -> planner::model::Plan {
    sample_plan(PlanId::parse("pfixture2").unwrap(), 1_764_000_000_000)
}

/// The sample plan with what the current version adds: a finished rehearsal (v3).
fn current_plan() -> planner::model::Plan {
    let mut plan = sample();
    let offer = |by: Side, picks: [usize; 4], message: &str| RehearsalMove {
        by,
        kind: MoveKind::Offer,
        choices: plan
            .issues
            .iter()
            .zip(picks)
            .map(|(i, k)| (i.id.clone(), i.options[k].id.clone()))
            .collect(),
        message: message.into(),
    };
    let moves = vec![
        offer(Side::Us, [2, 2, 2, 2], ""),
        offer(
            Side::Them,
            [0, 0, 0, 2],
            "That is below what we can accept. We can agree on remote days per week.",
        ),
        offer(Side::Us, [1, 1, 1, 2], ""),
        RehearsalMove {
            by: Side::Them,
            kind: MoveKind::Accept,
            choices: Default::default(),
            message: "We accept: we have a deal.".into(),
        },
    ];
    let id = RehearsalId::from_seq(plan.take_seq());
    plan.rehearsals.push(Rehearsal {
        id,
        at: 1_764_000_100_000,
        you: plan.parties[0].id.clone(),
        counterpart: plan.parties[1].id.clone(),
        seed: 4_056_789_123,
        style: Style::Mirror,
        surprise: true,
        as_estimated: false,
        rounds: 10,
        moves,
        result: Some(RehearsalResult {
            agreed: true,
            ended_by: Side::Them,
            round: 2,
            ours: 72.5,
            theirs: 51.25,
        }),
    });
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
        let (plan, notes) = decode_plan(&fixture(version, "plan.json"))
            .unwrap_or_else(|e| panic!("v{version} plan: {e}"));
        assert_eq!(notes, Vec::<String>::new(), "v{version}");
        match version {
            1 => {
                assert_eq!(plan.title, "Office lease renewal");
                assert!(plan.notes.starts_with("Landlord"));
            }
            // Written from the sample plan; it opens unchanged, with no rehearsal.
            _ => assert_eq!(plan, sample(), "v{version}"),
        }
        assert!(plan.parties.len() >= 2, "v{version}");
        assert!(plan.check().is_ok(), "v{version}");
        // Migrated and saved again, it reads back identically.
        assert_eq!(decode_plan(&encode_plan(&plan)).unwrap().0, plan);
        let index = decode_index(&fixture(version, "index.json"))
            .unwrap_or_else(|e| panic!("v{version} index: {e}"));
        assert_eq!(index.plans.len(), 1, "v{version}");
        assert_eq!(index.plans[0].id, plan.id, "v{version}");
    }
}
