//! Preparing as a team: each member's view of the plan, merged, with the disagreements in
//! plain sight. Pure (no Leptos, web-sys or gloo); the data lives in `model::team`.
//!
//! The flow, and where each part lives:
//! 1. The owner makes a view request ([`request::make_request`], told first what it
//!    carries by [`request::describe_request`]) as a file or a link ([`doc`]).
//! 2. A teammate opens it in their own browser: it becomes a plan of their library
//!    ([`request::plan_from_request`]) that they fill in with every step of the app; the
//!    answer ([`request::answer_from_plan`]) carries their numbers and what they propose.
//! 3. The owner merges the answer as a named view ([`merge::merge_answer`]), refused when
//!    it belongs to another plan, its ids were edited, the member already answered (unless
//!    replacing), or it comes from a newer version ([`doc::read_answer`]).
//! 4. The views side by side: the statistics ([`stats`]), the disagreements in words
//!    ([`words`]), the team's number chosen per place ([`choose`]), proposals accepted or
//!    rejected ([`merge::accept`]), and every package judged in each view ([`views`]).

pub mod choose;
pub mod doc;
pub mod merge;
pub mod request;
pub mod stats;
pub mod views;
pub mod words;

#[cfg(test)]
mod tests;
