//! Example plans written for this project, so a new user sees a complete preparation.

use super::*;
use std::collections::BTreeMap;

/// Sets a party's weight for an issue and its ratings for the issue's options, in order.
fn score(plan: &mut Plan, party: &PartyId, issue: &IssueId, weight: f64, ratings: &[f64]) {
    let options: Vec<OptionId> = plan
        .issue(issue)
        .map(|i| i.options.iter().map(|o| o.id.clone()).collect())
        .unwrap_or_default();
    if let Some(p) = plan.party_mut(party) {
        p.weights.insert(issue.clone(), Score::new(weight));
        for (option, rating) in options.iter().zip(ratings) {
            p.ratings.insert(option.clone(), Score::new(*rating));
        }
    }
}

/// The plan a first start opens: a job offer, prepared by the candidate.
pub fn sample_plan(id: PlanId, now: Millis) -> Plan {
    let mut plan = Plan::new(id, "Example: a job offer", now);
    plan.notes = "Dana has an offer from Nimbus, a software company, and wants to negotiate \
the package before signing. Her alternative is staying at her current job, which pays less \
but is fully remote. The hiring manager wants her to start within a month and has some room \
on salary, more on signing bonus, start date and remote days."
        .to_string();
    let dana = plan.parties[0].id.clone();
    let nimbus = plan.parties[1].id.clone();
    if let Some(p) = plan.party_mut(&dana) {
        p.name = "Dana (candidate)".into();
        p.role = "Senior engineer, receiving the offer".into();
        p.batna =
            "Stay in the current job: €78k, fully remote, a promotion review in spring.".into();
        p.reservation = Estimate::exact(45.0);
    }
    if let Some(p) = plan.party_mut(&nimbus) {
        p.name = "Nimbus (hiring manager)".into();
        p.role = "Engineering manager with a budget for the role".into();
        p.batna = "Keep the role open and interview for another two months.".into();
        p.reservation = Estimate {
            value: 40.0,
            low: 30.0,
            high: 55.0,
        };
    }

    let i_pay = plan.add_interest(&dana, "Earn clearly more than today");
    let i_home = plan.add_interest(&dana, "Time at home with a young child");
    let i_notice = plan.add_interest(&dana, "Leave the current employer on good terms");
    let n_budget = plan.add_interest(&nimbus, "Stay inside the salary band");
    let n_team = plan.add_interest(&nimbus, "Have her onboarded before the spring release");
    let n_culture = plan.add_interest(&nimbus, "A team that collaborates in the office");
    for (id, priority, kind, why) in [
        (
            &i_pay,
            Priority::High,
            InterestKind::Substantive,
            "Moving only makes sense if it pays.",
        ),
        (
            &i_home,
            Priority::High,
            InterestKind::Substantive,
            "Commuting every day is not sustainable.",
        ),
        (
            &i_notice,
            Priority::Medium,
            InterestKind::Relationship,
            "Small industry; references matter.",
        ),
        (
            &n_budget,
            Priority::High,
            InterestKind::Principle,
            "Pay equity across the team.",
        ),
        (
            &n_team,
            Priority::High,
            InterestKind::Substantive,
            "The release needs another senior.",
        ),
        (
            &n_culture,
            Priority::Medium,
            InterestKind::Relationship,
            "Mentoring works better in person.",
        ),
    ] {
        if let Some(i) = plan.interests.iter_mut().find(|i| &i.id == id) {
            i.priority = priority;
            i.kind = kind;
            i.why = why.into();
        }
    }
    plan.links.push(InterestLink {
        a: i_pay.clone(),
        b: n_budget.clone(),
        relation: Relation::Conflicting,
    });
    plan.links.push(InterestLink {
        a: i_notice.clone(),
        b: n_team.clone(),
        relation: Relation::Different,
    });
    plan.links.push(InterestLink {
        a: i_home.clone(),
        b: n_culture.clone(),
        relation: Relation::Conflicting,
    });

    let salary = plan.add_issue("Salary");
    let bonus = plan.add_issue("Signing bonus");
    let start = plan.add_issue("Start date");
    let remote = plan.add_issue("Remote days per week");
    for label in ["€85k", "€90k", "€95k"] {
        plan.add_option(&salary, label);
    }
    for label in ["None", "€5k", "€10k"] {
        plan.add_option(&bonus, label);
    }
    for label in ["In 2 weeks", "In 4 weeks", "In 8 weeks"] {
        plan.add_option(&start, label);
    }
    for label in ["1 day", "2 days", "3 days"] {
        plan.add_option(&remote, label);
    }
    if let Some(issue) = plan.issues.iter_mut().find(|i| i.id == salary) {
        issue.description = "Base salary per year.".into();
        issue.criteria.push(Criterion {
            standard: "Market rate for senior engineers in the city".into(),
            source: "Public salary survey".into(),
            applies: "The survey's median is €88k; the band's top is €96k.".into(),
        });
        for option in &mut issue.options {
            option.serves = vec![i_pay.clone()];
        }
    }
    if let Some(issue) = plan.issues.iter_mut().find(|i| i.id == start) {
        if let Some(o) = issue.options.get_mut(2) {
            o.serves = vec![i_notice.clone()];
        }
        if let Some(o) = issue.options.first_mut() {
            o.serves = vec![n_team.clone()];
        }
    }
    if let Some(issue) = plan.issues.iter_mut().find(|i| i.id == remote) {
        if let Some(o) = issue.options.get_mut(2) {
            o.serves = vec![i_home.clone()];
            o.origin = "Dana's idea".into();
        }
        if let Some(o) = issue.options.first_mut() {
            o.serves = vec![n_culture.clone()];
        }
    }

    score(&mut plan, &dana, &salary, 40.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &dana, &bonus, 10.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &dana, &start, 15.0, &[0.0, 50.0, 100.0]);
    score(&mut plan, &dana, &remote, 35.0, &[0.0, 50.0, 100.0]);
    score(&mut plan, &nimbus, &salary, 45.0, &[100.0, 60.0, 0.0]);
    score(&mut plan, &nimbus, &bonus, 10.0, &[100.0, 70.0, 0.0]);
    score(&mut plan, &nimbus, &start, 35.0, &[100.0, 70.0, 0.0]);
    score(&mut plan, &nimbus, &remote, 10.0, &[100.0, 60.0, 0.0]);
    if let Some(p) = plan.party_mut(&nimbus) {
        for s in p.weights.values_mut().chain(p.ratings.values_mut()) {
            s.confidence = Confidence::Medium;
        }
    }

    let package = PackageId::from_seq(plan.take_seq());
    let choices = choices_of(
        &plan,
        &[(&salary, 1), (&bonus, 1), (&start, 1), (&remote, 2)],
    );
    plan.packages.push(Package {
        id: package,
        name: "Middle ground, more remote".into(),
        choices,
        notes: "Trades a slightly lower salary for three remote days.".into(),
        group: String::new(),
        favourite: false,
    });

    let question = QuestionId::from_seq(plan.take_seq());
    plan.questions.push(Question {
        id: question,
        question: "How many remote days do senior engineers at Nimbus actually take?".into(),
        why: "If the team already works remotely two days, three is a small step for them.".into(),
        issues: vec![remote],
        interests: vec![n_culture],
        owner: "Dana".into(),
        source: "Ask the future team lead".into(),
        status: QuestionStatus::Open,
        answer: String::new(),
    });
    // Dana settled on the Strategy step's suggestion: halfway between the Nash package and the best
    // package Nimbus could still accept.
    plan.strategy.target = Some(72.5);
    plan
}

