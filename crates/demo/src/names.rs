//! Word lists for names: Danish names and the backgrounds most common among people the
//! Aalborg job centre refers, each tied to the language those names usually come with.

/// First and last names that belong together, with the home language they suggest.
pub(crate) struct NameGroup {
    /// `None` for Danish names: the person speaks Danish and nothing else is implied.
    pub language: Option<&'static str>,
    /// Relative frequency among the agency's people.
    pub weight: u32,
    pub first: &'static [&'static str],
    pub last: &'static [&'static str],
}

pub(crate) const GROUPS: &[NameGroup] = &[
    NameGroup {
        language: None,
        weight: 62,
        first: &[
            "Mette", "Anne", "Jens", "Lars", "Søren", "Kirsten", "Hanne", "Peter", "Michael",
            "Camilla", "Mads", "Line", "Jonas", "Freja", "Emil", "Ida", "Niels", "Birgitte",
            "Henrik", "Louise", "Rasmus", "Sofie", "Kasper", "Tina", "Bo", "Lone", "Frederik",
            "Mikkel", "Maria", "Jesper", "Bjørn", "Pia", "Tobias", "Signe", "Morten", "Karina",
            "Allan", "Dorthe", "Kenneth", "Maja",
        ],
        last: &[
            "Nielsen",
            "Jensen",
            "Hansen",
            "Pedersen",
            "Andersen",
            "Christensen",
            "Larsen",
            "Sørensen",
            "Rasmussen",
            "Jørgensen",
            "Petersen",
            "Madsen",
            "Kristensen",
            "Olsen",
            "Thomsen",
            "Poulsen",
            "Johansen",
            "Møller",
            "Mortensen",
            "Kjær",
            "Lund",
            "Holm",
            "Overgaard",
            "Bach",
            "Nørgaard",
            "Bertelsen",
            "Frandsen",
            "Dahl",
            "Kirkegaard",
            "Vestergaard",
        ],
    },
    NameGroup {
        language: Some("ar"),
        weight: 10,
        first: &[
            "Ahmed", "Mohammad", "Fatima", "Aisha", "Omar", "Leila", "Hassan", "Yasmin", "Khaled",
            "Nour", "Rania", "Yousef",
        ],
        last: &[
            "Al-Hassan",
            "Haddad",
            "Khalil",
            "Saleh",
            "Mansour",
            "Nasser",
            "Hamdan",
            "Abbas",
            "Darwish",
        ],
    },
    NameGroup {
        language: Some("uk"),
        weight: 8,
        first: &[
            "Olena", "Oksana", "Andrii", "Dmytro", "Iryna", "Yulia", "Serhii", "Natalia", "Taras",
            "Kateryna",
        ],
        last: &[
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Tkachenko",
            "Melnyk",
            "Kravchenko",
            "Boyko",
            "Lysenko",
        ],
    },
    NameGroup {
        language: Some("so"),
        weight: 6,
        first: &[
            "Abdi", "Hodan", "Farhan", "Sahra", "Ayaan", "Liban", "Faduma", "Mukhtar", "Ifrah",
        ],
        last: &[
            "Mohamed",
            "Hussein",
            "Warsame",
            "Farah",
            "Jama",
            "Osman",
            "Abdullahi",
            "Nur",
        ],
    },
    NameGroup {
        language: Some("tr"),
        weight: 7,
        first: &[
            "Mehmet", "Ayşe", "Emre", "Elif", "Murat", "Zeynep", "Hakan", "Fatma", "Burak", "Derya",
        ],
        last: &[
            "Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Öztürk", "Aydın", "Arslan", "Doğan",
        ],
    },
    NameGroup {
        language: Some("pl"),
        weight: 7,
        first: &[
            "Piotr",
            "Agnieszka",
            "Katarzyna",
            "Tomasz",
            "Łukasz",
            "Magdalena",
            "Paweł",
            "Joanna",
            "Marek",
        ],
        last: &[
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kowalczyk",
            "Zieliński",
            "Lewandowska",
            "Mazur",
        ],
    },
];

/// Turns a name into the ASCII letters an e-mail address can safely carry: `Søren` → `soeren`.
pub(crate) fn ascii_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'æ' => "ae",
            'ø' | 'ö' => "oe",
            'å' => "aa",
            'ü' => "ue",
            'ş' | 'ś' => "s",
            'ç' => "c",
            'ğ' => "g",
            'ı' => "i",
            'ł' => "l",
            'ń' => "n",
            'ó' => "o",
            'ą' => "a",
            'ę' | 'é' => "e",
            'ż' | 'ź' => "z",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => continue,
        };
        out.push_str(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(ascii_slug("Søren"), "soeren");
        assert_eq!(ascii_slug("Al-Hassan"), "alhassan");
        assert_eq!(ascii_slug("Yılmaz"), "yilmaz");
        assert_eq!(ascii_slug("Łukasz"), "lukasz");
        for group in GROUPS {
            for name in group.first.iter().chain(group.last) {
                let slug = ascii_slug(name);
                assert!(
                    !slug.is_empty() && slug.chars().all(|c| c.is_ascii_lowercase()),
                    "{name} → {slug}"
                );
            }
        }
    }
}
