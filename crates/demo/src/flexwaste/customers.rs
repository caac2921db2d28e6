//! The fictional shops, cafés and offices Flex Waste's demo customers are drawn from, and
//! what kind of customer each is.

/// What kind of customer a shop is, which decides what it throws out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Retail,
    Food,
    Office,
}

/// A customer to be: its name, what its site is called, who its contact is and its kind.
pub(super) struct Template {
    pub(super) name: &'static str,
    /// What the site is called before its street: `Butik Algade`.
    pub(super) site: &'static str,
    /// The contact's role.
    pub(super) role: &'static str,
    pub(super) kind: Kind,
}

const fn t(name: &'static str, site: &'static str, role: &'static str, kind: Kind) -> Template {
    Template {
        name,
        site,
        role,
        kind,
    }
}

use Kind::{Food, Office, Retail};

/// Fictional customers of the kinds found in Aalborg's shopping streets.
#[rustfmt::skip]
pub(super) const TEMPLATES: &[Template] = &[
    t("Bispensgade Sko ApS", "Butik", "butikschef", Retail),
    t("Algade Optik", "Butik", "indehaver", Retail),
    t("Nytorv Ur & Smykker", "Butik", "indehaver", Retail),
    t("Østerå Tøj & Mode", "Butik", "butikschef", Retail),
    t("Boulevardens Blomster", "Blomsterbutik", "indehaver", Retail),
    t("Vinhandlen Jomfru Ane Gade", "Butik", "indehaver", Retail),
    t("Gravensgade Legetøj", "Butik", "butikschef", Retail),
    t("Bredegade Boligudstyr A/S", "Butik", "butikschef", Retail),
    t("Vesterbro Cykler ApS", "Værksted", "indehaver", Retail),
    t("Nordlys Sport ApS", "Butik", "butikschef", Retail),
    t("Limfjordens Garn og Strik", "Butik", "indehaver", Retail),
    t("Gammeltorv Antik", "Butik", "indehaver", Retail),
    t("Kattesundet Kaffe og The", "Butik", "indehaver", Retail),
    t("Aalborg Elektronik ApS", "Butik", "butikschef", Retail),
    t("Fru Hansens Hjem og Interiør", "Butik", "indehaver", Retail),
    t("Herremagasinet i Algade", "Butik", "butikschef", Retail),
    t("Adelgade Isenkram", "Butik", "indehaver", Retail),
    t("Nordjysk Musikhandel ApS", "Butik", "butikschef", Retail),
    t("Pladebutikken Vingårdsgade", "Butik", "indehaver", Retail),
    t("Børnenes Butik Bispensgade", "Butik", "butikschef", Retail),
    t("Guldsmed Mikkelsen", "Butik", "guldsmed", Retail),
    t("Papirhuset Aalborg", "Butik", "butikschef", Retail),
    t("Budolfi Boghandel", "Butik", "boghandler", Retail),
    t("Hjelmerstald Vintage", "Butik", "indehaver", Retail),
    t("Den Blå Dør Kunsthåndværk", "Butik", "indehaver", Retail),
    t("Tasker og Læder ved Nytorv", "Butik", "indehaver", Retail),
    t("Parfumeriet Østerågade", "Butik", "butikschef", Retail),
    t("Fjordens Outdoor ApS", "Butik", "butikschef", Retail),
    t("Aalborg Brillehus", "Butik", "optiker", Retail),
    t("Slotsgade Farvehandel", "Butik", "indehaver", Retail),
    t("Dyrehandlen Reberbansgade", "Butik", "indehaver", Retail),
    t("Helsekosten Vesterå", "Butik", "indehaver", Retail),
    t("Kiosken ved Boulevarden", "Kiosk", "indehaver", Retail),
    t("Danmarksgade Boligtekstil", "Butik", "indehaver", Retail),
    t("Løkkegade Foto", "Butik", "fotograf", Retail),
    t("Mobilklinikken Aalborg", "Butik", "indehaver", Retail),
    t("Nordisk Design Butik ApS", "Butik", "butikschef", Retail),
    t("Bolchebutikken ved Gammeltorv", "Butik", "indehaver", Retail),
    t("Chokolademageren i Bredegade", "Butik", "chokolatier", Retail),
    t("Delikatessen på Nytorv", "Butik", "indehaver", Retail),
    t("Ostebutikken i Algade", "Butik", "indehaver", Retail),
    t("Slagter Jensen, Borgergade", "Slagterbutik", "slagtermester", Retail),
    t("Fiskehandlen Ved Stranden", "Fiskebutik", "indehaver", Retail),
    t("Frugt og Grønt Nørregade", "Butik", "indehaver", Retail),
    t("Vinkælderen Slotsgade", "Butik", "indehaver", Retail),
    t("Frisør Salon Algade", "Salon", "indehaver", Retail),
    t("Skomager Nielsen", "Værksted", "skomager", Retail),
    t("Cykelsmeden Løkkegade", "Værksted", "indehaver", Retail),
    t("Blomsterværkstedet Slotsgade", "Blomsterbutik", "indehaver", Retail),
    t("Galleri Nordlys", "Galleri", "galleriejer", Retail),
    t("Antikvariatet Peder Barkes Gade", "Butik", "antikvar", Retail),
    t("Sportshuset Vesterbro", "Butik", "butikschef", Retail),
    t("Babyshoppen Aalborg", "Butik", "butikschef", Retail),
    t("Café Budolfi", "Café", "caféleder", Food),
    t("Bageriet i Gravensgade", "Bageri", "bagermester", Food),
    t("Kaffekompagniet Bispensgade", "Kaffebar", "indehaver", Food),
    t("Restaurant Fjordblik", "Restaurant", "køkkenchef", Food),
    t("Pizzeria Vesterå", "Restaurant", "indehaver", Food),
    t("Smørrebrødshuset i Algade", "Frokoststue", "indehaver", Food),
    t("Juicebaren Nytorv", "Juicebar", "indehaver", Food),
    t("Café Hjelmerstald", "Café", "indehaver", Food),
    t("Burgerbaren Jomfru Ane Gade", "Restaurant", "restaurantchef", Food),
    t("Sushi Nord ApS", "Restaurant", "indehaver", Food),
    t("Bistro Østerå", "Restaurant", "køkkenchef", Food),
    t("Bageri Hansen & Søn", "Bageri", "bagermester", Food),
    t("Isbaren Ved Stranden", "Isbar", "indehaver", Food),
    t("Thai Køkken Vingårdsgade", "Restaurant", "indehaver", Food),
    t("Brasseriet på Boulevarden", "Restaurant", "restaurantchef", Food),
    t("Vaffelbageriet Gammeltorv", "Café", "indehaver", Food),
    t("Advokatfirmaet Holm & Krogh", "Kontor", "kontorchef", Office),
    t("Revisionsfirmaet Nordtal ApS", "Kontor", "office manager", Office),
    t("Arkitektkontoret Limfjord", "Tegnestue", "kontorchef", Office),
    t("Ejendomsmægleren i Bispensgade", "Kontor", "indehaver", Office),
    t("Tandlægerne på Boulevarden", "Klinik", "klinikchef", Office),
    t("Nordjysk Forsikringsservice A/S", "Kontor", "office manager", Office),
    t("Rejsebureauet Vesterbro", "Kontor", "indehaver", Office),
    t("Lægehuset ved Nytorv", "Klinik", "klinikchef", Office),
    t("Fysioterapi Østerbro", "Klinik", "indehaver", Office),
    t("Bogholderiet Nord ApS", "Kontor", "indehaver", Office),
    t("Konsulenthuset Aalborg ApS", "Kontor", "office manager", Office),
    t("Reklamebureauet Gravensgade", "Kontor", "kontorchef", Office),
    t("Nordfjord Sparekasse, Nytorv", "Filial", "filialdirektør", Office),
    t("Sprogskolen i Midtbyen", "Skole", "skoleleder", Office),
    t("Oversætterne ApS", "Kontor", "indehaver", Office),
    t("IT-Huset Nord ApS", "Kontor", "office manager", Office),
    t("Ingeniørgruppen Nord A/S", "Kontor", "kontorchef", Office),
    t("Boligselskabet Midtby, kontoret", "Kontor", "driftsleder", Office),
    t("Ejendomsadministration Nord", "Kontor", "administrator", Office),
    t("Kommunikationsbureauet Fjord", "Kontor", "kontorchef", Office),
    t("Tandklinikken Adelgade", "Klinik", "klinikchef", Office),
    t("Dyrlægen i Midtbyen", "Klinik", "dyrlæge", Office),
    t("Hudplejeklinikken Østerågade", "Klinik", "indehaver", Office),
    t("Rådgivningshuset John F. Kennedys Plads", "Kontor", "office manager", Office),
];