/// The example plans a user can start from, as (key, label, constructor). The key is stable
/// (tests and element ids use it); the label is what the library's button says.
pub type Template = (&'static str, &'static str, fn(PlanId, Millis) -> Plan);

pub fn templates() -> Vec<Template> {
    vec![
        ("job-offer", "Job offer", sample_plan),
        ("supplier-contract", "Supplier contract", supplier_contract),
        ("three-party", "Three-party site redevelopment", three_party),
    ]
}

/// Sets what the builders leave at their defaults: priority, kind and why of an interest.
fn describe_interest(
    plan: &mut Plan,
    id: &InterestId,
    priority: Priority,
    kind: InterestKind,
    why: &str,
) {
    if let Some(i) = plan.interests.iter_mut().find(|i| &i.id == id) {
        i.priority = priority;
        i.kind = kind;
        i.why = why.into();
    }
}

fn link(plan: &mut Plan, a: &InterestId, b: &InterestId, relation: Relation) {
    plan.links.push(InterestLink {
        a: a.clone(),
        b: b.clone(),
        relation,
    });
}

/// Adds an issue with its options and one objective criterion.
fn issue_with(
    plan: &mut Plan,
    name: &str,
    description: &str,
    options: &[&str],
    criterion: (&str, &str, &str),
) -> IssueId {
    let id = plan.add_issue(name);
    for label in options {
        plan.add_option(&id, label);
    }
    if let Some(issue) = plan.issues.iter_mut().find(|i| i.id == id) {
        issue.description = description.into();
        let (standard, source, applies) = criterion;
        issue.criteria.push(Criterion {
            standard: standard.into(),
            source: source.into(),
            applies: applies.into(),
        });
    }
    id
}

