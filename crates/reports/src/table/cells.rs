//! The cell formats every file shares, written and read: yes/no, decimals, whole numbers,
//! comma lists and `|` items.

use domain::Invalid;

/// `yes` or `no`.
pub(crate) fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_string()
}

/// The value's text, or an empty cell for none.
pub(crate) fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// `cleaning, sorting`.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `name | p_number || name | p_number`, with `\` escaping any `|` or `\` inside a part,
/// so no name or address can break the item structure.
pub(crate) fn items(items: &[Vec<String>]) -> String {
    let escape = |part: &String| part.replace('\\', "\\\\").replace('|', "\\|");
    items
        .iter()
        .map(|parts| parts.iter().map(escape).collect::<Vec<_>>().join(" | "))
        .collect::<Vec<_>>()
        .join(" || ")
}

/// Reads `yes`/`no` and their usual spellings; an empty cell is `no`, as the API's default is.
pub(crate) fn parse_flag(text: &str) -> Result<bool, Invalid> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "ja" | "true" | "1" => Ok(true),
        "no" | "nej" | "false" | "0" | "" => Ok(false),
        _ => Err(Invalid::new(format!("'{}' is not yes or no", text.trim()))),
    }
}

/// Reads a decimal like `7.5`; a decimal comma (`7,5`) is taken too, as Danish Excel saves one.
pub(crate) fn parse_decimal(text: &str) -> Result<Option<f64>, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let dotted = if text.contains('.') {
        text.to_string()
    } else {
        text.replacen(',', ".", 1)
    };
    dotted
        .parse::<f64>()
        .map(Some)
        .map_err(|_| Invalid::new(format!("'{text}' is not a number like 7.5")))
}

/// Reads a whole number; an empty cell is none.
pub(crate) fn parse_integer(text: &str) -> Result<Option<i64>, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| Invalid::new(format!("'{text}' is not a whole number")))
}

/// Splits `cleaning, sorting` into its trimmed, non-empty entries.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Splits `a | b || c | d` into items of trimmed parts, undoing `\` escapes.
/// Items that are wholly empty are dropped, so a trailing `||` is harmless.
pub(crate) fn split_items(text: &str) -> Result<Vec<Vec<String>>, Invalid> {
    let mut items = Vec::new();
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => part.push(chars.next().unwrap_or('\\')),
            '|' => {
                let mut run = 1;
                while chars.next_if_eq(&'|').is_some() {
                    run += 1;
                }
                parts.push(part.trim().to_string());
                part.clear();
                match run {
                    1 => {}
                    2 => items.push(std::mem::take(&mut parts)),
                    _ => {
                        return Err(Invalid::new(format!(
                            "'{}' is neither | (between parts) nor || (between items)",
                            "|".repeat(run)
                        )));
                    }
                }
            }
            c => part.push(c),
        }
    }
    parts.push(part.trim().to_string());
    items.push(parts);
    items.retain(|parts: &Vec<String>| parts.iter().any(|p| !p.is_empty()));
    Ok(items)
}
