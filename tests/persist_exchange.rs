//! Export and import: lossless round trips on random plans, and bad files refused with a
//! message that names the problem and where it is, importing nothing.

use planner::model::*;
use planner::persist::exchange::{export, import};
use proptest::prelude::*;

fn sample() -> Plan {
    sample_plan(PlanId::parse("psample").unwrap(), 1_000)
}

/// Text with the characters that break naive code: quotes, markup, RTL, emoji, newlines.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,.]{0,30}",
        Just("<script>alert(1)</script> & \"quotes\" \\ back".to_string()),
        Just("عقد التوريد 😀 line\nbreak\ttab".to_string()),
        any::<String>(),
    ]
}

fn score() -> impl Strategy<Value = Score> {
    (
        0.0f64..=100.0,
        prop_oneof![
            Just(Confidence::Low),
            Just(Confidence::Medium),
            Just(Confidence::High)
        ],
        any::<bool>(),
    )
        .prop_map(|(value, confidence, locked)| Score {
            value,
            confidence,
            locked,
        })
}

/// A random consistent plan: 2–4 parties, interests, links, issues with options, scores,
/// packages, offers and questions, all referring to each other.
fn plan() -> impl Strategy<Value = Plan> {
    (
        text(),
        text(),
        2usize..5,
        prop::collection::vec((0usize..4, text(), text()), 0..6),
        prop::collection::vec((text(), prop::collection::vec(text(), 1..4)), 0..5),
        prop::collection::vec(score(), 64),
        prop::collection::vec(0.0f64..=100.0, 12),
        any::<u64>(),
    )
        .prop_map(
            |(title, notes, n_parties, interests, issues, scores, numbers, seed)| {
                let mut p = Plan::new(PlanId::parse("prandom").unwrap(), title, 17);
                p.notes = notes;
                for k in 2..n_parties {
                    p.add_party(&format!("Party {k}"));
                }
                let party_ids: Vec<PartyId> = p.parties.iter().map(|x| x.id.clone()).collect();
                for (k, party) in p.parties.iter_mut().enumerate() {
                    let v = numbers[k % numbers.len()];
                    party.reservation = Estimate {
                        value: v,
                        low: v * 0.5,
                        high: v + (100.0 - v) * 0.5,
                    };
                    party.batna = format!("BATNA {k}");
                }
                let mut interest_ids = Vec::new();
                for (owner, statement, why) in interests {
                    let party = party_ids[owner % party_ids.len()].clone();
                    let id = p.add_interest(&party, &statement);
                    if let Some(i) = p.interests.last_mut() {
                        i.why = why;
                        i.kind = InterestKind::Process;
                    }
                    interest_ids.push((id, party));
                }
                for a in 0..interest_ids.len() {
                    for b in a + 1..interest_ids.len() {
                        if interest_ids[a].1 != interest_ids[b].1 && (seed >> (a + b)) & 1 == 1 {
                            p.links.push(InterestLink {
                                a: interest_ids[a].0.clone(),
                                b: interest_ids[b].0.clone(),
                                relation: Relation::Different,
                            });
                        }
                    }
                }
                let mut s = scores.into_iter().cycle();
                let mut choices = std::collections::BTreeMap::new();
                for (name, labels) in issues {
                    let issue = p.add_issue(&name);
                    for label in labels {
                        let option = p.add_option(&issue, &label).unwrap();
                        if let Some((first, _)) = interest_ids.first() {
                            let o = p.issues.last_mut().unwrap().options.last_mut().unwrap();
                            o.serves.push(first.clone());
                        }
                        for party in p.parties.iter_mut() {
                            party.ratings.insert(option.clone(), s.next().unwrap());
                        }
                        choices.insert(issue.clone(), option);
                    }
                    for party in p.parties.iter_mut() {
                        party.weights.insert(issue.clone(), s.next().unwrap());
                    }
                }
                let package = PackageId::from_seq(p.take_seq());
                p.packages.push(Package {
                    id: package.clone(),
                    name: "Package".into(),
                    choices,
                    notes: String::new(),
                    group: if seed % 2 == 0 {
                        "MESO 1".into()
                    } else {
                        String::new()
                    },
                    favourite: seed % 3 == 0,
                });
                let offer = OfferId::from_seq(p.take_seq());
                p.offers.push(Offer {
                    id: offer,
                    party: party_ids[1].clone(),
                    package,
                    at: 99,
                    response: OfferResponse::Countered,
                    notes: "countered".into(),
                });
                let q = QuestionId::from_seq(p.take_seq());
                p.questions.push(Question {
                    id: q,
                    question: "What is the market rate?".into(),
                    why: String::new(),
                    issues: p.issues.iter().map(|i| i.id.clone()).take(1).collect(),
                    interests: interest_ids.iter().map(|i| i.0.clone()).take(2).collect(),
                    owner: "us".into(),
                    source: String::new(),
                    status: QuestionStatus::Disputed,
                    answer: String::new(),
                });
                if seed % 3 == 0 {
                    p.perspective = Perspective::Neutral;
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn export_then_import_is_the_identity(plans in prop::collection::vec(plan(), 1..4)) {
        for p in &plans {
            prop_assert_eq!(p.check(), Ok(()));
        }
        let back = import(&export(&plans, 5)).expect("a fresh export imports");
        prop_assert_eq!(back, plans);
    }

    /// Whatever bytes arrive, import answers with plans or a message, never a panic.
    #[test]
    fn import_never_panics(text in any::<String>()) {
        let _ = import(&text);
    }
}

#[test]
fn the_sample_plan_round_trips() {
    let plans = vec![sample()];
    assert_eq!(import(&export(&plans, 5)).unwrap(), plans);
}

#[test]
fn a_single_stored_plan_document_imports_too() {
    let text = planner::persist::schema::encode_plan(&sample());
    assert_eq!(import(&text).unwrap(), vec![sample()]);
}

#[test]
fn an_older_version_file_is_migrated() {
    let v1 = r#"{"format":"negotiation-planner","schema":1,"exported":1,
        "plans":[{"id":"pold","title":"Old plan","created":1,"updated":2}]}"#;
    let plans = import(v1).unwrap();
    assert_eq!(plans[0].title, "Old plan");
    assert_eq!(plans[0].parties.len(), 2);
}

/// Bad files: (file text, words the message must contain).
#[test]
fn bad_files_are_refused_with_the_problem_and_its_place() {
    let good = export(&[sample()], 5);
    let cases: Vec<(String, Vec<&str>)> = vec![
        ("".into(), vec!["not a JSON file", "line 1"]),
        (
            "{\"plans\": [1,\n 2,,]}".into(),
            vec!["not a JSON file", "line 2"],
        ),
        ("[1, 2]".into(), vec!["not a planner file"]),
        (
            "{\"hello\": 1}".into(),
            vec!["not a planner file", "no \"plans\""],
        ),
        (
            "{\"format\":\"other\",\"schema\":2,\"plans\":[]}".into(),
            vec!["not a planner file", "at format"],
        ),
        (
            "{\"format\":\"negotiation-planner\",\"schema\":9,\"plans\":[]}".into(),
            vec!["newer version", "at schema"],
        ),
        (
            "{\"format\":\"negotiation-planner\",\"schema\":2,\"plans\":[]}".into(),
            vec!["holds no plan"],
        ),
        (
            good.replacen("\"value\": 45.0", "\"value\": \"forty\"", 1),
            vec![
                "does not fit",
                "plans[0].parties[0].reservation.value",
                "line ",
            ],
        ),
        (
            good.replacen("\"name\": \"Salary\"", "\"nom\": \"Salary\"", 1),
            vec!["missing field `name`", "plans[0].issues[0]"],
        ),
        (
            good.replacen("\"party\": \"party2\"", "\"party\": \"party77\"", 1),
            vec![
                "no party has the id \"party77\"",
                "plans[0].interests[3].party",
            ],
        ),
        (
            good.replacen("\"value\": 40.0", "\"value\": 140.0", 1),
            vec![
                "140 is not between 0 and 100",
                "plans[0].parties[0].weights",
            ],
        ),
        (
            good.replacen("\"id\": \"iss10\"", "\"id\": \"iss9\"", 1),
            vec!["used twice", "plans[0].issues"],
        ),
        (
            good.replacen("\"id\": \"party1\"", "\"id\": \"<img src=x>\"", 1),
            vec!["not a valid id", "plans[0].parties[0].id"],
        ),
        // Read without recursion: deep nesting is not a plan, whatever its depth.
        (
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
            vec!["not a planner file"],
        ),
        (
            format!(
                "{{\"format\":\"negotiation-planner\",\"schema\":1,\"plans\":[{}1{}]}}",
                "{\"a\":".repeat(200),
                "}".repeat(200)
            ),
            vec!["nested too deeply to be a plan"],
        ),
        (
            format!(
                "{{\"format\":\"negotiation-planner\",\"schema\":2,\"plans\":[{}{}]}}",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
            vec!["nested too deeply to be a plan"],
        ),
    ];
    for (text, words) in cases {
        let err = import(&text).expect_err(&format!("should refuse: {:.80}", text));
        let msg = err.to_string();
        for w in words {
            assert!(msg.contains(w), "message {msg:?} lacks {w:?}");
        }
        // The parser's own words are not for users.
        assert!(!msg.contains("recursion limit"), "{msg}");
    }
}

/// What `Plan::repair` would change, an import refuses (and nothing else): otherwise an
/// imported plan is repaired, and its original kept aside, every time it is opened.
#[test]
fn the_import_check_refuses_exactly_what_repair_would_change() {
    let base = sample();
    assert_eq!(base.check(), Ok(()));
    assert_eq!(base.clone().repair(), Vec::<String>::new());
    type Mutation = Box<dyn Fn(&mut Plan)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        (
            "a repeated link",
            Box::new(|p| p.links.push(p.links[0].clone())),
        ),
        (
            "a repeated link, reversed",
            Box::new(|p| {
                let mut l = p.links[0].clone();
                std::mem::swap(&mut l.a, &mut l.b);
                p.links.push(l)
            }),
        ),
        (
            "a repeated serves entry",
            Box::new(|p| {
                let id = p.interests[0].id.clone();
                let o = &mut p.issues[0].options[0];
                o.serves = vec![id.clone(), id];
            }),
        ),
        (
            "a link within one party",
            Box::new(|p| {
                let a = p.interests[0].id.clone();
                p.links[0].b = a.clone();
                p.links[0].a = a;
            }),
        ),
        (
            "a link to a missing interest",
            Box::new(|p| p.links[0].a = InterestId("int999".into())),
        ),
        (
            "a serves entry for a missing interest",
            Box::new(|p| {
                p.issues[0].options[0]
                    .serves
                    .push(InterestId("int999".into()))
            }),
        ),
        (
            "a weight for a missing issue",
            Box::new(|p| {
                p.parties[0]
                    .weights
                    .insert(IssueId("iss999".into()), Score::new(1.0));
            }),
        ),
        (
            "a rating above 100",
            Box::new(|p| {
                let id = p.issues[0].options[0].id.clone();
                p.parties[0].ratings.insert(id, Score::new(101.0));
            }),
        ),
        (
            "a reservation range that excludes its value",
            Box::new(|p| p.parties[1].reservation.low = 99.0),
        ),
        (
            "a package choosing another issue's option",
            Box::new(|p| {
                let wrong = p.issues[1].options[0].id.clone();
                let issue = p.issues[0].id.clone();
                p.packages[0].choices.insert(issue, wrong);
            }),
        ),
        (
            "an offer of a missing package",
            Box::new(|p| {
                p.offers.push(Offer {
                    id: OfferId("off999".into()),
                    party: p.parties[0].id.clone(),
                    package: PackageId("pkg999".into()),
                    at: 0,
                    response: OfferResponse::Pending,
                    notes: String::new(),
                })
            }),
        ),
        (
            "a question about a missing interest",
            Box::new(|p| p.questions[0].interests.push(InterestId("int999".into()))),
        ),
        (
            "a repeated id",
            Box::new(|p| p.issues[1].id = p.issues[0].id.clone()),
        ),
        (
            "one party",
            Box::new(|p| {
                p.parties.truncate(1);
                p.perspective = Perspective::Neutral;
                let keep = p.parties[0].id.clone();
                p.interests.retain(|i| i.party == keep);
                p.links.clear();
                p.offers.clear();
            }),
        ),
    ];
    for (what, mutate) in mutations {
        let mut plan = base.clone();
        mutate(&mut plan);
        let refused = plan.check().is_err();
        let repaired = !plan.clone().repair().is_empty();
        assert!(refused, "{what}: the import check accepts it");
        assert!(repaired, "{what}: repair leaves it");
        // And the file refuses it, naming the plan.
        let err = import(&export(&[plan], 5)).unwrap_err().to_string();
        assert!(err.contains("plan “Example: a job offer”"), "{what}: {err}");
    }
}

#[test]
fn plans_larger_than_the_limits_are_refused_naming_the_limit() {
    let mut plan = sample();
    let party = plan.parties[1].id.clone();
    for k in 0..2_001 {
        plan.add_interest(&party, &format!("Interest {k}"));
    }
    let err = import(&export(&[sample(), plan], 5))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("plan “Example: a job offer”: it has 2,007 interests; the planner takes at most 2,000 (at plans[1].interests)"),
        "{err}"
    );

    let big = format!(
        "{{\"format\":\"negotiation-planner\",\"schema\":2,\"plans\":[\"{}\"]}}",
        "x".repeat(planner::persist::exchange::MAX_IMPORT_BYTES)
    );
    let err = import(&big).unwrap_err().to_string();
    assert!(
        err.contains("the largest the planner imports is 16 MB"),
        "{err}"
    );

    let mut huge = sample();
    huge.notes = "n".repeat(planner::persist::exchange::MAX_PLAN_BYTES);
    let err = import(&export(&[sample(), huge], 5))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "this plan is 8.0 MB of text; the largest the planner takes is 8 MB (at plans[1])"
        ),
        "{err}"
    );

    let many = format!(
        "{{\"format\":\"negotiation-planner\",\"schema\":2,\"plans\":[{}1]}}",
        "1,".repeat(planner::persist::exchange::MAX_PLANS)
    );
    let err = import(&many).unwrap_err().to_string();
    assert!(
        err.contains("holds 2,001 plans; the planner imports at most 2,000"),
        "{err}"
    );
}

/// A plan's text is read on its own, but its errors name the line of the whole file.
#[test]
fn errors_in_a_later_plan_name_the_line_of_the_file() {
    let good = export(&[sample(), sample()], 5);
    let second = good.rfind("\"value\": 45.0").unwrap();
    let line = good[..second].matches('\n').count() + 1;
    let bad = format!(
        "{}\"value\": \"forty\"{}",
        &good[..second],
        &good[second + "\"value\": 45.0".len()..]
    );
    let err = import(&bad).unwrap_err();
    assert_eq!(err.line, Some(line), "{err}");
    assert!(err.to_string().contains("at plans[1].parties[1]."), "{err}");
    let column = good[..second].len() - good[..second].rfind('\n').unwrap() - 1;
    assert!(err.column.unwrap() > column, "{err}");
}
