//! The one-page preparation brief as data: what it says, computed once from a plan. The
//! Markdown file ([`super::markdown`]) and the Brief step on screen both render a
//! [`BriefData`], so they cannot disagree, and the choices (which interests are key, how
//! packages rank, whether a value beats a reservation value) are tested here, natively.
//!
//! Texts keep the user's words as typed; each renderer escapes them for its medium.

use crate::analysis::plan::{package_values, PlanProblem};
use crate::analysis::{analyze, Analysis, FrontierOptions};
use crate::model::readiness::analysis_blocker;
use crate::model::{Criterion, Estimate, Package, Plan, Priority, QuestionStatus, Relation};
use crate::strategy::{plan_strategy, Strategy};

/// At most this many interests per party: the brief is one page, so the rest are counted.
pub const KEY_INTERESTS: usize = 5;
/// At most this many of the plan's packages, best first.
pub const BEST_PACKAGES: usize = 4;
/// Values closer than this are equal (the engine's tolerance on the 0–100 scale).
const TOLERANCE: f64 = 1e-9;

/// The brief's sections, in order; both renderers use these headings and empty states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Parties,
    Interests,
    Issues,
    Packages,
    Strategy,
    Questions,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Parties,
        Section::Interests,
        Section::Issues,
        Section::Packages,
        Section::Strategy,
        Section::Questions,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Section::Parties => "Parties and alternatives",
            Section::Interests => "Key interests",
            Section::Issues => "Issues, options and criteria",
            Section::Packages => "Best packages",
            Section::Strategy => "Strategy",
            Section::Questions => "Fact-finding",
        }
    }

    /// What an empty section says: what is missing and where to add it.
    pub fn empty(self) -> &'static str {
        match self {
            Section::Parties => "No parties recorded yet. Add them in Parties and alternatives.",
            Section::Interests => "No interests recorded yet. Add them in the Interests step.",
            Section::Issues => "No issues recorded yet. Name them in Issues and options.",
            Section::Packages => {
                "No packages yet. Compose one in the Packages step by picking an option per issue."
            }
            Section::Strategy => "No strategy yet. It is computed on the Strategy step.",
            Section::Questions => {
                "No open questions. Add questions to explore together in Fact-finding."
            }
        }
    }

    /// An id-safe word, for element ids on screen.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Parties => "parties",
            Section::Interests => "interests",
            Section::Issues => "issues",
            Section::Packages => "packages",
            Section::Strategy => "strategy",
            Section::Questions => "questions",
        }
    }
}

/// Everything the brief shows, in display order, with the user's text unescaped.
#[derive(Clone, Debug, PartialEq)]
pub struct BriefData {
    pub title: String,
    /// The plan's notes: what is negotiated, with whom, by when.
    pub context: String,
    /// Whose side the brief is prepared for; `None` for a neutral planner.
    pub prepared_for: Option<String>,
    pub parties: Vec<PartyLine>,
    /// One entry per party that has interests, in party order.
    pub interests: Vec<PartyInterests>,
    pub links: Vec<LinkLine>,
    pub issues: Vec<IssueLine>,
    /// The plan's packages, best first (complete ones before partial ones, then by joint
    /// value), at most [`BEST_PACKAGES`].
    pub packages: Vec<PackageLine>,
    /// Packages left out of `packages` for space.
    pub more_packages: usize,
    /// Groups of packages to present together (MESO sets): group name and package names.
    pub groups: Vec<(String, Vec<String>)>,
    /// The engine's Nash bargaining package, or why there is none.
    pub nash: Reference,
    /// The strategy for our side (Strategy step), or why there is none.
    pub strategy: Result<Strategy, String>,
    /// Questions still open or disputed.
    pub open_questions: Vec<QuestionLine>,
    /// Questions with an agreed answer.
    pub agreed: Vec<QuestionLine>,
    /// The team's views and what they still disagree on; `None` for a plan prepared alone.
    pub team: Option<TeamLines>,
    /// The best agreement reached in practice (Practise step), in one sentence.
    pub practice: Option<String>,
}

/// At most this many open disagreements, largest first.
pub const TEAM_DISAGREEMENTS: usize = 6;

/// The team's part of the brief.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamLines {
    pub heading: &'static str,
    /// "Views of Olga and Ben."
    pub members: String,
    /// The open disagreements in words, largest first, at most [`TEAM_DISAGREEMENTS`].
    pub open: Vec<String>,
    /// Open disagreements left out for space.
    pub more: usize,
    /// What the section says when nothing is open, or about proposals still waiting.
    pub notes: Vec<String>,
}

