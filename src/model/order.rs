//! Sorting compiled once. `sort_by` is compiled again for every comparator it is given
//! (3–4 KB of WebAssembly each: the stable sort with its merge and small-sort parts), so the
//! app's sorts go through one: this module orders positions with a `dyn` comparator and
//! then moves the items into place. Same results as the standard library's stable sorts.

use std::cmp::Ordering;

/// Stable sort, as `items.sort_by(compare)`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// Stable sort by a key, as `items.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `0..n` in the order `compare` gives their items (stable): the one sort instance.
fn positions(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the item at `order[k]` to `k`, for every `k`, by swaps.
fn permute<T>(items: &mut [T], order: &[usize]) {
    for k in 0..order.len() {
        // The item that belongs at `k` started at `order[k]`; if that place is already
        // settled, the item was swapped away from it: follow it.
        let mut from = order[k];
        while from < k {
            from = order[from];
        }
        items.swap(k, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every permutation of up to six items, with ties: the same order as the std sort.
    #[test]
    fn matches_the_standard_stable_sort() {
        fn all(n: usize) -> Vec<Vec<u8>> {
            if n == 0 {
                return vec![vec![]];
            }
            let mut out = Vec::new();
            for rest in all(n - 1) {
                for v in 0..3 {
                    let mut x = rest.clone();
                    x.push(v);
                    out.push(x);
                }
            }
            out
        }
        for n in 0..=6 {
            for keys in all(n) {
                // (key, original position): ties must keep their order.
                let items: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
                let mut ours = items.clone();
                sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
                let mut std = items.clone();
                std.sort_by_key(|b| std::cmp::Reverse(b.0));
                assert_eq!(ours, std);
                let mut ours = items.clone();
                sort_by_key(&mut ours, |a| a.0);
                let mut std = items;
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn reverses_a_long_list() {
        let mut v: Vec<u32> = (0..1000).collect();
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, (0..1000).rev().collect::<Vec<_>>());
    }
}
