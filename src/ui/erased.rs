//! Reactive pieces compiled once for the app rather than once per call site (see
//! ARCHITECTURE.md, "Bundle size").
//!
//! - [`keyed_list`]: Leptos's `<For>` is generic over the item, the key and three closures,
//!   so every `<For>` compiled to its own copy of the list machinery (about 7 KB of
//!   WebAssembly each). This one erases the item and the key: each list pays only for
//!   boxing its items.
//! - [`effect`]: `Effect::new` compiles the effect's task for each closure.

use leptos::prelude::*;
use std::any::Any;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A list that keeps each item's view while its key stays in the list, and builds views for
/// new keys only: `<For each key let:item>` with the same behaviour, for any item and key.
pub fn keyed_list<T, K, V>(
    each: impl Fn() -> Vec<T> + Send + Sync + 'static,
    key: impl Fn(&T) -> K + Send + Sync + 'static,
    children: impl Fn(T) -> V + Send + Sync + 'static,
) -> AnyView
where
    T: Send + 'static,
    K: Eq + Hash + Send + Sync + 'static,
    V: IntoView + 'static,
{
    erased_list(
        Arc::new(move || {
            each()
                .into_iter()
                .map(|item| Row {
                    key: AnyKey(Arc::new(key(&item))),
                    item: Box::new(item),
                })
                .collect()
        }),
        Arc::new(move |item| match item.downcast::<T>() {
            Ok(item) => children(*item).into_any(),
            // Unreachable: every row of this list holds a `T`.
            Err(_) => ().into_any(),
        }),
    )
}

type Each = Arc<dyn Fn() -> Vec<Row> + Send + Sync>;
type Children = Arc<dyn Fn(Box<dyn Any + Send>) -> AnyView + Send + Sync>;

/// The single `<For>` instance.
fn erased_list(each: Each, children: Children) -> AnyView {
    view! {
        <For each=move || each() key=|row: &Row| row.key.clone() children=move |row: Row| children(row.item) />
    }
    .into_any()
}

struct Row {
    key: AnyKey,
    item: Box<dyn Any + Send>,
}

/// A key of any type, compared and hashed by its own `Eq` and `Hash`.
#[derive(Clone)]
struct AnyKey(Arc<dyn Key>);

trait Key: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn Key) -> bool;
    fn hash_into(&self, state: &mut dyn Hasher);
}

impl<K: Eq + Hash + Send + Sync + 'static> Key for K {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn Key) -> bool {
        other.as_any().downcast_ref::<K>() == Some(self)
    }

    fn hash_into(&self, mut state: &mut dyn Hasher) {
        self.hash(&mut state);
    }
}

impl PartialEq for AnyKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(&*other.0)
    }
}

impl Eq for AnyKey {}

impl Hash for AnyKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash_into(state);
    }
}

/// `Effect::new(move |_| f())` with the closure boxed. Each `Effect::new` compiles the
/// effect's task for its closure (about 1.4 KB of WebAssembly); boxed, the app has one.
pub fn effect(f: impl Fn() + 'static) -> Effect<LocalStorage> {
    let f: Box<dyn Fn(Option<()>)> = Box::new(move |_| f());
    Effect::new(f)
}