/// Records that option `k` of an issue serves an interest.
fn serves(plan: &mut Plan, issue: &IssueId, k: usize, interest: &InterestId) {
    if let Some(o) = plan
        .issues
        .iter_mut()
        .find(|i| &i.id == issue)
        .and_then(|i| i.options.get_mut(k))
    {
        o.serves.push(interest.clone());
    }
}

/// Adds a package choosing option `k` of each listed issue.
/// A package's choices: each issue's option at the given position (none if it is missing).
/// Inserted one by one rather than collected, which would sort them (see `model::order`).
fn choices_of(plan: &Plan, picks: &[(&IssueId, usize)]) -> BTreeMap<IssueId, OptionId> {
    let mut choices = BTreeMap::new();
    for &(issue, k) in picks {
        if let Some(option) = plan.issue(issue).and_then(|i| i.options.get(k)) {
            choices.insert(issue.clone(), option.id.clone());
        }
    }
    choices
}

fn package(plan: &mut Plan, name: &str, picks: &[(&IssueId, usize)], notes: &str, group: &str) {
    let id = PackageId::from_seq(plan.take_seq());
    let choices = choices_of(plan, picks);
    plan.packages.push(Package {
        id,
        name: name.into(),
        choices,
        notes: notes.into(),
        group: group.into(),
        favourite: false,
    });
}

struct QuestionText<'a> {
    question: &'a str,
    why: &'a str,
    owner: &'a str,
    source: &'a str,
    status: QuestionStatus,
    answer: &'a str,
}

fn question(plan: &mut Plan, q: QuestionText, issues: Vec<IssueId>, interests: Vec<InterestId>) {
    let id = QuestionId::from_seq(plan.take_seq());
    plan.questions.push(Question {
        id,
        question: q.question.into(),
        why: q.why.into(),
        issues,
        interests,
        owner: q.owner.into(),
        source: q.source.into(),
        status: q.status,
        answer: q.answer.into(),
    });
}

/// Sets every score of a party to one confidence: how sure we are of a counterpart.
fn confidence(plan: &mut Plan, party: &PartyId, c: Confidence) {
    if let Some(p) = plan.party_mut(party) {
        for s in p.weights.values_mut().chain(p.ratings.values_mut()) {
            s.confidence = c;
        }
    }
}

