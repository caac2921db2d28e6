//! Who is asking: the acting person and their role, as every use-case takes them.
//!
//! The edges (pages, API, command line) learn who is asking in their own way — a session,
//! a token, the shell — and hand the use-cases this value, so that the rules of who may
//! see and change what are written once.

/// What an account may do; each role sees only its own records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Runs the agency: plans, people (with their limits), companies, invoices.
    Coordinator,
    /// A worker: their own tasks, hours and pay.
    Worker,
    /// A company's contact: their requests, who is coming, hours to confirm, invoices.
    Company,
    /// Drives a Flex Waste route.
    Driver,
    /// Communications staff: indicators and their series, and the public cases.
    Editor,
    /// A green agent: works with local communities, and runs the Sustainability
    /// Festival (approves events, checks people in).
    GreenAgent,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Coordinator,
        Role::Worker,
        Role::Company,
        Role::Driver,
        Role::Editor,
        Role::GreenAgent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Worker => "worker",
            Role::Company => "company",
            Role::Driver => "driver",
            Role::Editor => "editor",
            Role::GreenAgent => "green_agent",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The person a use-case acts for: recorded in histories by `name`, and limited by
/// `role` to their own person or company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// How histories name them: an account's e-mail, or `cli` for the command line.
    pub name: String,
    pub role: Role,
    /// The worker or driver this is.
    pub person_id: Option<i64>,
    /// The company a company contact speaks for.
    pub company_id: Option<i64>,
}

impl Actor {
    /// The command line, which runs as the agency's coordinator.
    pub fn command_line() -> Self {
        Self::agency("cli")
    }

    /// The agency itself acting, as histories name it: the command line, the demo.
    pub fn agency(name: &str) -> Self {
        Self {
            name: name.into(),
            role: Role::Coordinator,
            person_id: None,
            company_id: None,
        }
    }

    /// The company a company contact speaks for; other roles have none.
    pub fn company(&self) -> Option<i64> {
        (self.role == Role::Company)
            .then_some(self.company_id)
            .flatten()
    }

    /// The person a worker or driver is.
    pub fn person(&self) -> Option<i64> {
        matches!(self.role, Role::Worker | Role::Driver)
            .then_some(self.person_id)
            .flatten()
    }

    /// Whether they may see a person's records: coordinators all, a worker or driver
    /// only their own.
    pub fn sees_person(&self, person_id: i64) -> bool {
        self.role == Role::Coordinator || self.person() == Some(person_id)
    }

    /// Whether they may see a company's records: coordinators all, a contact only their
    /// own company's.
    pub fn sees_company(&self, company_id: i64) -> bool {
        self.role == Role::Coordinator || self.company() == Some(company_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(company: i64) -> Actor {
        Actor {
            name: "kontakt@firma.dk".into(),
            role: Role::Company,
            person_id: Some(7),
            company_id: Some(company),
        }
    }

    #[test]
    fn a_contact_sees_only_their_own_company_and_no_person() {
        let a = contact(3);
        assert!(a.sees_company(3));
        assert!(!a.sees_company(4));
        // A contact's account carrying a person id does not make it that person.
        assert!(!a.sees_person(7));
    }

    #[test]
    fn the_command_line_is_a_coordinator_who_sees_everything() {
        let a = Actor::command_line();
        assert!(a.sees_company(1) && a.sees_person(1));
        assert_eq!(a.company(), None);
    }

    #[test]
    fn role_codes_read_back() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
