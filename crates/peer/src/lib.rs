//! What the benchmarks share: a Python virtual environment under the target directory with
//! the peer solvers (OR-Tools, PyVRP, …) from the package registry, and the machine facts
//! every table is printed with.

use std::path::PathBuf;
use std::process::Command;

/// A Python package a benchmark needs: the module it imports and what pip installs it from
/// (they differ: `import ortools` comes from `pip install ortools`, but e.g. `import yaml`
/// from `pip install pyyaml`).
#[derive(Debug, Clone, Copy)]
pub struct Package<'a> {
    pub import: &'a str,
    pub pip: &'a str,
}

/// The peer solvers at the versions BENCHMARKS.md was measured with, so a rerun compares
/// like with like.
pub const ORTOOLS: Package<'static> = Package {
    import: "ortools",
    pip: "ortools==9.15.6755",
};
pub const PYVRP: Package<'static> = Package {
    import: "pyvrp",
    pip: "pyvrp==0.14.1",
};
pub const VRPLIB: Package<'static> = Package {
    import: "vrplib",
    pip: "vrplib==2.2.0",
};

impl<'a> Package<'a> {
    /// A package whose module and pip name are the same.
    pub const fn same(name: &'a str) -> Self {
        Self {
            import: name,
            pip: name,
        }
    }
}

/// The virtual environment `<target>/bench-venv`, created on first use, with every package
/// of `packages` pip-installed into it whose module does not import yet or, for a pinned
/// package (`name==version`), whose installed version is another; returns its Python.
///
/// The target directory is three levels above the running benchmark
/// (`target/release/deps/<bench>-…`).
pub fn prepare_venv(packages: &[Package]) -> PathBuf {
    let exe = std::env::current_exe().expect("the path of this benchmark");
    let target = exe
        .ancestors()
        .nth(3)
        .expect("the benchmark runs from target/release/deps");
    let venv = target.join("bench-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        eprintln!("creating {} …", venv.display());
        run_ok(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    }
    let missing: Vec<&str> = packages
        .iter()
        .filter(|p| match p.pip.split_once("==") {
            Some((name, version)) => package_version(&python, name) != version,
            None => !Command::new(&python)
                .args(["-c", &format!("import {}", p.import)])
                .output()
                .is_ok_and(|o| o.status.success()),
        })
        .map(|p| p.pip)
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "installing {} into {} …",
            missing.join(", "),
            venv.display()
        );
        run_ok(
            Command::new(&python)
                .args(["-m", "pip", "install", "--quiet"])
                .args(&missing),
        );
    }
    python
}

/// The installed version of a pip package (by its pip name), or "?".
pub fn package_version(python: &std::path::Path, pip: &str) -> String {
    Command::new(python)
        .args([
            "-c",
            &format!("import importlib.metadata as m; print(m.version('{pip}'))"),
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "?".into())
}

/// Runs `command`, panicking with the command when it cannot start or fails.
pub fn run_ok(command: &mut Command) {
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(status.success(), "{command:?} failed: {status}");
}

/// A shell command's output, trimmed; empty when it fails.
pub fn shell(cmd: &str) -> String {
    Command::new("sh")
        .args(["-c", cmd])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// The CPU model as /proc/cpuinfo names it.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// The process's peak resident memory (VmHWM) in MiB, when /proc says.
pub fn peak_rss_mb() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse::<u64>()
        .ok()
        .map(|kb| kb / 1024)
}
