use super::widgets::StepIntro;
use crate::app::PlanSession;
use crate::model::Step;
use leptos::prelude::*;

#[component]
pub fn EvaluateStep(session: PlanSession) -> impl IntoView {
    let _ = session;
    view! { <StepIntro step=Step::Evaluate /> }
}
