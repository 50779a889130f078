//! Every schema version's stored documents, kept in tests/fixtures/schema/v<N>/, still
//! read: older ones migrate forward, the current one reads as written.

use planner::model::{sample_plan, Agreement, Contingency, Outcome, Plan, PlanId};
use planner::model::{
    MoveKind, Rehearsal, RehearsalId, RehearsalMove, RehearsalResult, Side, Style,
};
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
    with_v5_fields(&mut plan);
    with_v6_fields(&mut plan);
    plan
}

/// Version 6: a finished rehearsal.
fn with_v6_fields(plan: &mut Plan) {
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
}

/// The sample plan prepared as a team: two members' views, a decision and a proposal.
fn team_plan() -> planner::model::Plan {
    use planner::model::team::{Place, Rule};
    use planner::team::{choose, merge, request};
    let mut plan = current_plan();
    plan.team.me = "Olga".into();
    let req = request::make_request(&plan, "Olga", true, "rfixture".into(), 1_764_000_100_000);
    let mut mine = request::plan_from_request(
        &req,
        PlanId::parse("pfixtureben").unwrap(),
        1_764_000_200_000,
    )
    .unwrap();
    let (us, salary) = (plan.parties[0].id.clone(), plan.issues[0].id.clone());
    if let Some(s) = mine.party_mut(&us).and_then(|p| p.weights.get_mut(&salary)) {
        s.value = 20.0;
    }
    mine.add_interest(&plan.parties[1].id, "Predictable costs");
    mine.team.answering.as_mut().unwrap().member = "Ben".into();
    let answer = request::answer_from_plan(&mine, 1_764_000_300_000)
        .unwrap()
        .answer;
    merge::merge_answer(&mut plan, &answer, false, 1_764_000_400_000).unwrap();
    choose::choose(&mut plan, &us, &Place::Weight(salary), Rule::Median).unwrap();
    plan
}

/// Version 5: a party's weight working (method, swings, a holistic check) and a BATNA tree.
fn with_v5_fields(plan: &mut planner::model::Plan) {
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
        std::fs::write(dir.join("team.json"), encode_plan(&team_plan())).unwrap();
    }
    let (plan, notes) = decode_plan(&fixture(SCHEMA_VERSION, "plan.json")).unwrap();
    assert_eq!(notes, Vec::<String>::new());
    assert_eq!(plan, current_plan());
    let index = decode_index(&fixture(SCHEMA_VERSION, "index.json")).unwrap();
    assert_eq!(index.plans, vec![current_plan().summary()]);
    let (plan, notes) = decode_plan(&fixture(SCHEMA_VERSION, "team.json")).unwrap();
    assert_eq!(notes, Vec::<String>::new());
    assert_eq!(plan, team_plan());
}

#[test]
fn every_older_version_migrates_to_the_current_one() {
    for version in 1..SCHEMA_VERSION {
        let text = fixture(version, "plan.json");
        let (plan, notes) = decode_plan(&text).unwrap_or_else(|e| panic!("v{version} plan: {e}"));
        assert_eq!(notes, Vec::<String>::new(), "v{version}");
        // Version 1 kept an office lease; later fixtures are the sample plan of their day.
        let (title, notes_start) = match version {
            1 => ("Office lease renewal", "Landlord"),
            _ => ("Example: a job offer", "Dana has an offer"),
        };
        assert_eq!(plan.title, title, "v{version}");
        assert!(plan.notes.starts_with(notes_start), "v{version}");
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
        // A version that had teams keeps its views, decisions and proposals.
        let team = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/schema/v{version}/team.json"));
        if let Ok(text) = std::fs::read_to_string(&team) {
            let (plan, notes) =
                decode_plan(&text).unwrap_or_else(|e| panic!("v{version} team: {e}"));
            assert_eq!(notes, Vec::<String>::new(), "v{version}");
            assert_eq!(plan.team.views.len(), 2, "v{version}");
            assert!(!plan.team.decisions.is_empty(), "v{version}");
        }
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

/// A plan saved before teams existed reads exactly as it was written: no team.
#[test]
fn a_version_2_plan_opens_unchanged() {
    let text = fixture(2, "plan.json");
    let (plan, notes) = decode_plan(&text).unwrap();
    assert_eq!(notes, Vec::<String>::new());
    assert!(plan.team.is_empty());
    let mut old: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut new: serde_json::Value = serde_json::from_str(&encode_plan(&plan)).unwrap();
    old.as_object_mut().unwrap().remove("schema");
    new.as_object_mut().unwrap().remove("schema");
    assert_eq!(old, new);
}
