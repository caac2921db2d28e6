//! The problem compiled for speed: skills as bit sets, each task's candidate starts, the
//! people who could ever do each task, and the objective's weights.

use crate::distances::Distances;
use crate::objective::Weights;
use crate::problem::{DAY, Minute, Person, Problem, Task};
use std::collections::BTreeMap;

/// Why a person can never do a task this week, whatever else is planned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Misfit {
    Skill(String),
    Lift { needs: u16, max: u16 },
    Outdoors,
    NeedsColleague,
    Stretch { needs: i32, max: i32 },
    Travel { needs: i32, max: i32 },
    Unavailable,
}

impl Misfit {
    /// A short phrase for reasons shown to coordinators.
    pub fn describe(&self) -> String {
        match self {
            Self::Skill(s) => format!("lacks the skill {s}"),
            Self::Lift { needs, max } => {
                format!("may lift at most {max} kg, the task needs {needs} kg")
            }
            Self::Outdoors => "works indoors only".into(),
            Self::NeedsColleague => "needs a colleague present".into(),
            Self::Stretch { needs, max } => {
                format!("works at most {max} minutes at a stretch, the task takes {needs}")
            }
            Self::Travel { needs, max } => {
                format!("travels at most {max} minutes, the task is {needs} away")
            }
            Self::Unavailable => "is not available then".into(),
        }
    }
}

/// The compiled problem the search works on.
pub struct Model<'a> {
    pub problem: &'a Problem,
    pub weights: Weights,
    task_skills: Vec<u64>,
    person_skills: Vec<u64>,
    skill_names: Vec<String>,
    skill_index: BTreeMap<String, usize>,
    /// Per task: the start times the search tries, earliest first.
    pub starts: Vec<Vec<Minute>>,
    /// Per task: the people who fit it statically, ascending.
    pub candidates: Vec<Vec<usize>>,
    /// Per task and candidate (as `candidates`): bit i set when the candidate is available
    /// at `starts[t][i]` — availability does not change during a search, so it is worked
    /// out once.
    pub open_starts: Vec<Vec<u16>>,
    /// Per person: the weekly cap, kept apart from the rest of the person because the
    /// search reads it for every candidate it tries.
    pub caps: Vec<Minute>,
    distances: Distances,
}

/// How far apart the search tries starts inside a window, and how many at most.
const START_STEP: Minute = 15;
pub(crate) const MAX_STARTS: usize = 9;

