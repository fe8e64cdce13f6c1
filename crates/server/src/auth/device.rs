//! A short, readable name for the device behind a login, from its
//! User-Agent: "Chrome 131 · Android", "Safari 17 · iPhone". Only browser
//! and system are kept; the raw header is never stored.

/// The longest device name stored.
const MAX_CHARS: usize = 60;

pub fn describe_device(user_agent: &str) -> String {
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map(|(_, name)| name);
    // Order matters: Edge and Samsung Internet also say "Chrome", and
    // Chrome also says "Safari".
    let browser = [
        ("Edg/", "Edge"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("HeadlessChrome/", "Chrome (headless)"),
        ("Chrome/", "Chrome"),
        ("CriOS/", "Chrome"),
        ("Version/", "Safari"),
    ]
    .into_iter()
    .find_map(|(needle, name)| {
        let rest = &user_agent[user_agent.find(needle)? + needle.len()..];
        let major: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some(if major.is_empty() {
            name.to_owned()
        } else {
            format!("{name} {major}")
        })
    });
    let name = match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b,
        (None, Some(s)) => s.to_owned(),
        (None, None) => "Perangkat tak dikenal / Unknown device".to_owned(),
    };
    name.chars().take(MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::describe_device;

    #[test]
    fn names_common_phones_and_laptops() {
        let android = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36";
        assert_eq!(describe_device(android), "Chrome 131 · Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(iphone), "Safari 17 · iPhone");
        let samsung = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0 Mobile Safari/537.36";
        assert_eq!(describe_device(samsung), "Samsung Internet 23 · Android");
        assert_eq!(
            describe_device(""),
            "Perangkat tak dikenal / Unknown device"
        );
        assert_eq!(
            describe_device("curl/8.5.0"),
            "Perangkat tak dikenal / Unknown device"
        );
    }
}