/// A buyer (us) renewing a packaging contract with a new supplier. Six issues, each side
/// caring most about different ones, so there is value to create by trading. The first
/// package is deliberately dominated: it buys flexibility the buyer values little at a price
/// the supplier would gladly lower for commitment.
pub fn supplier_contract(id: PlanId, now: Millis) -> Plan {
    let mut plan = Plan::new(id, "Example: a supplier contract", now);
    plan.notes = "Northfield Bakeries (40 shops) buys compostable bread bags. The contract with \
Kartonex ends in June and their renewal quote is €132 per 1,000 bags. Verpa Packaging has a new \
production line and wants the account. Sam (procurement) leads; the first meeting with Verpa's \
sales director is on 12 May, and a decision is due by the end of May."
        .to_string();
    let buyer = plan.parties[0].id.clone();
    let supplier = plan.parties[1].id.clone();
    if let Some(p) = plan.party_mut(&buyer) {
        p.name = "Northfield Bakeries (buyer)".into();
        p.role = "Procurement, buying about 4 million bags a year".into();
        p.batna = "Renew with Kartonex: €132 per 1,000, 12-day delivery, Net 45, \
12-month warranty, one year at a time."
            .into();
        p.reservation = Estimate::exact(45.0);
    }
    if let Some(p) = plan.party_mut(&supplier) {
        p.name = "Verpa Packaging (supplier)".into();
        p.role = "Sales director with a new line to fill".into();
        p.batna = "Sell the line's spare capacity to wholesalers at lower margins.".into();
        p.reservation = Estimate {
            value: 40.0,
            low: 30.0,
            high: 50.0,
        };
    }

    let b_cost = plan.add_interest(&buyer, "Predictable packaging cost for the year");
    let b_supply = plan.add_interest(&buyer, "Never run out of bags in peak season");
    let b_switch = plan.add_interest(&buyer, "Keep the option to switch if quality slips");
    let b_cash = plan.add_interest(&buyer, "Cash in hand in the first quarter");
    let s_line = plan.add_interest(&supplier, "Fill the new production line");
    let s_paid = plan.add_interest(&supplier, "Get paid quickly");
    let s_reference = plan.add_interest(&supplier, "A reference customer in food retail");
    let s_warranty = plan.add_interest(&supplier, "Limit warranty exposure");
    for (id, priority, kind, why) in [
        (
            &b_cost,
            Priority::High,
            InterestKind::Substantive,
            "Margins on bread are thin; a price jump goes straight to the bottom line.",
        ),
        (
            &b_supply,
            Priority::High,
            InterestKind::Substantive,
            "Shops cannot sell loose bread in December.",
        ),
        (
            &b_switch,
            Priority::Medium,
            InterestKind::Process,
            "A new supplier is unproven.",
        ),
        (
            &b_cash,
            Priority::Low,
            InterestKind::Substantive,
            "The shop refits are paid in January.",
        ),
        (
            &s_line,
            Priority::High,
            InterestKind::Substantive,
            "The line was bought on credit and needs steady volume.",
        ),
        (
            &s_paid,
            Priority::High,
            InterestKind::Substantive,
            "Raw material is paid for up front.",
        ),
        (
            &s_reference,
            Priority::Medium,
            InterestKind::Relationship,
            "A known bakery chain opens doors to others.",
        ),
        (
            &s_warranty,
            Priority::Medium,
            InterestKind::Principle,
            "Compostable film ages; long warranties are a risk.",
        ),
    ] {
        describe_interest(&mut plan, id, priority, kind, why);
    }
    link(&mut plan, &b_cost, &s_line, Relation::Different);
    link(&mut plan, &b_supply, &s_reference, Relation::Shared);
    link(&mut plan, &b_switch, &s_line, Relation::Conflicting);
    link(&mut plan, &b_cash, &s_paid, Relation::Conflicting);

    let price = issue_with(
        &mut plan,
        "Price per 1,000 bags",
        "Fixed for the contract's length, before any index clause.",
        &["€118", "€124", "€130", "€136"],
        (
            "Resin price index and competing quotes",
            "Industry resin index; Kartonex's renewal quote",
            "The index fell 6% this year; quotes range from €120 to €135.",
        ),
    );
    let delivery = issue_with(
        &mut plan,
        "Delivery time",
        "Working days from order to the central warehouse.",
        &["5 days", "10 days", "15 days"],
        (
            "Usual lead times for printed packaging",
            "Packaging trade association survey",
            "Most suppliers deliver within 7 to 14 days.",
        ),
    );
    let payment = issue_with(
        &mut plan,
        "Payment terms",
        "Days after the invoice.",
        &["Net 30", "Net 45", "Net 60", "Net 90"],
        (
            "Statutory payment terms between businesses",
            "EU Late Payment Directive",
            "60 days at most unless expressly agreed and not grossly unfair.",
        ),
    );
    let length = issue_with(
        &mut plan,
        "Contract length",
        "",
        &["1 year", "2 years", "3 years"],
        (
            "Length of comparable supply contracts",
            "Northfield's other supplier contracts",
            "Flour and dairy run for two years with a break clause.",
        ),
    );
    let volume = issue_with(
        &mut plan,
        "Volume commitment",
        "Share of the forecast Northfield promises to order.",
        &["None", "60% of forecast", "80% of forecast"],
        (
            "Forecast accuracy",
            "Northfield's last three years of orders",
            "Actual orders were never below 85% of the forecast.",
        ),
    );
    let warranty = issue_with(
        &mut plan,
        "Warranty on the film",
        "",
        &["6 months", "12 months", "24 months"],
        (
            "Shelf life of the material",
            "Film manufacturer's data sheet",
            "Sealed stock keeps its strength for 18 months.",
        ),
    );
    serves(&mut plan, &price, 0, &b_cost);
    serves(&mut plan, &delivery, 0, &b_supply);
    serves(&mut plan, &payment, 0, &s_paid);
    serves(&mut plan, &payment, 3, &b_cash);
    serves(&mut plan, &length, 0, &b_switch);
    serves(&mut plan, &length, 2, &s_line);
    serves(&mut plan, &volume, 2, &s_line);
    serves(&mut plan, &warranty, 0, &s_warranty);

    score(&mut plan, &buyer, &price, 35.0, &[100.0, 70.0, 35.0, 0.0]);
    score(&mut plan, &buyer, &delivery, 15.0, &[100.0, 60.0, 0.0]);
    score(&mut plan, &buyer, &payment, 10.0, &[0.0, 40.0, 75.0, 100.0]);
    score(&mut plan, &buyer, &length, 10.0, &[100.0, 70.0, 30.0]);
    score(&mut plan, &buyer, &volume, 10.0, &[100.0, 70.0, 20.0]);
    score(&mut plan, &buyer, &warranty, 20.0, &[0.0, 60.0, 100.0]);
    score(
        &mut plan,
        &supplier,
        &price,
        30.0,
        &[0.0, 40.0, 75.0, 100.0],
    );
    score(&mut plan, &supplier, &delivery, 10.0, &[0.0, 70.0, 100.0]);
    score(
        &mut plan,
        &supplier,
        &payment,
        20.0,
        &[100.0, 80.0, 45.0, 0.0],
    );
    score(&mut plan, &supplier, &length, 15.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &supplier, &volume, 20.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &supplier, &warranty, 5.0, &[100.0, 80.0, 20.0]);
    // We know the supplier's price and payment needs from their quote; the rest is a guess.
    confidence(&mut plan, &supplier, Confidence::Medium);
    if let Some(p) = plan.party_mut(&supplier) {
        for issue in [&volume, &length] {
            if let Some(w) = p.weights.get_mut(issue) {
                w.confidence = Confidence::Low;
            }
        }
    }

    package(
        &mut plan,
        "Draft: short and flexible",
        &[
            (&price, 2),
            (&delivery, 1),
            (&payment, 2),
            (&length, 0),
            (&volume, 0),
            (&warranty, 1),
        ],
        "Our first draft. It keeps every exit open and pays for that in price; \
commitment is cheap for us and worth a lot to Verpa, so this leaves gain on the table.",
        "",
    );
    package(
        &mut plan,
        "Lowest price for full commitment",
        &[
            (&price, 0),
            (&delivery, 1),
            (&payment, 0),
            (&length, 2),
            (&volume, 2),
            (&warranty, 2),
        ],
        "Three years and 80% of the forecast, paid in 30 days, for the lowest price.",
        "First meeting",
    );
    package(
        &mut plan,
        "Fast delivery for partial commitment",
        &[
            (&price, 1),
            (&delivery, 0),
            (&payment, 0),
            (&length, 2),
            (&volume, 1),
            (&warranty, 2),
        ],
        "About as good for us as the other first-meeting offer; which one Verpa prefers \
tells us whether price or volume matters more to them.",
        "First meeting",
    );

    question(
        &mut plan,
        QuestionText {
            question: "What does a shorter delivery time really cost Verpa?",
            why: "If their line runs continuously, 5-day delivery may be nearly free for them.",
            owner: "Sam (procurement)",
            source: "A joint call with Verpa's production planner",
            status: QuestionStatus::Open,
            answer: "",
        },
        vec![delivery],
        vec![b_supply],
    );
    question(
        &mut plan,
        QuestionText {
            question: "How much did resin prices move over the last twelve months?",
            why: "Both sides quote the index; agreeing on the figure keeps price talk objective.",
            owner: "Both",
            source: "Industry resin index, March report",
            status: QuestionStatus::Agreed,
            answer: "Down 6% year on year.",
        },
        vec![price],
        vec![b_cost],
    );
    // Sam settled on the suggested target (halfway between Nash and the best Verpa accepts).
    plan.strategy.target = Some(77.0);
    plan
}

