//! Widgets shared by the steps.

use crate::model::Step;
use leptos::prelude::*;

/// A step's heading and its two or three sentences of guidance.
#[component]
pub fn StepIntro(step: Step) -> impl IntoView {
    view! {
        <header class="step-intro">
            <h2 id="step-heading">{step.label()}</h2>
            <p class="guidance">{step.guidance()}</p>
        </header>
    }
}
