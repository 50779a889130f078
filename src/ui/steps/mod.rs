//! One module per workflow step. Each step is a component taking the open plan's
//! session; edits go through `session.edit(label, merge_key, |plan| …)` so they are undoable
//! and saved. Shared widgets live in `widgets`.

pub mod agreement;
pub mod batna_tree;
pub mod brief;
pub mod chart;
pub mod evaluate;
pub mod explore;
pub mod facts;
pub mod fields;
pub mod helper_input;
pub mod interests;
pub mod issues;
pub mod offers;
pub mod order_list;
pub mod overview;
pub mod packages;
pub mod parties;
pub mod practise;
pub mod practise_debrief;
pub mod revealed;
pub mod strategy;
pub mod strategy_parts;
pub mod team;
pub mod team_answer;
pub mod team_packages;
pub mod widgets;

use crate::app::PlanSession;
use crate::model::Step;
use leptos::prelude::*;

/// The view of one step.
pub fn step_view(step: Step, session: PlanSession) -> AnyView {
    match step {
        Step::Overview => view! { <overview::OverviewStep session /> }.into_any(),
        Step::Parties => view! { <parties::PartiesStep session /> }.into_any(),
        Step::Interests => view! { <interests::InterestsStep session /> }.into_any(),
        Step::Issues => view! { <issues::IssuesStep session /> }.into_any(),
        Step::Evaluate => view! { <evaluate::EvaluateStep session /> }.into_any(),
        Step::Team => view! { <team::TeamStep session /> }.into_any(),
        Step::Packages => view! { <packages::PackagesStep session /> }.into_any(),
        Step::Facts => view! { <facts::FactsStep session /> }.into_any(),
        Step::Strategy => view! { <strategy::StrategyStep session /> }.into_any(),
        Step::Practise => view! { <practise::PractiseStep session /> }.into_any(),
        Step::Brief => view! { <brief::BriefStep session /> }.into_any(),
        Step::Agreement => view! { <agreement::AgreementStep session /> }.into_any(),
    }
}
