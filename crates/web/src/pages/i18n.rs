//! The pages' words in Danish and English: one catalogue per language and area
//! (`i18n/{da,en}/*.json`), flat keys to texts. Danish is the default: most workers read it
//! first. A test fails on any key present in one language and missing in the other, and
//! on any key a template asks for that neither has.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One area's catalogue in both languages: (area, Danish file, English file).
macro_rules! area {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../i18n/da/", $name, ".json")),
            include_str!(concat!("../../i18n/en/", $name, ".json")),
        )
    };
}

/// The catalogue files, by area; each area is one file per language.
const AREAS: [(&str, &str, &str); 13] = [
    area!("common"),
    area!("worker"),
    area!("company"),
    area!("coordinator"),
    area!("board"),
    area!("driver"),
    area!("mail"),
    area!("waste"),
    area!("alliance"),
    area!("indicators"),
    area!("cases"),
    area!("festival"),
    area!("green"),
];

/// A language the pages speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().get(..2)?.to_ascii_lowercase().as_str() {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first language in an `Accept-Language` header that the pages speak.
    pub fn from_accept(header: &str) -> Option<Lang> {
        header
            .split(',')
            .find_map(|part| Lang::parse(part.split(';').next()?))
    }
}

pub type Catalogue = BTreeMap<String, String>;

/// Every area's file for one language, merged; a key must be unique across areas.
pub fn load(lang: Lang) -> Result<Catalogue, String> {
    let mut all = Catalogue::new();
    for (area, da, en) in AREAS {
        let text = if lang == Lang::Da { da } else { en };
        let part: Catalogue = serde_json::from_str(text)
            .map_err(|e| format!("i18n/{}/{area}.json: {e}", lang.code()))?;
        for (key, value) in part {
            if all.insert(key.clone(), value).is_some() {
                return Err(format!(
                    "i18n/{}/{area}.json: the key {key} is also in another area",
                    lang.code()
                ));
            }
        }
    }
    Ok(all)
}

static DA: LazyLock<Catalogue> = LazyLock::new(|| load(Lang::Da).unwrap_or_else(|e| panic!("{e}")));
static EN: LazyLock<Catalogue> = LazyLock::new(|| load(Lang::En).unwrap_or_else(|e| panic!("{e}")));

/// The words of one language, for a template: `{{ t.get("sign_in.title") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The words for a domain locale: the API's `?lang=` and the command line's `--lang`.
    pub fn of(locale: domain::contact::Locale) -> Self {
        Self::new(match locale {
            domain::contact::Locale::Da => Lang::Da,
            domain::contact::Locale::En => Lang::En,
        })
    }

    fn catalogue(&self) -> &'static Catalogue {
        match self.lang {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }

    /// The text for `key`; a missing key shows as itself, and the catalogue test catches it.
    pub fn get<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.catalogue().get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// The catalogue keys a template or page source asks for: each `t.get("…")` and
/// `t.fill("…"` in `text` (an ellipsis, as in this comment, is no key).
#[cfg(test)]
pub(crate) fn keys_asked_in(text: &str) -> Vec<&str> {
    ["t.get(\"", "t.fill(\""]
        .into_iter()
        .flat_map(|marker| text.split(marker).skip(1))
        .map(|piece| piece.split('"').next().unwrap_or_default())
        .filter(|key| *key != "…")
        .collect()
}

/// Fails naming each of `keys` that either language's catalogue lacks: the check of an
/// area whose keys are also built in code (weekday and month names, statuses, menus).
#[cfg(test)]
pub(crate) fn assert_both_languages_have(keys: &[String]) {
    let (da, en) = (load(Lang::Da).unwrap(), load(Lang::En).unwrap());
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !da.contains_key(*k) || !en.contains_key(*k))
        .collect();
    assert!(missing.is_empty(), "keys missing: {missing:?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys_and_no_empty_text() {
        let (da, en) = (load(Lang::Da).unwrap(), load(Lang::En).unwrap());
        let only_da: Vec<&String> = da.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<&String> = en.keys().filter(|k| !da.contains_key(*k)).collect();
        assert!(
            only_da.is_empty() && only_en.is_empty(),
            "only in da: {only_da:?}; only in en: {only_en:?}"
        );
        for (key, text) in da.iter().chain(en.iter()) {
            assert!(!text.trim().is_empty(), "{key} is empty");
        }
    }

    /// Every `t.get("…")` and `t.fill("…"` in the templates and page code names a key the
    /// catalogues have.
    #[test]
    fn every_key_the_pages_ask_for_exists() {
        let da = load(Lang::Da).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("templates"), root.join("src/pages")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path)
                } else {
                    files.push(path)
                }
            }
        }
        let mut missing = Vec::new();
        for file in files.iter().filter(|f| f.is_file()) {
            let text = std::fs::read_to_string(file).unwrap();
            for key in keys_asked_in(&text) {
                if !da.contains_key(key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalogues: {missing:#?}"
        );
    }

    #[test]
    fn the_browsers_language_is_read_from_accept_language() {
        assert_eq!(Lang::from_accept("en-GB,en;q=0.9,da;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::from_accept("de-DE, da;q=0.5"), Some(Lang::Da));
        assert_eq!(Lang::from_accept("fr"), None);
        assert_eq!(
            Tr::new(Lang::En).fill("common.signed_in_as", &[("email", "a@b.dk")]),
            "Signed in as a@b.dk"
        );
    }
}