impl<'a> Model<'a> {
    pub fn new(problem: &'a Problem) -> Self {
        let mut skill_index = BTreeMap::new();
        for name in problem
            .tasks
            .iter()
            .flat_map(|t| &t.skills)
            .chain(problem.people.iter().flat_map(|p| &p.skills))
        {
            let next = skill_index.len();
            skill_index.entry(name.clone()).or_insert(next);
        }
        let mask = |names: &[String]| names.iter().fold(0u64, |m, n| m | 1 << skill_index[n]);
        let mut skill_names = vec![String::new(); skill_index.len()];
        for (name, i) in &skill_index {
            skill_names[*i] = name.clone();
        }
        let task_skills: Vec<u64> = problem.tasks.iter().map(|t| mask(&t.skills)).collect();
        let person_skills: Vec<u64> = problem.people.iter().map(|p| mask(&p.skills)).collect();
        let starts: Vec<Vec<Minute>> = problem.tasks.iter().map(start_options).collect();
        let distances = Distances::new(problem);
        let mut model = Self {
            problem,
            weights: Weights::for_problem(problem),
            task_skills,
            person_skills,
            skill_names,
            skill_index,
            starts,
            candidates: Vec::new(),
            open_starts: Vec::new(),
            caps: problem.people.iter().map(|p| p.cap_minutes).collect(),
            distances,
        };
        // What the static test reads of each task, side by side and sorted by earliest
        // start: the tasks themselves are large records, and this runs for every pair of
        // person and task that could meet in time.
        struct Key {
            skills: u64,
            earliest: Minute,
            latest: Minute,
            duration: Minute,
            task: u32,
            lift: u16,
            outdoors: bool,
            alone: bool,
        }
        let mut keys: Vec<Key> = problem
            .tasks
            .iter()
            .zip(&model.task_skills)
            .enumerate()
            .map(|(t, (task, &skills))| Key {
                skills,
                earliest: task.earliest_start,
                latest: task.latest_start,
                duration: task.duration,
                task: t as u32,
                lift: task.lift_kg,
                outdoors: task.outdoors,
                alone: task.people_needed < 2,
            })
            .collect();
        keys.sort_unstable_by_key(|k| (k.earliest, k.task));
        let widest = keys
            .iter()
            .map(|k| k.latest - k.earliest)
            .max()
            .unwrap_or(0);
        // Person by person, so each person's data stays in cache while the tasks are
        // tried; people come in ascending order, so each task's candidates are sorted.
        // Only tasks whose window meets one of the person's availability windows are
        // tried, with the same test as `fits`, cheapest parts first.
        let mut candidates = vec![Vec::new(); problem.tasks.len()];
        let mut open_starts = vec![Vec::new(); problem.tasks.len()];
        for p in 0..problem.people.len() {
            let person = model.person(p);
            let limits = &person.limits;
            let skills = model.person_skills[p];
            let max_lift = limits.max_lift_kg.unwrap_or(u16::MAX);
            let max_stretch = limits.max_stretch_minutes.unwrap_or(Minute::MAX);
            let mut done = 0;
            for &(from, to) in &person.availability {
                // Tasks that could start inside the window: earliest start before its
                // end, and not so early that even the latest start comes before it.
                let lo = keys.partition_point(|k| k.earliest < from.saturating_sub(widest));
                let hi = keys.partition_point(|k| k.earliest < to);
                for key in &keys[lo.max(done)..hi.max(done)] {
                    // (A task seen for this window is not seen again for the next, so
                    // every window counts here.)
                    if !person
                        .availability
                        .iter()
                        .any(|w| w.0 <= key.latest && w.1 >= key.earliest + key.duration)
                        || key.skills & !skills != 0
                        || key.lift > max_lift
                        || key.duration > max_stretch
                        || (limits.indoor_only && key.outdoors)
                        || (limits.needs_colleague && key.alone)
                    {
                        continue;
                    }
                    let t = key.task as usize;
                    let open = model.open_starts_of(p, t);
                    if open == 0
                        || limits
                            .max_travel_minutes
                            .is_some_and(|max| model.home_to(p, t) > max)
                    {
                        continue;
                    }
                    candidates[t].push(p);
                    open_starts[t].push(open);
                }
                done = done.max(hi);
            }
        }
        model.candidates = candidates;
        model.open_starts = open_starts;
        model
    }

