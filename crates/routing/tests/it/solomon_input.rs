use routing::{Limits, solomon};

const TINY: &str = "TINY\nVEHICLE\nNUMBER CAPACITY\n2 20\nCUSTOMER\nCUST\n0 0 0 0 0 100 0\n1 1 1 10 5 50 3\n2 3 4 5 0 60 2\n";

fn attempt(text: &str) {
    let r = solomon::parse(text);
    eprintln!("{text:?} -> {:?}", r.as_ref().map(|_| ()));
    if let Ok(i) = r {
        let res = std::panic::catch_unwind(|| {
            routing::solve(
                &i.problem,
                Limits {
                    time: None,
                    iterations: Some(50),
                },
                1,
            )
            .map(|s| s.cost)
        });
        eprintln!("   solve: {res:?}");
    }
}

#[test]
fn probe() {
    for (from, to) in [
        ("0 0 0 0 0 100 0", "0 0 0 0 0 1e300 0"),
        ("0 0 0 0 0 100 0", "0 0 0 0 -1e300 100 0"),
        ("1 1 1 10 5 50 3", "1 1e300 1 10 5 50 3"),
        ("1 1 1 10 5 50 3", "1 1e300 -1e300 10 5 50 3"),
        ("1 1 1 10 5 50 3", "1 1 1 10 5 50 1e300"),
        ("1 1 1 10 5 50 3", "1 1 1 10 -1e300 1e300 3"),
        ("1 1 1 10 5 50 3", "1 1 1 1e15 5 50 3"),
        ("2 20", "1000000000000000 20"),
        ("2 20", "2 1000000000000000"),
        ("1 1 1 10 5 50 3", "1 1 1 10 5e17 5e17 3"),
    ] {
        attempt(&TINY.replace(from, to));
    }
}
