//! The language a command writes its words in (`--lang da|en`), shared by the commands
//! that word reasons through the pages' catalogues.

use clap::ValueEnum;
use domain::contact::Locale;
use web::pages::i18n::Tr;

/// A language the catalogues speak.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Da,
    En,
}

impl LangArg {
    /// As the domain names it.
    pub fn locale(self) -> Locale {
        match self {
            LangArg::Da => Locale::Da,
            LangArg::En => Locale::En,
        }
    }

    /// The catalogues' words in it.
    pub fn tr(self) -> Tr {
        Tr::of(self.locale())
    }
}