/// A city (us) negotiating the redevelopment of an old mill site with a developer and the
/// residents' association: three parties, five issues, every score filled in.
pub fn three_party(id: PlanId, now: Millis) -> Plan {
    let mut plan = Plan::new(id, "Example: site redevelopment (three parties)", now);
    plan.notes = "The old Riverside Mill site (4 hectares) is to become housing. Harbourline \
Developments holds an option to buy it; the city must rezone it; the Old Mill Residents' \
Association can delay the permit by years in court. The planning committee votes in September, \
so a joint proposal is needed by July. Ana (city planning) convenes the three-way meetings."
        .to_string();
    let city = plan.parties[0].id.clone();
    let developer = plan.parties[1].id.clone();
    let residents = plan.add_party("Old Mill Residents' Association");
    if let Some(p) = plan.party_mut(&city) {
        p.name = "City of Riverton (planning)".into();
        p.role = "Planning department, proposes the rezoning".into();
        p.batna = "Keep the industrial zoning and look for another developer in two years.".into();
        p.reservation = Estimate::exact(40.0);
    }
    if let Some(p) = plan.party_mut(&developer) {
        p.name = "Harbourline Developments".into();
        p.role = "Holds an option to buy the site until December".into();
        p.batna = "Let the option lapse and sell its rights to a logistics operator.".into();
        p.reservation = Estimate {
            value: 35.0,
            low: 25.0,
            high: 45.0,
        };
    }
    if let Some(p) = plan.party_mut(&residents) {
        p.role = "Speaks for about 600 households around the site".into();
        p.batna = "Challenge the permit in court: a delay of a year or more, at a cost.".into();
        p.reservation = Estimate {
            value: 30.0,
            low: 20.0,
            high: 40.0,
        };
    }

    let c_homes = plan.add_interest(&city, "Homes that people on average incomes can afford");
    let c_green = plan.add_interest(&city, "Public space in a dense district");
    let c_soon = plan.add_interest(&city, "Start building within this council's term");
    let d_return = plan.add_interest(&developer, "A return that satisfies the investors");
    let d_certainty = plan.add_interest(&developer, "Certainty that the permit will hold");
    let d_sales = plan.add_interest(&developer, "Sell the units quickly");
    let r_light = plan.add_interest(&residents, "Keep light and views in the old streets");
    let r_park = plan.add_interest(&residents, "A park the neighbourhood can use");
    let r_quiet = plan.add_interest(&residents, "No construction noise at weekends");
    for (id, priority, kind, why) in [
        (
            &c_homes,
            Priority::High,
            InterestKind::Substantive,
            "The housing waitlist doubled in five years.",
        ),
        (
            &c_green,
            Priority::Medium,
            InterestKind::Substantive,
            "The district has the least green space per person in the city.",
        ),
        (
            &c_soon,
            Priority::Medium,
            InterestKind::Process,
            "The rezoning must show results before the next election.",
        ),
        (
            &d_return,
            Priority::High,
            InterestKind::Substantive,
            "The fund expects 12% a year.",
        ),
        (
            &d_certainty,
            Priority::High,
            InterestKind::Process,
            "A court challenge would freeze the financing.",
        ),
        (
            &d_sales,
            Priority::Medium,
            InterestKind::Substantive,
            "Interest on the land loan runs until units sell.",
        ),
        (
            &r_light,
            Priority::High,
            InterestKind::Substantive,
            "The old streets are narrow and face north.",
        ),
        (
            &r_park,
            Priority::High,
            InterestKind::Substantive,
            "Children play in the street today.",
        ),
        (
            &r_quiet,
            Priority::Medium,
            InterestKind::Relationship,
            "Many residents work shifts.",
        ),
    ] {
        describe_interest(&mut plan, id, priority, kind, why);
    }
    link(&mut plan, &c_green, &r_park, Relation::Shared);
    link(&mut plan, &c_homes, &d_return, Relation::Conflicting);
    link(&mut plan, &d_certainty, &r_light, Relation::Different);
    link(&mut plan, &c_soon, &r_quiet, Relation::Conflicting);

    let affordable = issue_with(
        &mut plan,
        "Affordable housing share",
        "Share of homes let or sold below market price.",
        &["10%", "20%", "30%"],
        (
            "The city's housing policy",
            "Local plan 2030, section 4",
            "20% on sites over 100 homes; 30% where the land was public.",
        ),
    );
    let height = issue_with(
        &mut plan,
        "Building height",
        "Tallest building on the site.",
        &["6 storeys", "9 storeys", "12 storeys"],
        (
            "Daylight standard for neighbouring streets",
            "Building code, daylight rules",
            "Existing buildings around the site have 4 to 8 storeys.",
        ),
    );
    let green = issue_with(
        &mut plan,
        "Public green space",
        "Share of the site kept as a public park.",
        &["10% of the site", "20% of the site", "30% of the site"],
        (
            "Green-space norm for large sites",
            "Local plan 2030, section 7",
            "At least 15% of sites over 2 hectares.",
        ),
    );
    let contribution = issue_with(
        &mut plan,
        "Community contribution",
        "Paid by the developer towards a community centre and school places.",
        &["€1 million", "€2.5 million", "€4 million"],
        (
            "Precedent: the Quayside redevelopment",
            "Council minutes, March 2023",
            "€2.1 million for 400 homes.",
        ),
    );
    let schedule = issue_with(
        &mut plan,
        "Construction schedule",
        "",
        &[
            "2 years, weekend work allowed",
            "3 years, weekdays and Saturday mornings",
            "4 years, weekdays only",
        ],
        (
            "Noise rules for building sites",
            "City noise bylaw",
            "Work allowed 7:00–19:00 on weekdays; weekends need an exemption.",
        ),
    );
    serves(&mut plan, &affordable, 2, &c_homes);
    serves(&mut plan, &height, 0, &r_light);
    serves(&mut plan, &height, 2, &d_return);
    serves(&mut plan, &green, 2, &r_park);
    serves(&mut plan, &green, 1, &c_green);
    serves(&mut plan, &schedule, 0, &c_soon);
    serves(&mut plan, &schedule, 0, &d_sales);
    serves(&mut plan, &schedule, 2, &r_quiet);

    score(&mut plan, &city, &affordable, 35.0, &[0.0, 70.0, 100.0]);
    score(&mut plan, &city, &height, 15.0, &[40.0, 100.0, 60.0]);
    score(&mut plan, &city, &green, 20.0, &[0.0, 80.0, 100.0]);
    score(&mut plan, &city, &contribution, 15.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &city, &schedule, 15.0, &[100.0, 70.0, 30.0]);
    score(
        &mut plan,
        &developer,
        &affordable,
        25.0,
        &[100.0, 60.0, 0.0],
    );
    score(&mut plan, &developer, &height, 35.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &developer, &green, 15.0, &[100.0, 60.0, 0.0]);
    score(
        &mut plan,
        &developer,
        &contribution,
        15.0,
        &[100.0, 65.0, 0.0],
    );
    score(&mut plan, &developer, &schedule, 10.0, &[100.0, 60.0, 0.0]);
    score(
        &mut plan,
        &residents,
        &affordable,
        10.0,
        &[20.0, 70.0, 100.0],
    );
    score(&mut plan, &residents, &height, 35.0, &[100.0, 50.0, 0.0]);
    score(&mut plan, &residents, &green, 25.0, &[0.0, 60.0, 100.0]);
    score(
        &mut plan,
        &residents,
        &contribution,
        10.0,
        &[0.0, 50.0, 100.0],
    );
    score(&mut plan, &residents, &schedule, 20.0, &[0.0, 60.0, 100.0]);
    confidence(&mut plan, &developer, Confidence::Medium);
    // The association has said publicly what it wants; its weights are better known.
    confidence(&mut plan, &residents, Confidence::High);
    if let Some(p) = plan.party_mut(&residents) {
        if let Some(w) = p.weights.get_mut(&contribution) {
            w.confidence = Confidence::Low;
        }
    }

    package(
        &mut plan,
        "The city's draft brief",
        &[
            (&affordable, 1),
            (&height, 1),
            (&green, 1),
            (&contribution, 1),
            (&schedule, 1),
        ],
        "Policy minimums everywhere: the starting point the committee already knows.",
        "",
    );
    package(
        &mut plan,
        "Taller, greener and more affordable",
        &[
            (&affordable, 2),
            (&height, 2),
            (&green, 2),
            (&contribution, 1),
            (&schedule, 2),
        ],
        "Height for the developer, a large park and a gentle schedule for the residents.",
        "",
    );

    question(
        &mut plan,
        QuestionText {
            question: "How much daylight would 12 storeys take from Mill Street?",
            why: "The residents' main worry; a study may show a stepped design keeps the light.",
            owner: "Ana (city planning)",
            source: "An independent daylight study the three parties commission together",
            status: QuestionStatus::Open,
            answer: "",
        },
        vec![height.clone()],
        vec![r_light],
    );
    question(
        &mut plan,
        QuestionText {
            question: "What return do Harbourline's investors actually require?",
            why: "It sets how much affordable housing the scheme can carry.",
            owner: "Harbourline, with the city's valuer",
            source: "An open-book viability assessment",
            status: QuestionStatus::Disputed,
            answer: "Harbourline says 12%; the city's valuer says 9% is usual.",
        },
        vec![affordable.clone()],
        vec![d_return],
    );
    question(
        &mut plan,
        QuestionText {
            question: "How many households are waiting for affordable housing in the district?",
            why: "Sizes the affordable share on objective grounds.",
            owner: "City housing office",
            source: "Housing register, January",
            status: QuestionStatus::Agreed,
            answer: "1,840 households.",
        },
        vec![affordable],
        vec![c_homes],
    );
    // The city settled on the suggested target.
    plan.strategy.target = Some(85.5);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::plan::{package_values, PlanProblem};
    use crate::analysis::{analyze, dominates, FrontierOptions};

    fn all() -> Vec<(&'static str, Plan)> {
        templates()
            .into_iter()
            .map(|(key, _, make)| (key, make(PlanId::parse("p1").unwrap(), 1000)))
            .collect()
    }

    #[test]
    fn every_example_is_consistent_and_complete() {
        let all = all();
        assert_eq!(all.len(), 3);
        for (key, mut plan) in all {
            assert_eq!(plan.check(), Ok(()), "{key}");
            assert_eq!(plan.repair(), Vec::<String>::new(), "{key}");
            // Ready for the table; the talks are still ahead. The team step is optional: the
            // examples are prepared alone, and practice is done by the user.
            for step in Step::ALL {
                let after = step.phase() == Phase::AfterTheTalks;
                assert_eq!(
                    step.is_complete(&plan),
                    !after && step != Step::Team && step != Step::Practise,
                    "{key}: {step:?}"
                );
            }
            assert_eq!(plan.id.as_str(), "p1");
            assert_eq!(plan.created, 1000);
            // Full scores: every party rates every option and weighs every issue.
            let options = plan.issues.iter().map(|i| i.options.len()).sum::<usize>();
            for p in &plan.parties {
                assert_eq!(p.ratings.len(), options, "{key}: {}", p.name);
                assert_eq!(p.weights.len(), plan.issues.len(), "{key}: {}", p.name);
            }
            // The engine accepts it as is, without repairs.
            let pp = PlanProblem::from_plan(&plan);
            let analysis = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
            assert!(
                analysis.warnings.is_empty(),
                "{key}: {:?}",
                analysis.warnings
            );
            assert!(analysis.points.zopa_nonempty, "{key}");
        }
    }

    #[test]
    fn template_keys_and_labels_are_distinct() {
        let t = templates();
        for (k, (key, label, _)) in t.iter().enumerate() {
            assert!(t[k + 1..].iter().all(|(o, l, _)| o != key && l != label));
        }
        assert_eq!(t[0].1, "Job offer");
    }

    #[test]
    fn the_supplier_contract_has_one_dominated_package_and_two_good_ones() {
        let plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        assert_eq!(plan.parties.len(), 2);
        assert_eq!(plan.us(), Some(&plan.parties[0].id));
        assert!(plan.issues.len() >= 5);
        assert!(plan
            .issues
            .iter()
            .all(|i| (3..=4).contains(&i.options.len()) && !i.criteria.is_empty()));
        assert_eq!(plan.questions.len(), 2);
        // Counterpart estimates are marked as estimates.
        let supplier = &plan.parties[1];
        assert!(supplier.reservation.low < supplier.reservation.high);
        assert!(supplier
            .weights
            .values()
            .all(|s| s.confidence != Confidence::High));

        let pp = PlanProblem::from_plan(&plan);
        let analysis = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        assert!(analysis.frontier.is_exact());
        let frontier = analysis.frontier.points();
        let values: Vec<Vec<f64>> = plan
            .packages
            .iter()
            .map(|p| package_values(&plan, p))
            .collect();
        assert_eq!(values.len(), 3);
        let dominated = |v: &[f64]| frontier.iter().any(|f| dominates(&f.values, v));
        assert!(dominated(&values[0]), "{:?}", values[0]);
        // The draft's dominance is not a frontier subtlety: one of our own offers beats it
        // for both sides.
        assert!(dominates(&values[1], &values[0]), "{values:?}");
        for v in &values[1..] {
            assert!(v[0] >= plan.parties[0].reservation.value, "{v:?}");
            assert!(v[1] >= plan.parties[1].reservation.value, "{v:?}");
        }
        // The two first-meeting offers are a MESO set: one group, nearly equal for us.
        assert_eq!(plan.packages[1].group, plan.packages[2].group);
        assert!(!plan.packages[1].group.is_empty());
        assert!((values[1][0] - values[2][0]).abs() <= 2.0, "{values:?}");
    }

    #[test]
    fn the_three_party_example_is_the_citys_plan_with_every_party_scored() {
        let plan = three_party(PlanId::parse("p1").unwrap(), 0);
        assert_eq!(plan.parties.len(), 3);
        assert_eq!(plan.us(), Some(&plan.parties[0].id));
        assert!((4..=5).contains(&plan.issues.len()));
        for package in &plan.packages {
            let v = package_values(&plan, package);
            for (value, party) in v.iter().zip(&plan.parties) {
                assert!(*value >= party.reservation.value, "{}: {v:?}", package.name);
            }
        }
    }
}