    /// The model of `problem`, which differs from this model's problem only in the people
    /// listed in `changed` (a sick call, new availability): only their pairs are compiled
    /// again, so a re-plan on a large week does not pay for the whole compilation. Any
    /// other difference — tasks added or removed, a new skill — compiles everything.
    pub fn with_changed_people<'b>(&self, problem: &'b Problem, changed: &[usize]) -> Model<'b> {
        let same_shape = problem.tasks == self.problem.tasks
            && problem.people.len() == self.problem.people.len()
            && changed.iter().all(|&p| p < problem.people.len())
            && changed
                .iter()
                .flat_map(|&p| &problem.people[p].skills)
                .all(|s| self.skill_index.contains_key(s));
        if !same_shape {
            return Model::new(problem);
        }
        let mut model = Model {
            problem,
            weights: Weights::for_problem(problem),
            task_skills: self.task_skills.clone(),
            person_skills: self.person_skills.clone(),
            skill_names: self.skill_names.clone(),
            skill_index: self.skill_index.clone(),
            starts: self.starts.clone(),
            candidates: self.candidates.clone(),
            open_starts: self.open_starts.clone(),
            caps: problem.people.iter().map(|p| p.cap_minutes).collect(),
            distances: self.distances.with_changed_homes(problem, changed),
        };
        for &p in changed {
            model.person_skills[p] = problem.people[p]
                .skills
                .iter()
                .fold(0u64, |m, n| m | 1 << model.skill_index[n]);
        }
        for t in 0..problem.tasks.len() {
            for &p in changed {
                match (model.candidates[t].binary_search(&p), model.fits(p, t)) {
                    (Ok(i), false) => {
                        model.candidates[t].remove(i);
                        model.open_starts[t].remove(i);
                    }
                    (Ok(i), true) => {
                        let open = model.open_starts_of(p, t);
                        model.open_starts[t][i] = open;
                    }
                    (Err(i), true) => {
                        let open = model.open_starts_of(p, t);
                        model.candidates[t].insert(i, p);
                        model.open_starts[t].insert(i, open);
                    }
                    (Err(_), false) => {}
                }
            }
        }
        model
    }

    pub fn task(&self, t: usize) -> &Task {
        &self.problem.tasks[t]
    }

    pub fn person(&self, p: usize) -> &Person {
        &self.problem.people[p]
    }

    /// Whether person `p` could ever do task `t`: [`Model::misfit`] without the words,
    /// since it runs for every pair of person and task.
    fn fits(&self, p: usize, t: usize) -> bool {
        let task = self.task(t);
        let limits = &self.person(p).limits;
        self.task_skills[t] & !self.person_skills[p] == 0
            && limits.max_lift_kg.is_none_or(|max| task.lift_kg <= max)
            && !(limits.indoor_only && task.outdoors)
            && !(limits.needs_colleague && task.people_needed < 2)
            && limits
                .max_stretch_minutes
                .is_none_or(|max| task.duration <= max)
            && self.starts[t].iter().any(|&s| self.available(p, t, s))
            && limits
                .max_travel_minutes
                .is_none_or(|max| self.home_to(p, t) <= max)
    }

    /// The first rule that keeps person `p` from ever doing task `t`, if any.
    pub fn misfit(&self, p: usize, t: usize) -> Option<Misfit> {
        let task = self.task(t);
        let person = self.person(p);
        let missing = self.task_skills[t] & !self.person_skills[p];
        if missing != 0 {
            return Some(Misfit::Skill(
                self.skill_names[missing.trailing_zeros() as usize].clone(),
            ));
        }
        let limits = &person.limits;
        if let Some(max) = limits.max_lift_kg.filter(|max| task.lift_kg > *max) {
            return Some(Misfit::Lift {
                needs: task.lift_kg,
                max,
            });
        }
        if limits.indoor_only && task.outdoors {
            return Some(Misfit::Outdoors);
        }
        if limits.needs_colleague && task.people_needed < 2 {
            return Some(Misfit::NeedsColleague);
        }
        if let Some(max) = limits
            .max_stretch_minutes
            .filter(|max| task.duration > *max)
        {
            return Some(Misfit::Stretch {
                needs: task.duration,
                max,
            });
        }
        if let Some(max) = limits.max_travel_minutes {
            let needs = self.home_to(p, t);
            if needs > max {
                return Some(Misfit::Travel { needs, max });
            }
        }
        if !self.starts[t].iter().any(|&s| self.available(p, t, s)) {
            return Some(Misfit::Unavailable);
        }
        None
    }

    /// Which of task `t`'s starts person `p` is available at, as bits.
    fn open_starts_of(&self, p: usize, t: usize) -> u16 {
        self.starts[t]
            .iter()
            .enumerate()
            .filter(|&(_, &s)| self.available(p, t, s))
            .fold(0, |bits, (i, _)| bits | 1 << i)
    }

    /// Whether person `p` can work task `t` from `start` as far as their availability and
    /// earliest daily start go.
    pub fn available(&self, p: usize, t: usize, start: Minute) -> bool {
        self.available_for(p, start, self.task(t).duration)
    }

    /// [`Model::available`] for a task of `duration` minutes.
    #[inline]
    pub fn available_for(&self, p: usize, start: Minute, duration: Minute) -> bool {
        let person = self.person(p);
        let end = start + duration;
        if person
            .limits
            .not_before
            .is_some_and(|not_before| start.rem_euclid(DAY) < not_before)
        {
            return false;
        }
        // Availability is sorted: find the last window starting at or before `start`.
        let i = person.availability.partition_point(|w| w.0 <= start);
        i > 0 && person.availability[i - 1].1 >= end
    }

    /// Whether `p` worked for the company of `t` before.
    pub fn returning(&self, p: usize, t: usize) -> bool {
        self.person(p)
            .companies_before
            .contains(&self.task(t).company)
    }

    /// Minutes of travel between two tasks' places.
    #[inline]
    pub fn between(&self, a: usize, b: usize) -> Minute {
        self.distances.between(self.problem, a, b)
    }

    /// Minutes of travel between a person's home and a task.
    #[inline]
    pub fn home_to(&self, p: usize, t: usize) -> Minute {
        self.distances.home_to(self.problem, p, t)
    }
}

/// The starts the search tries for a task: every quarter hour of its window, thinned
/// out evenly when the window is long, always including both ends.
fn start_options(task: &Task) -> Vec<Minute> {
    let span = task.latest_start - task.earliest_start;
    if span <= 0 {
        return vec![task.earliest_start];
    }
    let steps = (span / START_STEP).max(1) as usize;
    let stride = steps.div_ceil(MAX_STARTS - 1).max(1) as Minute * START_STEP;
    let mut starts: Vec<Minute> = (0..)
        .map(|i| task.earliest_start + i * stride)
        .take_while(|s| *s < task.latest_start)
        .collect();
    starts.push(task.latest_start);
    starts
}
