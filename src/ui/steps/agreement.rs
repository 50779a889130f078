use crate::app::PlanSession;
use leptos::prelude::*;
#[component]
pub fn AgreementStep(session: PlanSession) -> impl IntoView {
    let _ = session;
    view! { <super::widgets::StepIntro step=crate::model::Step::Agreement /> }
}
