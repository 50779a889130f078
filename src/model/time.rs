use super::Millis;

/// "just now", "5 minutes ago", "yesterday", "3 days ago": how long ago `then` was at
/// `now`. The exact date goes in a tooltip; this is what a person scans a list by.
pub fn describe_age(now: Millis, then: Millis) -> String {
    let secs = (now - then).max(0) / 1000;
    let mins = secs / 60;
    let hours = mins / 60;
    let days = hours / 24;
    match () {
        _ if secs < 45 => "just now".to_string(),
        _ if mins < 2 => "a minute ago".to_string(),
        _ if mins < 60 => format!("{mins} minutes ago"),
        _ if hours < 2 => "an hour ago".to_string(),
        _ if hours < 24 => format!("{hours} hours ago"),
        _ if days < 2 => "yesterday".to_string(),
        _ if days < 60 => format!("{days} days ago"),
        _ => format!("{} months ago", days / 30),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        let min = 60_000;
        let cases = [
            (0, "just now"),
            (-5_000, "just now"), // clock skew between tabs must not print negatives
            (90_000, "a minute ago"),
            (5 * min, "5 minutes ago"),
            (61 * min, "an hour ago"),
            (5 * 60 * min, "5 hours ago"),
            (30 * 60 * min, "yesterday"),
            (3 * 24 * 60 * min, "3 days ago"),
            (90 * 24 * 60 * min, "3 months ago"),
        ];
        for (ago, want) in cases {
            assert_eq!(
                describe_age(1_000_000_000_000, 1_000_000_000_000 - ago),
                want
            );
        }
    }
}
