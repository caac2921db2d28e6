//! The problem value and its reader for the OR-Library `.dat` format.

use std::fmt;
use std::str::FromStr;

/// One SMPTSP problem: fixed-time jobs and, per worker, the jobs that worker is qualified for.
///
/// Times are closed intervals: a job `(start, end)` occupies every instant from `start` to
/// `end`, both included, so two jobs that share an endpoint cannot go to the same worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// `(start, end)` of each job, in file order; `start <= end`.
    pub jobs: Vec<(u32, u32)>,
    /// For each worker in file order, the indices of the jobs they are qualified for.
    pub qualified: Vec<Vec<usize>>,
}

/// Why a `.dat` text could not be read, with the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number in the text (one past the last line for a text that ends early).
    pub line: usize,
    /// What was wrong with that line, in words.
    pub reason: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ParseError {}

impl FromStr for Instance {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Instance::parse(text)
    }
}

impl Instance {
    /// Reads the OR-Library `ptask` text: `#` comments, `Type = 1`, `Jobs = N` and N lines
    /// `start end`, then `Qualifications = W` and W lines `k: j1 … jk` (0-based job indices).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let mut lines = Lines::new(text);
        let (line, key, value) = lines.header()?;
        let (line, key, value) = if key == "Type" {
            if value != 1 {
                return Err(ParseError {
                    line,
                    reason: format!(
                        "only `Type = 1` instances are supported, found `Type = {value}`"
                    ),
                });
            }
            lines.header()?
        } else {
            (line, key, value)
        };
        if key != "Jobs" {
            return Err(ParseError {
                line,
                reason: format!("expected `Jobs = N`, found `{key} = …`"),
            });
        }
        let jobs = (0..value)
            .map(|_| lines.job())
            .collect::<Result<Vec<_>, _>>()?;
        let (line, key, workers) = lines.header()?;
        if key != "Qualifications" {
            return Err(ParseError {
                line,
                reason: format!(
                    "expected `Qualifications = W` after {} jobs, found `{key} = …`",
                    jobs.len()
                ),
            });
        }
        let qualified = (0..workers)
            .map(|_| lines.qualification(jobs.len()))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some((line, text)) = lines.next_content() {
            return Err(ParseError {
                line,
                reason: format!(
                    "unexpected text after the {workers} qualification lines: `{text}`"
                ),
            });
        }
        Ok(Instance { jobs, qualified })
    }
}

/// The content lines of a text, skipping blanks and `#` comments, with 1-based numbers.
struct Lines<'a> {
    inner: std::iter::Enumerate<std::str::Lines<'a>>,
    total: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            inner: text.lines().enumerate(),
            total: text.lines().count(),
        }
    }

    fn next_content(&mut self) -> Option<(usize, &'a str)> {
        self.inner
            .by_ref()
            .map(|(i, l)| (i + 1, l.trim()))
            .find(|(_, l)| !l.is_empty() && !l.starts_with('#'))
    }

    fn expect(&mut self, what: &str) -> Result<(usize, &'a str), ParseError> {
        self.next_content().ok_or_else(|| ParseError {
            line: self.total + 1,
            reason: format!("the text ends where {what} was expected"),
        })
    }

    /// A `Key = number` line.
    fn header(&mut self) -> Result<(usize, &'a str, usize), ParseError> {
        let (line, text) = self.expect("a `Key = N` line")?;
        let bad = || ParseError {
            line,
            reason: format!("expected `Key = N`, found `{text}`"),
        };
        let (key, value) = text.split_once('=').ok_or_else(bad)?;
        let value = value.trim().parse().map_err(|_| bad())?;
        Ok((line, key.trim(), value))
    }

    /// A `start end` job line.
    fn job(&mut self) -> Result<(u32, u32), ParseError> {
        let (line, text) = self.expect("a job line `start end`")?;
        let numbers = numbers(line, text)?;
        let &[start, end] = numbers.as_slice() else {
            return Err(ParseError {
                line,
                reason: format!("expected a job line `start end`, found `{text}`"),
            });
        };
        if start > end {
            return Err(ParseError {
                line,
                reason: format!("job ends ({end}) before it starts ({start})"),
            });
        }
        Ok((start, end))
    }

    /// A `k: j1 … jk` qualification line, checked against the number of jobs.
    fn qualification(&mut self, job_count: usize) -> Result<Vec<usize>, ParseError> {
        let (line, text) = self.expect("a qualification line `k: j1 … jk`")?;
        let (count, list) = text.split_once(':').ok_or_else(|| ParseError {
            line,
            reason: format!("expected a qualification line `k: j1 … jk`, found `{text}`"),
        })?;
        let count: usize = count.trim().parse().map_err(|_| ParseError {
            line,
            reason: format!("`{}` is not a job count", count.trim()),
        })?;
        let jobs: Vec<usize> = numbers(line, list)?
            .into_iter()
            .map(|j| j as usize)
            .collect();
        if jobs.len() != count {
            return Err(ParseError {
                line,
                reason: format!("says {count} jobs but lists {}", jobs.len()),
            });
        }
        let mut seen = vec![false; job_count];
        for &job in &jobs {
            if job >= job_count {
                return Err(ParseError {
                    line,
                    reason: format!(
                        "job {job} does not exist (there are {job_count} jobs, numbered from 0)"
                    ),
                });
            }
            if std::mem::replace(&mut seen[job], true) {
                return Err(ParseError {
                    line,
                    reason: format!("job {job} is listed twice"),
                });
            }
        }
        Ok(jobs)
    }
}

