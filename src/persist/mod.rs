//! Persistence: the stored document formats with their schema versions (`schema`, pure)
//! and the one adapter that touches the browser's local storage (`storage`).

pub mod exchange;
pub mod schema;
pub mod storage;
