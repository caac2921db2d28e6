//! What each task type asks of a worker's body and skills, and what such tasks are called.

use domain::catalogue::{Skill, TaskType};

/// What a kind of task asks of a worker, so demands match the work: gardening is outdoors,
/// warehouse work lifts more, office work is seated.
pub(crate) struct Profile {
    pub task_type: TaskType,
    /// Titles with whether that task is done outdoors.
    pub titles: &'static [(&'static str, bool)],
    pub lift_kg: (u16, u16),
    pub standing: bool,
    /// The skills the task may require, most relevant first.
    pub skills: &'static [Skill],
    /// Whether the first skill is always required: nobody drives without a licence.
    pub skill_always: bool,
}

pub(crate) const PROFILES: &[Profile] = &[
    Profile {
        task_type: TaskType::Cleaning,
        titles: &[
            ("Rengøring af frokoststue", false),
            ("Rengøring af butiksgulv", false),
            ("Pudsning af vinduer indvendigt", false),
            ("Rengøring af omklædningsrum", false),
            ("Aftørring af hylder og inventar", false),
        ],
        lift_kg: (0, 8),
        standing: true,
        skills: &[Skill::Cleaning],
        skill_always: false,
    },
    Profile {
        task_type: TaskType::Sorting,
        titles: &[
            ("Sortering af returvarer", false),
            ("Sortering af tøjdonationer", false),
            ("Sortering af pap og plast", false),
            ("Sortering af bøger", false),
        ],
        lift_kg: (3, 15),
        standing: true,
        skills: &[Skill::Sorting],
        skill_always: false,
    },
    Profile {
        task_type: TaskType::Gardening,
        titles: &[
            ("Lugning af bede", true),
            ("Rivning af blade", true),
            ("Klipning af hæk", true),
            ("Fejning af gårdsplads", true),
            ("Plantning af løg og stauder", true),
        ],
        lift_kg: (5, 20),
        standing: true,
        skills: &[Skill::Gardening, Skill::PowerTools],
        skill_always: false,
    },
    Profile {
        task_type: TaskType::KitchenHelp,
        titles: &[
            ("Opvask og oprydning", false),
            ("Klargøring af frokostbuffet", false),
            ("Smøring af sandwich", false),
            ("Skrælning og snitning af grønt", false),
        ],
        lift_kg: (2, 12),
        standing: true,
        skills: &[Skill::KitchenHygiene],
        skill_always: false,
    },
    Profile {
        task_type: TaskType::OfficeHelp,
        titles: &[
            ("Scanning af dokumenter", false),
            ("Kuvertering af breve", false),
            ("Arkivering", false),
            ("Opdatering af kundekartotek", false),
            ("Modtagelse af gæster", false),
        ],
        lift_kg: (0, 5),
        standing: false,
        skills: &[Skill::OfficeIt, Skill::CustomerService],
        skill_always: false,
    },
    Profile {
        task_type: TaskType::Delivery,
        titles: &[
            ("Budtur i midtbyen med ladcykel", true),
            ("Udbringning af varer til kunder", true),
            ("Afhentning af post", true),
        ],
        lift_kg: (3, 15),
        standing: false,
        skills: &[Skill::CargoBike],
        skill_always: false,
    },
    Profile {
        task_type: TaskType::Driving,
        titles: &[
            ("Kørsel med varer mellem afdelinger", false),
            ("Afhentning af materialer", false),
            ("Kørsel med haveaffald til genbrugspladsen", true),
        ],
        lift_kg: (5, 25),
        standing: false,
        skills: &[Skill::DrivingLicenceB],
        skill_always: true,
    },
    Profile {
        task_type: TaskType::Warehouse,
        titles: &[
            ("Varemodtagelse og opfyldning", false),
            ("Pluk og pak af ordrer", false),
            ("Optælling af lager", false),
            ("Oprydning på lageret", false),
        ],
        lift_kg: (10, 25),
        standing: true,
        skills: &[Skill::WarehousePicking, Skill::Forklift],
        skill_always: false,
    },
    Profile {
        task_type: TaskType::Maintenance,
        titles: &[
            ("Maling af rækværk", true),
            ("Småreparationer af inventar", false),
            ("Oprydning i kælder", false),
            ("Vask af cykler og materiel", true),
            ("Udskiftning af pærer og lysstofrør", false),
        ],
        lift_kg: (5, 20),
        standing: true,
        skills: &[Skill::PowerTools],
        skill_always: false,
    },
];