fn numbers(line: usize, text: &str) -> Result<Vec<u32>, ParseError> {
    text.split_whitespace()
        .map(|word| {
            word.parse().map_err(|_| ParseError {
                line,
                reason: format!("`{word}` is not a whole number ≥ 0"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# a comment\nType = 1\nJobs = 3\n 0 10\n 10 20\n 21 30\nQualifications = 2\n 2: 0 2\n 3: 0 1 2\n";

    #[test]
    fn reads_jobs_and_qualifications() {
        let instance: Instance = SMALL.parse().unwrap();
        assert_eq!(instance.jobs, vec![(0, 10), (10, 20), (21, 30)]);
        assert_eq!(instance.qualified, vec![vec![0, 2], vec![0, 1, 2]]);
    }

    fn error_of(text: &str) -> ParseError {
        Instance::parse(text).unwrap_err()
    }

    #[test]
    fn names_the_line_of_a_bad_job() {
        let err = error_of(&SMALL.replace(" 10 20", " 10 x"));
        assert_eq!(err.line, 5);
        assert!(err.reason.contains("`x`"), "{err}");
    }

    #[test]
    fn refuses_a_job_that_ends_before_it_starts() {
        let err = error_of(&SMALL.replace(" 21 30", " 30 21"));
        assert_eq!(
            (err.line, err.to_string().contains("before it starts")),
            (6, true)
        );
    }

    #[test]
    fn refuses_unknown_and_repeated_jobs_and_wrong_counts() {
        assert_eq!(error_of(&SMALL.replace(" 2: 0 2", " 2: 0 3")).line, 8);
        assert!(
            error_of(&SMALL.replace(" 2: 0 2", " 2: 0 0"))
                .reason
                .contains("twice")
        );
        assert!(
            error_of(&SMALL.replace(" 2: 0 2", " 3: 0 2"))
                .reason
                .contains("says 3 jobs but lists 2")
        );
    }

    #[test]
    fn refuses_a_text_that_ends_early_or_runs_on() {
        let short = SMALL.replace(" 3: 0 1 2\n", "");
        let err = error_of(&short);
        assert_eq!(err.line, 9, "one past the last line: {err}");
        let err = error_of(&format!("{SMALL}1 2\n"));
        assert_eq!(err.line, 10);
    }

    #[test]
    fn refuses_other_types_and_missing_headers() {
        assert!(
            error_of(&SMALL.replace("Type = 1", "Type = 2"))
                .reason
                .contains("Type = 1")
        );
        assert_eq!(error_of(&SMALL.replace("Jobs = 3", "Jobz 3")).line, 3);
    }
}