fn team_lines(plan: &Plan) -> Option<TeamLines> {
    use crate::team::{merge, stats, words};
    if plan.team.views.is_empty() {
        return None;
    }
    let names: Vec<String> = plan
        .team
        .views
        .iter()
        .map(|v| words::member_name(&v.member))
        .collect();
    let open = stats::open_disagreements(plan);
    let more = open.len().saturating_sub(TEAM_DISAGREEMENTS);
    let mut notes = Vec::new();
    if open.is_empty() {
        notes.push(
            "No disagreement remains: the team settled every number its members differ on.".into(),
        );
    }
    let waiting = merge::pending(plan).len();
    if waiting > 0 {
        notes.push(format!(
            "{waiting} proposal{} from teammates still wait{} in Team views.",
            if waiting == 1 { "" } else { "s" },
            if waiting == 1 { "s" } else { "" }
        ));
    }
    Some(TeamLines {
        heading: "Team disagreements still open",
        members: format!("Views of {}.", crate::analysis::explain::list(&names)),
        open: open
            .iter()
            .take(TEAM_DISAGREEMENTS)
            .map(|d| words::disagreement(plan, d))
            .collect(),
        more,
        notes,
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartyLine {
    pub name: String,
    pub is_us: bool,
    pub role: String,
    pub batna: String,
    pub reservation: Estimate,
    /// What the BATNA's decision tree gives, when the party has a complete one.
    pub tree: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartyInterests {
    pub party: String,
    /// High priority first, then medium, then low; plan order within a priority.
    pub key: Vec<InterestLine>,
    /// Interests left out for space.
    pub more: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InterestLine {
    pub statement: String,
    pub why: String,
    pub priority: Priority,
}

/// Two interests of different parties and how they relate.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkLine {
    pub relation: Relation,
    /// (party name, interest statement) of each side.
    pub a: (String, String),
    pub b: (String, String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct IssueLine {
    pub name: String,
    pub description: String,
    pub options: Vec<String>,
    pub criteria: Vec<Criterion>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PackageLine {
    pub name: String,
    pub notes: String,
    /// (issue name, option label) for each decided issue, in issue order.
    pub choices: Vec<(String, String)>,
    /// Names of issues the package leaves open.
    pub open_issues: Vec<String>,
    /// Each party's value, in party order.
    pub values: Vec<PartyValue>,
    /// The sum of every party's value.
    pub joint: f64,
}

impl PackageLine {
    /// Whether every party's value beats its reservation value (best estimates).
    pub fn acceptable_to_all(&self) -> bool {
        self.values.iter().all(|v| v.beats())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartyValue {
    pub party: String,
    pub value: f64,
    pub reservation: Estimate,
}

impl PartyValue {
    /// At least the reservation value (our best estimate of it).
    pub fn beats(&self) -> bool {
        self.value >= self.reservation.value - TOLERANCE
    }

    /// The verdict in words, with the range when the estimate's range makes it uncertain:
    /// "✓ beats 45", "✓ beats 40 (range up to 55)", "✗ below 40 (range from 30)".
    pub fn verdict(&self) -> String {
        let r = self.reservation;
        let rv = number(r.value);
        if self.beats() {
            if self.value < r.high - TOLERANCE {
                format!("✓ beats {rv} (range up to {})", number(r.high))
            } else {
                format!("✓ beats {rv}")
            }
        } else if self.value >= r.low - TOLERANCE && r.low < r.value {
            format!("✗ below {rv} (range from {})", number(r.low))
        } else {
            format!("✗ below {rv}")
        }
    }
}

/// The engine's reference package (Nash bargaining solution).
#[derive(Clone, Debug, PartialEq)]
pub enum Reference {
    /// The plan cannot be analysed yet: the first reason, naming its place
    /// (`model::readiness`), or why the engine refused it.
    NotReady(String),
    /// No package beats every party's reservation value.
    NoAgreementZone,
    Package {
        line: PackageLine,
        /// The name of the plan's own package with the same choices, if any.
        same_as: Option<String>,
    },
}

impl Reference {
    pub const HEADING: &'static str = "The engine's suggestion: the Nash bargaining package";
    pub const EXPLAIN: &'static str = "Among packages every party accepts, the one that \
maximises the product of every party's gain over its reservation value.";

    /// What to say when there is no package to show.
    pub fn message(&self) -> Option<String> {
        match self {
            Reference::NotReady(why) => Some(format!("Not available yet. {why}")),
            Reference::NoAgreementZone => Some(
                "No package beats every party's reservation value on current estimates: there is \
                 no zone of possible agreement yet. Revisit the BATNAs or invent new options."
                    .to_string(),
            ),
            Reference::Package { .. } => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionLine {
    pub question: String,
    pub why: String,
    pub owner: String,
    pub source: String,
    pub status: QuestionStatus,
    pub answer: String,
}

/// A score on the 0–100 scale for reading: at most one decimal, no trailing ".0".
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let rounded = (v * 10.0).round() / 10.0;
    // -0.04 rounds to -0.0, which would print as "-0".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

/// A reservation value, with its range when it is an estimate: "45", "40 (range 30–55)".
pub fn estimate(e: Estimate) -> String {
    if e.high - e.low > TOLERANCE {
        format!(
            "{} (range {}–{})",
            number(e.value),
            number(e.low),
            number(e.high)
        )
    } else {
        number(e.value)
    }
}

pub fn priority_label(p: Priority) -> &'static str {
    match p {
        Priority::High => "High",
        Priority::Medium => "Medium",
        Priority::Low => "Low",
    }
}

pub fn relation_label(r: Relation) -> &'static str {
    match r {
        Relation::Shared => "Shared",
        Relation::Different => "Different",
        Relation::Conflicting => "Conflicting",
    }
}

fn or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_string()
    } else {
        text.to_string()
    }
}

fn rank(p: Priority) -> u8 {
    match p {
        Priority::High => 0,
        Priority::Medium => 1,
        Priority::Low => 2,
    }
}

impl BriefData {
    pub fn from_plan(plan: &Plan) -> BriefData {
        let party_name = |id: &crate::model::PartyId| {
            plan.party(id)
                .map_or(String::new(), |p| or(&p.name, "Unnamed party"))
        };
        let parties = plan
            .parties
            .iter()
            .map(|p| PartyLine {
                name: or(&p.name, "Unnamed party"),
                is_us: plan.us() == Some(&p.id),
                role: p.role.clone(),
                batna: p.batna.clone(),
                reservation: p.reservation,
                tree: crate::elicit::tree::brief_line(plan, &p.id),
            })
            .collect();
        let interests = plan
            .parties
            .iter()
            .filter_map(|p| {
                let mut own: Vec<_> = plan.interests.iter().filter(|i| i.party == p.id).collect();
                if own.is_empty() {
                    return None;
                }
                // A stable sort keeps the user's order within a priority.
                own.sort_by_key(|i| rank(i.priority));
                let more = own.len().saturating_sub(KEY_INTERESTS);
                let key = own
                    .into_iter()
                    .take(KEY_INTERESTS)
                    .map(|i| InterestLine {
                        statement: or(&i.statement, "(no statement)"),
                        why: i.why.clone(),
                        priority: i.priority,
                    })
                    .collect();
                Some(PartyInterests {
                    party: or(&p.name, "Unnamed party"),
                    key,
                    more,
                })
            })
            .collect();
        let side = |id: &crate::model::InterestId| {
            plan.interests
                .iter()
                .find(|i| &i.id == id)
                .map(|i| (party_name(&i.party), or(&i.statement, "(no statement)")))
        };
        let links = plan
            .links
            .iter()
            .filter_map(|l| {
                Some(LinkLine {
                    relation: l.relation,
                    a: side(&l.a)?,
                    b: side(&l.b)?,
                })
            })
            .collect();
        let issues = plan
            .issues
            .iter()
            .map(|i| IssueLine {
                name: or(&i.name, "Unnamed issue"),
                description: i.description.clone(),
                options: i
                    .options
                    .iter()
                    .map(|o| or(&o.label, "Unnamed option"))
                    .collect(),
                criteria: i
                    .criteria
                    .iter()
                    .filter(|c| !(c.standard.trim().is_empty() && c.applies.trim().is_empty()))
                    .cloned()
                    .collect(),
            })
            .collect();

        let mut lines: Vec<PackageLine> = plan
            .packages
            .iter()
            .map(|p| package_line(plan, p))
            .collect();
        // Complete packages first: a partial package's value counts only what it settles.
        lines.sort_by(|a, b| {
            a.open_issues
                .is_empty()
                .cmp(&b.open_issues.is_empty())
                .reverse()
                .then(b.joint.total_cmp(&a.joint))
        });
        let more_packages = lines.len().saturating_sub(BEST_PACKAGES);
        lines.truncate(BEST_PACKAGES);

        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for p in &plan.packages {
            let group = p.group.trim();
            if group.is_empty() {
                continue;
            }
            let name = or(&p.name, "Unnamed package");
            match groups.iter_mut().find(|(g, _)| g == group) {
                Some((_, names)) => names.push(name),
                None => groups.push((group.to_string(), vec![name])),
            }
        }

        let (open_questions, agreed): (Vec<_>, Vec<_>) = plan
            .questions
            .iter()
            .map(|q| QuestionLine {
                question: or(&q.question, "(no question text)"),
                why: q.why.clone(),
                owner: q.owner.clone(),
                source: q.source.clone(),
                status: q.status,
                answer: q.answer.clone(),
            })
            .partition(|q| q.status != QuestionStatus::Agreed);

        // One analysis for the Nash package and the strategy; when it cannot run, the first
        // reason, naming its place (`model::readiness`), or why the engine refused the plan.
        let analysed = match analysis_blocker(plan) {
            Some(why) => Err(why),
            None => {
                let pp = PlanProblem::from_plan(plan);
                match analyze(&pp.problem, &FrontierOptions::default()) {
                    Ok(a) => Ok((pp, a)),
                    Err(e) => {
                        let why = crate::analysis::explain::problem_error(&pp.problem, &e);
                        Err(format!("The analysis could not run: {why}."))
                    }
                }
            }
        };
        let strategy = match &analysed {
            Ok((pp, a)) => plan_strategy(plan, pp, a),
            Err(why) => crate::strategy::ready(plan).and(Err(why.clone())),
        };
        BriefData {
            title: plan.display_title().to_string(),
            context: plan.notes.trim().to_string(),
            prepared_for: plan
                .us()
                .and_then(|id| plan.party(id))
                .map(|p| or(&p.name, "Unnamed party")),
            parties,
            interests,
            links,
            issues,
            packages: lines,
            more_packages,
            groups,
            nash: nash(plan, &analysed),
            strategy,
            open_questions,
            agreed,
            team: team_lines(plan),
            practice: best_practice(plan),
        }
    }
}

fn package_line(plan: &Plan, package: &Package) -> PackageLine {
    let mut choices = Vec::new();
    let mut open_issues = Vec::new();
    for issue in &plan.issues {
        let name = or(&issue.name, "Unnamed issue");
        let chosen = package
            .choices
            .get(&issue.id)
            .and_then(|o| issue.options.iter().find(|x| &x.id == o));
        match chosen {
            Some(o) => choices.push((name, or(&o.label, "Unnamed option"))),
            None => open_issues.push(name),
        }
    }
    let values: Vec<PartyValue> = package_values(plan, package)
        .into_iter()
        .zip(&plan.parties)
        .map(|(value, p)| PartyValue {
            party: or(&p.name, "Unnamed party"),
            value,
            reservation: p.reservation,
        })
        .collect();
    PackageLine {
        name: or(&package.name, "Unnamed package"),
        notes: package.notes.clone(),
        choices,
        open_issues,
        joint: values.iter().map(|v| v.value).sum(),
        values,
    }
}

/// The best agreement of the plan's rehearsals (most value to us), read from the results
/// kept with them.
fn best_practice(plan: &Plan) -> Option<String> {
    let (record, result) = plan
        .rehearsals
        .iter()
        .filter_map(|r| Some((r, r.result.filter(|x| x.agreed)?)))
        .max_by(|a, b| a.1.ours.total_cmp(&b.1.ours))?;
    let them = plan
        .party(&record.counterpart)
        .map_or("the counterpart", |p| p.name.trim());
    let batna = plan.party(&record.you).map_or(0.0, |p| p.reservation.value);
    Some(format!(
        "Best practice result: {:.1} for you ({} against your BATNA) and {:.1} for {them}, \
         agreed in round {} of {} (seed {}).",
        result.ours,
        crate::analysis::explain::signed(result.ours - batna),
        result.theirs,
        result.round,
        record.rounds,
        record.seed
    ))
}

/// The engine's Nash package, valued like the plan's own packages so the numbers agree.
fn nash(plan: &Plan, analysed: &Result<(PlanProblem, Analysis), String>) -> Reference {
    let (pp, analysis) = match analysed {
        Ok(a) => a,
        Err(why) => return Reference::NotReady(why.clone()),
    };
    let Some(point) = &analysis.points.nash else {
        return Reference::NoAgreementZone;
    };
    let choices = pp.choices(&point.package);
    let same_as = plan
        .packages
        .iter()
        .find(|p| p.choices == choices)
        .map(|p| or(&p.name, "Unnamed package"));
    let package = Package {
        id: crate::model::PackageId(String::new()),
        name: "Nash bargaining package".into(),
        choices,
        notes: String::new(),
        group: String::new(),
        favourite: false,
    };
    Reference::Package {
        line: package_line(plan, &package),
        same_as,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, supplier_contract, three_party, PlanId};

    fn id() -> PlanId {
        PlanId::parse("p1").unwrap()
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(45.0), "45");
        assert_eq!(number(72.5), "72.5");
        assert_eq!(number(60.75), "60.8");
        assert_eq!(number(-0.01), "0");
        assert_eq!(number(f64::NAN), "–");
        assert_eq!(estimate(Estimate::exact(45.0)), "45");
        let e = Estimate {
            value: 40.0,
            low: 30.0,
            high: 55.0,
        };
        assert_eq!(estimate(e), "40 (range 30–55)");
    }

    #[test]
    fn verdicts_say_when_the_range_makes_them_uncertain() {
        let v = |value| PartyValue {
            party: "X".into(),
            value,
            reservation: Estimate {
                value: 40.0,
                low: 30.0,
                high: 55.0,
            },
        };
        assert_eq!(v(60.0).verdict(), "✓ beats 40");
        assert_eq!(v(45.0).verdict(), "✓ beats 40 (range up to 55)");
        assert_eq!(v(40.0).verdict(), "✓ beats 40 (range up to 55)");
        assert_eq!(v(35.0).verdict(), "✗ below 40 (range from 30)");
        assert_eq!(v(20.0).verdict(), "✗ below 40");
        let exact = PartyValue {
            reservation: Estimate::exact(45.0),
            ..v(44.0)
        };
        assert_eq!(exact.verdict(), "✗ below 45");
        assert!(!exact.beats());
    }

    #[test]
    fn the_sample_brief_has_every_part() {
        let plan = sample_plan(id(), 0);
        let b = BriefData::from_plan(&plan);
        assert_eq!(b.title, "Example: a job offer");
        assert_eq!(b.prepared_for.as_deref(), Some("Dana (candidate)"));
        assert_eq!(b.parties.len(), 2);
        assert!(b.parties[0].is_us && !b.parties[1].is_us);
        assert_eq!(b.interests.len(), 2);
        // High priority first, and the plan's order within a priority.
        let dana: Vec<_> = b.interests[0].key.iter().map(|i| i.priority).collect();
        assert_eq!(dana, [Priority::High, Priority::High, Priority::Medium]);
        assert_eq!(b.links.len(), 3);
        assert_eq!(b.issues.len(), 4);
        assert_eq!(b.issues[0].criteria.len(), 1);
        assert_eq!(b.packages.len(), 1);
        let p = &b.packages[0];
        assert!((p.values[0].value - 72.5).abs() < 1e-9);
        assert!(p.open_issues.is_empty());
        assert!(p.acceptable_to_all());
        assert_eq!(b.open_questions.len(), 1);
        assert!(b.agreed.is_empty());
        match &b.nash {
            Reference::Package { line, .. } => {
                assert_eq!(line.choices.len(), 4);
                assert!(line.acceptable_to_all(), "{line:?}");
            }
            other => panic!("expected a Nash package, got {other:?}"),
        }
    }

    #[test]
    fn the_best_practice_agreement_is_in_the_brief() {
        use crate::model::{RehearsalResult, Side};
        use crate::rehearsal::bridge::{play, start, Start, UserMove};
        let mut plan = sample_plan(id(), 0);
        assert_eq!(BriefData::from_plan(&plan).practice, None);
        let how = Start {
            counterpart: plan.parties[1].id.clone(),
            style: None,
            as_estimated: true,
            rounds: 10,
            seed: 5,
        };
        let first = start(&mut plan, &how, 1).unwrap();
        play(&mut plan, &first, &UserMove::WalkAway).unwrap();
        assert_eq!(
            BriefData::from_plan(&plan).practice,
            None,
            "no agreement, no line"
        );
        for ours in [61.0, 70.25, 64.0] {
            let id = start(&mut plan, &how, 2).unwrap();
            let r = plan.rehearsals.iter_mut().find(|r| r.id == id).unwrap();
            r.result = Some(RehearsalResult {
                agreed: true,
                ended_by: Side::Them,
                round: 4,
                ours,
                theirs: 50.0,
            });
        }
        assert_eq!(
            BriefData::from_plan(&plan).practice.as_deref(),
            Some(
                "Best practice result: 70.2 for you (+25.2 against your BATNA) and 50.0 for \
                 Nimbus (hiring manager), agreed in round 4 of 10 (seed 5)."
            )
        );
    }

    #[test]
    fn packages_rank_by_joint_value_with_partial_ones_last() {
        let mut plan = supplier_contract(id(), 0);
        let b = BriefData::from_plan(&plan);
        let joints: Vec<f64> = b.packages.iter().map(|p| p.joint).collect();
        assert!(joints.windows(2).all(|w| w[0] >= w[1]), "{joints:?}");
        // The deliberately dominated draft comes last.
        assert_eq!(b.packages[2].name, "Draft: short and flexible");
        assert_eq!(
            b.groups,
            [(
                "First meeting".to_string(),
                vec![
                    "Lowest price for full commitment".to_string(),
                    "Fast delivery for partial commitment".to_string()
                ]
            )]
        );
        assert_eq!(b.open_questions.len(), 1);
        assert_eq!(b.agreed[0].answer, "Down 6% year on year.");

        // A partial package with a high value still ranks after complete ones.
        let mut partial = plan.packages[1].clone();
        partial.id = crate::model::PackageId::from_seq(plan.take_seq());
        partial.name = "Partial".into();
        let first = plan.issues[1].id.clone();
        partial.choices.remove(&first);
        plan.packages.push(partial);
        for _ in 0..3 {
            let mut extra = plan.packages[2].clone();
            extra.id = crate::model::PackageId::from_seq(plan.take_seq());
            plan.packages.push(extra);
        }
        let b = BriefData::from_plan(&plan);
        assert_eq!(b.packages.len(), BEST_PACKAGES);
        assert_eq!(b.more_packages, 3);
        assert!(b.packages.iter().all(|p| p.name != "Partial"));
    }

    #[test]
    fn the_nash_package_needs_full_scores_and_an_agreement_zone() {
        let mut plan = three_party(id(), 0);
        assert!(matches!(
            BriefData::from_plan(&plan).nash,
            Reference::Package { .. }
        ));
        for p in &mut plan.parties {
            p.reservation = Estimate::exact(99.0);
        }
        assert_eq!(BriefData::from_plan(&plan).nash, Reference::NoAgreementZone);
        let first = plan.issues[0].options[0].id.clone();
        plan.parties[1].ratings.remove(&first);
        let Reference::NotReady(why) = BriefData::from_plan(&plan).nash else {
            panic!("a missing rating stops the analysis");
        };
        assert!(why.contains("has not rated the option"), "{why}");
    }

    #[test]
    fn an_empty_plan_gives_empty_sections_not_errors() {
        let mut plan = Plan::new(id(), "  ", 0);
        plan.perspective = crate::model::Perspective::Neutral;
        let b = BriefData::from_plan(&plan);
        assert_eq!(b.title, "Untitled plan");
        assert_eq!(b.prepared_for, None);
        assert_eq!(b.parties.len(), 2);
        assert!(b.interests.is_empty() && b.issues.is_empty() && b.packages.is_empty());
        assert!(b.groups.is_empty() && b.open_questions.is_empty());
        assert!(matches!(b.nash, Reference::NotReady(_)));
    }

    #[test]
    fn only_five_interests_per_party_with_the_rest_counted() {
        let mut plan = Plan::new(id(), "x", 0);
        let us = plan.parties[0].id.clone();
        for k in 0..7 {
            let i = plan.add_interest(&us, &format!("interest {k}"));
            if k == 6 {
                if let Some(x) = plan.interests.iter_mut().find(|x| x.id == i) {
                    x.priority = Priority::High;
                }
            }
        }
        let b = BriefData::from_plan(&plan);
        assert_eq!(b.interests[0].key.len(), KEY_INTERESTS);
        assert_eq!(b.interests[0].more, 2);
        assert_eq!(b.interests[0].key[0].statement, "interest 6");
        assert_eq!(b.interests[0].key[1].statement, "interest 0");
    }
}
