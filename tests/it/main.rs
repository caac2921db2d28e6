//! The `kommune` binary as a user runs it: demo data, CSV files in and out, the
//! database chosen by flag or environment, and `serve --demo` answering on a port.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod operate;
mod waste;

const BIN: &str = env!("CARGO_BIN_EXE_kommune");

fn kommune(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

fn ok(output: Output) -> Vec<u8> {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

const KINDS: [&str; 4] = ["companies", "people", "agreements", "tasks"];

#[test]
fn demo_export_import_export_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    // A fresh database: the same files imported into an already filled one update
    // people, companies and agreements, and add the tasks again (tasks have no key).
    let summary = String::from_utf8(ok(kommune(&first, &["demo", "--seed", "7"]))).unwrap();
    assert!(summary.contains("people"), "{summary}");
    // Flex Waste's part: about 80 shops, 2 hubs, 3 vehicles and a month of pickups.
    let flex = summary
        .lines()
        .find_map(|l| l.strip_prefix("Flex Waste: "))
        .unwrap_or_else(|| panic!("no Flex Waste line: {summary}"));
    let numbers: Vec<usize> = flex
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        matches!(numbers[..], [shops, 2, 3, pickups, 4]
            if (78..=84).contains(&shops) && (400..=700).contains(&pickups)),
        "{flex}"
    );
    assert!(
        flex.contains("shops with subscriptions")
            && flex.ends_with("pickups in the 4 weeks before"),
        "{flex}"
    );
    let mut exported = Vec::new();
    for kind in KINDS {
        let bytes = ok(kommune(&first, &["export", kind]));
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{kind} export starts with a BOM"
        );
        let file = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&file, &bytes).unwrap();
        exported.push((kind, file, bytes));
    }
    let people_rows = exported[1]
        .2
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
        - 1;
    let task_rows = exported[3]
        .2
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
        - 1;
    assert!((55..=65).contains(&people_rows), "{people_rows} people");
    // About 300 requests ahead and 600 in the eight weeks of history before the start.
    assert!((750..=1050).contains(&task_rows), "{task_rows} tasks");

    let second = dir.path().join("second.db");
    for (kind, file, _) in &exported {
        ok(kommune(&second, &["import", kind, file.to_str().unwrap()]));
    }
    for (kind, _, bytes) in &exported {
        assert_eq!(
            &ok(kommune(&second, &["export", kind])),
            bytes,
            "{kind} reads back unchanged"
        );
    }
}

#[test]
fn the_same_seed_and_start_give_the_same_demo() {
    let dir = tempfile::tempdir().unwrap();
    let export = |name: &str, seed: &str| {
        let db = dir.path().join(name);
        ok(kommune(
            &db,
            &["demo", "--seed", seed, "--start", "2026-11-30"],
        ));
        ok(kommune(&db, &["export", "tasks"]))
    };
    assert_eq!(export("a.db", "3"), export("b.db", "3"));
    assert_ne!(export("c.db", "3"), export("d.db", "4"));
    let again = kommune(&dir.path().join("a.db"), &["demo"]);
    assert!(
        !again.status.success(),
        "a filled database is not seeded twice"
    );
    let monday = kommune(&dir.path().join("e.db"), &["demo", "--start", "2026-12-01"]);
    assert!(!monday.status.success());
    assert!(
        String::from_utf8_lossy(&monday.stderr).contains("--start"),
        "the flag is named"
    );
}

#[test]
fn an_import_with_one_bad_row_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let header = "name;phone;email;preferred_language;address;latitude;longitude;status;leave_outcome;employment_form;\
        flex_approved_hours;weekly_target_hours;weekly_cap_hours;availability;absences;skills;languages;max_lift_kg;\
        max_stretch_minutes;indoor_only;not_before;needs_colleague;max_travel_minutes";
    let good = "Mette Larsen;+4520304050;mette@example.dk;da;Vesterbro 14, 9000 Aalborg;57.0479;9.9187;active;;small_job;;6;8;\
        Mon 09:00-13:00;;cleaning;da;10;;no;;no;30";
    let bad = "Ali Hassan;+4520304051;ali@example;da;Vesterbro 16, 9000 Aalborg;57.0479;9.9187;active;;small_job;;9;8;\
        Mon 13:00-09:00;;cleaning;da;;;no;;no;";
    let file = dir.path().join("people.csv");
    let also_good = good.replace("mette@example.dk", "mette.holm@example.dk");
    std::fs::write(&file, format!("{header}\n{good}\n{bad}\n{also_good}\n")).unwrap();
    let output = kommune(&db, &["import", "people", file.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "stdout carries only output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "line 3, column email:",
        "line 3, column weekly_target_hours:",
        "line 3, column availability:",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing in:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("line 2"),
        "the good rows are not blamed:\n{stderr}"
    );
    let exported = ok(kommune(&db, &["export", "people"]));
    assert_eq!(
        String::from_utf8(exported).unwrap().lines().count(),
        1,
        "only the header: nothing was stored"
    );
}

#[test]
fn the_database_url_flag_goes_before_or_after_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("flag.db").display());
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env_remove("DATABASE_URL")
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    ok(run(&[
        "--database-url",
        &url,
        "demo",
        "--start",
        "2026-11-30",
    ]));
    let after = ok(run(&["export", "companies", "--database-url", &url]));
    assert!(String::from_utf8(after).unwrap().lines().count() > 20);
    let default = ok(run(&["export", "companies"]));
    assert_eq!(
        String::from_utf8(default).unwrap().lines().count(),
        1,
        "the default kommune.db is new and empty"
    );
    assert!(
        dir.path().join("kommune.db").exists(),
        "created in the working directory"
    );
    let wrong = run(&["--database-url", "mysql://x", "export", "people"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("mysql://x"));
}

#[test]
fn serve_with_demo_data_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("serve.db").display()),
        )
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let child = KillOnDrop(child);
    let mut address = None;
    for line in stderr.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            address = rest.split_whitespace().next().map(String::from);
            break;
        }
    }
    // The server goes on logging; a closed pipe would fail its writes.
    std::thread::spawn(move || stderr.for_each(drop));
    let address = address.expect("the server says where it listens");
    let get = |extra: &str| {
        std::net::TcpStream::connect(&address).and_then(|mut s| {
            use std::io::{Read, Write};
            s.write_all(format!("GET /api/people?per_page=1 HTTP/1.1\r\nHost: {address}\r\n{extra}Connection: close\r\n\r\n").as_bytes())?;
            let mut text = String::new();
            s.read_to_string(&mut text)?;
            Ok(text)
        })
    };
    let anonymous = get("").unwrap();
    assert!(anonymous.starts_with("HTTP/1.1 401"), "{anonymous}");
    // The demo's coordinator gets an API token from the command line.
    let db = dir.path().join("serve.db");
    let token = String::from_utf8(ok(kommune(
        &db,
        &["account", "token", "koordinator@demo.kommune.dk"],
    )))
    .unwrap();
    let response = get(&format!("Authorization: Bearer {}\r\n", token.trim())).unwrap();
    drop(child);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let total: u32 = response
        .split("\"total\":")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        (55..=65).contains(&total),
        "the demo's people are served: {response}"
    );
}

/// Stops the server even when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn exports_leave_out_a_deleted_company() {
    use domain::task::TaskStatus;
    use store::tasks::TaskFilter;
    use store::{Actor, PageRequest, Store};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(kommune(&db, &["demo", "--start", "2026-11-30"]));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let cvr = runtime.block_on(async {
        let store = Store::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let tasks = store
            .tasks(&TaskFilter::default(), PageRequest::all())
            .await
            .unwrap();
        let company_id = tasks.items[0].value.request.company_id;
        // Open requests are cancelled; done ones (the demo's history) stay as they are.
        for t in tasks.items.iter().filter(|t| {
            t.value.request.company_id == company_id
                && matches!(t.value.status, TaskStatus::Requested | TaskStatus::Planned)
        }) {
            store
                .change_task_status(
                    t.meta.id,
                    None,
                    TaskStatus::Cancelled,
                    &Actor("test".into()),
                    "",
                )
                .await
                .unwrap();
        }
        let cvr = store
            .company(company_id)
            .await
            .unwrap()
            .value
            .company
            .cvr
            .to_string();
        store.delete_company(company_id).await.unwrap();
        store.close().await;
        cvr
    });
    for kind in KINDS {
        let file = String::from_utf8(ok(kommune(&db, &["export", kind]))).unwrap();
        assert!(
            !file.contains(&cvr),
            "{kind} still names the deleted company {cvr}"
        );
        assert!(file.lines().count() > 1, "{kind} still holds the others");
    }
}

#[test]
fn engines_run_on_files_and_repeat_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let problem = dir.path().join("s.json");
    std::fs::write(
        &problem,
        ok(kommune(
            &db,
            &["generate", "staffing", "--size", "S", "--seed", "2"],
        )),
    )
    .unwrap();
    let solve = || {
        ok(kommune(
            &db,
            &[
                "solve",
                "staffing",
                problem.to_str().unwrap(),
                "--iterations",
                "500",
                "--seed",
                "3",
                "--json",
            ],
        ))
    };
    let first = solve();
    assert_eq!(
        first,
        solve(),
        "the same seed and iterations give the same plan"
    );
    let plan: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert!(plan["objective"]["work_minutes"].as_i64().unwrap() > 0);
    assert!(
        plan["assignments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["task"].is_string() && a["person"].is_string())
    );
    assert!(
        plan["unassigned"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| !u["reason"].as_str().unwrap().is_empty())
    );

    let ptask = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/staffing/tests/fixtures/smptsp/data_2_24_40_33.dat"
    );
    let answer: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &["solve", "smptsp", ptask, "--time-limit", "1", "--json"],
    )))
    .unwrap();
    assert_eq!(answer["assignment"].as_array().unwrap().len(), 40);
    assert!(answer["workers_used"].as_u64().unwrap() >= 1);

    std::fs::write(dir.path().join("bad.json"), "{\"people\": 3}").unwrap();
    let bad = kommune(
        &db,
        &[
            "solve",
            "staffing",
            dir.path().join("bad.json").to_str().unwrap(),
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad.json"));
    assert!(!db.exists(), "solving needs no database");
}

#[test]
fn a_demo_week_is_planned_and_replanned_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(kommune(&db, &["demo", "--start", "2026-11-30"]));
    let plan: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &[
            "plan",
            "--week",
            "2026-W49",
            "--iterations",
            "300",
            "--json",
        ],
    )))
    .unwrap();
    let assigned = plan["assignments"].as_array().unwrap().len();
    assert!(assigned > 50, "{assigned} assignments");
    let replan: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &[
            "plan",
            "--week",
            "2026-W49",
            "--replan",
            "--iterations",
            "100",
            "--json",
        ],
    )))
    .unwrap();
    assert_eq!(replan["replan_of"], plan["id"]);
    // Nothing changed: nothing is dropped, and a kept task moves only for more work
    // than the hour of work each move is charged (a re-plan also searches).
    let moves = replan["moves"].as_array().unwrap();
    let count = |change: &str| moves.iter().filter(|m| m["change"] == change).count();
    assert_eq!(count("dropped"), 0, "{moves:?}");
    let gained = replan["objective"]["work_minutes"].as_i64().unwrap()
        - plan["objective"]["work_minutes"].as_i64().unwrap();
    assert!(gained >= 0, "{gained}");
    assert!(
        gained > 60 * count("moved") as i64 || count("moved") == 0,
        "{gained} more minutes for {moves:?}"
    );
    let bad = kommune(&db, &["plan", "--week", "49"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--week"));
    // The same range as the API and the week board: at most a minute.
    let long = kommune(&db, &["plan", "--week", "2026-W49", "--time-limit", "61"]);
    assert!(!long.status.success());
    let said = String::from_utf8_lossy(&long.stderr);
    assert!(
        said.contains("--time-limit must be between 0 and 60"),
        "{said}"
    );
}

#[test]
fn invoice_commands_answer_and_refuse_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    // Without the agency's details a run is refused and says what is missing.
    let bare = kommune(&db, &["invoice", "run", "--period", "2026-10", "--json"]);
    assert!(!bare.status.success());
    assert!(
        String::from_utf8_lossy(&bare.stderr).contains("seller"),
        "{bare:?}"
    );
    ok(kommune(
        &db,
        &[
            "seller",
            "--name",
            "Små job med mening",
            "--cvr",
            "29189420",
            "--address",
            "Boulevarden 13, 9000 Aalborg",
            "--bank-account",
            "9570 0001234567",
        ],
    ));
    let nothing = ok(kommune(
        &db,
        &["invoice", "run", "--period", "2026-10", "--json"],
    ));
    assert_eq!(String::from_utf8_lossy(&nothing).trim(), "[]");
    assert_eq!(
        String::from_utf8_lossy(&ok(kommune(&db, &["invoice", "list", "--json"]))).trim(),
        "[]"
    );
    let bad_period = kommune(&db, &["invoice", "run", "--period", "2026-13"]);
    assert!(!bad_period.status.success());
    assert!(String::from_utf8_lossy(&bad_period.stderr).contains("--period"));
    // A month is invoiced once it has ended; the current one only when asked for.
    let this_month = domain::calendar::local_date(chrono::Utc::now())
        .format("%Y-%m")
        .to_string();
    for (period, said) in [
        ("2099-01", "--period 2099-01 has not begun"),
        (this_month.as_str(), "has not ended"),
    ] {
        let early = kommune(&db, &["invoice", "run", "--period", period]);
        assert!(!early.status.success());
        let stderr = String::from_utf8_lossy(&early.stderr);
        assert!(stderr.contains(said), "{stderr}");
    }
    let open = [
        "invoice",
        "run",
        "--period",
        &this_month,
        "--open-month",
        "--json",
    ];
    assert_eq!(
        String::from_utf8_lossy(&ok(kommune(&db, &open))).trim(),
        "[]"
    );
    let before = [
        "invoice",
        "run",
        "--period",
        "2026-10",
        "--date",
        "2026-09-30",
    ];
    let stderr = String::from_utf8_lossy(&kommune(&db, &before).stderr).to_string();
    assert!(
        stderr.contains("--date must not be before 2026-10 begins"),
        "{stderr}"
    );
    let unknown = kommune(
        &db,
        &["invoice", "credit", "2026-0001", "--reason", "wrong hours"],
    );
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("there is no invoice 2026-0001"));
    let payroll = kommune(&db, &["export", "payroll"]);
    assert!(!payroll.status.success());
    assert!(String::from_utf8_lossy(&payroll.stderr).contains("--period"));
    let empty = String::from_utf8(ok(kommune(
        &db,
        &["export", "payroll", "--period", "2026-10"],
    )))
    .unwrap();
    assert_eq!(
        empty.trim_start_matches('\u{feff}').trim(),
        "period;person_id;name;email;hours;wage_ore;holiday_pay_ore;total_ore"
    );
    let jobcentre = kommune(&db, &["export", "jobcentre"]);
    assert!(String::from_utf8_lossy(&jobcentre.stderr).contains("--period"));
    let rules = dir.path().join("rules.json");
    std::fs::write(
        &rules,
        r#"[{"valid_from": "2027-01-01", "ordinary_employment_forms": []}]"#,
    )
    .unwrap();
    let too_early = kommune(
        &db,
        &[
            "export",
            "jobcentre",
            "--period",
            "2026-10",
            "--rules",
            rules.to_str().unwrap(),
        ],
    );
    assert!(!too_early.status.success());
    assert!(
        String::from_utf8_lossy(&too_early.stderr)
            .contains("no job-centre rule is valid on 2026-10-01")
    );
    std::fs::write(&rules, "[").unwrap();
    let broken = kommune(
        &db,
        &[
            "export",
            "jobcentre",
            "--period",
            "2026-10",
            "--rules",
            rules.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&broken.stderr).contains("job-centre rules"));
    let header = String::from_utf8(ok(kommune(
        &db,
        &["export", "jobcentre", "--period", "2026-10"],
    )))
    .unwrap();
    assert!(
        header
            .contains("period;person_id;name;employment_form;record;date;start;stop;hours;status")
    );
    let blank = kommune(
        &db,
        &[
            "seller",
            "--name",
            " ",
            "--cvr",
            "29189420",
            "--address",
            "y",
            "--bank-account",
            "9570 1234567",
        ],
    );
    assert!(String::from_utf8_lossy(&blank.stderr).contains("--name cannot be empty"));
    let bad_account = kommune(
        &db,
        &[
            "seller",
            "--name",
            "x",
            "--cvr",
            "29189420",
            "--address",
            "y",
            "--bank-account",
            "DK50 0040 0440 1162 43",
        ],
    );
    assert!(!bad_account.status.success());
    let said = String::from_utf8_lossy(&bad_account.stderr);
    assert!(
        said.contains("--bank-account") && said.contains("registration"),
        "{said}"
    );
    let bad_cvr = kommune(
        &db,
        &[
            "seller",
            "--name",
            "x",
            "--cvr",
            "12345678",
            "--address",
            "y",
            "--bank-account",
            "z",
        ],
    );
    assert!(!bad_cvr.status.success());
    assert!(String::from_utf8_lossy(&bad_cvr.stderr).contains("--cvr"));
}

#[test]
fn an_invoice_run_killed_half_way_leaves_only_whole_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    ok(kommune(&demo, &["demo", "--start", "2026-11-30"]));
    let run = [
        "invoice",
        "run",
        "--period",
        "2026-10",
        "--date",
        "2026-11-02",
        "--json",
    ];
    let mut outcomes = Vec::new();
    // Kills at many moments, 3 ms apart: before, during and after the run's transaction
    // (on this machine the run commits about 40 ms after the start).
    for delay_ms in (0u64..=90).step_by(3).chain([200, 400]) {
        let db = dir.path().join(format!("killed-{delay_ms}.db"));
        std::fs::copy(&demo, &db).unwrap();
        let mut child = Command::new(BIN)
            .args(run)
            .env("DATABASE_URL", format!("sqlite://{}", db.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let listed: serde_json::Value =
            serde_json::from_slice(&ok(kommune(&db, &["invoice", "list", "--json"]))).unwrap();
        let invoices = listed.as_array().unwrap();
        for (k, invoice) in invoices.iter().enumerate() {
            assert_eq!(invoice["number"], format!("2026-{:04}", k + 1), "no gap");
            let lines = invoice["lines"].as_array().unwrap();
            assert!(!lines.is_empty(), "{invoice}");
            let net: i64 = lines.iter().map(|l| l["net_ore"].as_i64().unwrap()).sum();
            assert_eq!(
                invoice["totals"]["net_ore"].as_i64().unwrap(),
                net,
                "{invoice}"
            );
        }
        // Whatever was cut off, running again completes the month exactly once.
        ok(kommune(&db, &run));
        let after: serde_json::Value =
            serde_json::from_slice(&ok(kommune(&db, &["invoice", "list", "--json"]))).unwrap();
        outcomes.push((invoices.len(), after.as_array().unwrap().len()));
    }
    eprintln!("kill outcomes (invoices after the kill, after a rerun): {outcomes:?}");
    let complete = outcomes[0].1;
    // The demo's first October invoice as UBL and PDF: a Peppol BIS 3.0 invoice that
    // passes the schemas and rules, and a PDF that shows the same total.
    let last = dir.path().join("killed-0.db");
    let ubl = dir.path().join("2026-0001.xml");
    let pdf = dir.path().join("2026-0001.pdf");
    ok(kommune(
        &last,
        &[
            "invoice",
            "show",
            "2026-0001",
            "--ubl",
            ubl.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    ));
    let xml = std::fs::read_to_string(&ubl).unwrap();
    assert!(
        xml.contains("<cbc:ID>2026-0001</cbc:ID>")
            && xml.contains("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"),
        "{xml}"
    );
    reports::validate::assert_valid_ubl(&xml);
    let first: serde_json::Value =
        serde_json::from_slice(&ok(kommune(&last, &["invoice", "list", "--json"]))).unwrap();
    let total = first[0]["totals"]["total_ore"].as_i64().unwrap();
    if let Some(text) = reports::validate::pdf_text(&std::fs::read(&pdf).unwrap()) {
        assert!(
            text.contains(&domain::money::Money::from_ore(total).kroner()),
            "{text}"
        );
        assert!(text.contains("2026-0001"), "{text}");
    }
    let missing = kommune(&last, &["invoice", "show", "2099-0001", "--pdf", "x.pdf"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no invoice 2099-0001"));
    assert!(
        complete > 10,
        "the demo's October has invoices: {outcomes:?}"
    );
    assert!(
        outcomes.iter().all(|&(_, after)| after == complete),
        "{outcomes:?}"
    );
    // Every kill left either nothing or the whole run: one transaction.
    assert!(
        outcomes
            .iter()
            .all(|&(killed, _)| killed == 0 || killed == complete),
        "{outcomes:?}"
    );
}

/// One customer line of a Solomon file, read here apart from the engine's reader.
struct SolomonCustomer {
    id: u64,
    x: f64,
    y: f64,
    demand: i64,
    ready: f64,
    due: f64,
    service: f64,
}

/// The capacity and the customers (the depot first) of a Solomon file.
fn read_solomon(text: &str) -> (i64, Vec<SolomonCustomer>) {
    let rows: Vec<Vec<f64>> = text
        .lines()
        .map(|l| {
            l.split_whitespace()
                .map_while(|t| t.parse::<f64>().ok())
                .collect::<Vec<f64>>()
        })
        .filter(|v| !v.is_empty())
        .collect();
    let capacity = rows.iter().find(|v| v.len() == 2).unwrap()[1] as i64;
    let customers = rows
        .iter()
        .filter(|v| v.len() == 7)
        .map(|v| SolomonCustomer {
            id: v[0] as u64,
            x: v[1],
            y: v[2],
            demand: v[3] as i64,
            ready: v[4],
            due: v[5],
            service: v[6],
        })
        .collect();
    (capacity, customers)
}

/// Solomon's C101, the fixture both `solve vrptw` tests read.
const C101: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/solomon/C101.txt"
);

#[test]
fn a_solomon_instance_is_solved_under_the_dimacs_convention() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let file = C101;
    let stdout = ok(kommune(
        &db,
        &[
            "solve",
            "vrptw",
            file,
            "--iterations",
            "2000",
            "--seed",
            "1",
            "--json",
        ],
    ));
    let text = String::from_utf8(stdout).unwrap();
    let answer: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = answer.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3, "{text}");
    let routes: Vec<Vec<u64>> = answer["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_u64().unwrap())
                .collect()
        })
        .collect();
    let vehicles = answer["vehicles"].as_u64().unwrap() as usize;
    assert_eq!(vehicles, routes.len());
    assert!(vehicles <= 25, "{vehicles} vehicles, 25 exist");
    let distance = answer["distance"].as_f64().unwrap();
    let printed = text.split("\"distance\": ").nth(1).unwrap();
    let printed = printed.split(',').next().unwrap();
    assert!(
        printed.split('.').nth(1).is_some_and(|d| d.len() == 1),
        "one decimal: {printed}"
    );

    let (capacity, customers) = read_solomon(&std::fs::read_to_string(file).unwrap());
    assert_eq!(customers.len(), 101);
    let depot = &customers[0];
    let mut seen = vec![0; customers.len()];
    // Each arc truncated to one decimal, in tenths: floor(10·d).
    let arc = |a: &SolomonCustomer, b: &SolomonCustomer| {
        (10.0 * ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()).floor() as i64
    };
    let mut total = 0;
    for route in &routes {
        assert!(!route.is_empty(), "no empty routes");
        let (mut at, mut time, mut load) = (depot, 0i64, 0);
        for &id in route {
            let c = customers
                .iter()
                .find(|c| c.id == id)
                .unwrap_or_else(|| panic!("customer {id} does not exist"));
            assert_ne!(id, 0, "the depot is not listed");
            seen[id as usize] += 1;
            total += arc(at, c);
            let arrival = time + arc(at, c);
            let start = arrival.max((c.ready * 10.0) as i64);
            assert!(
                start <= (c.due * 10.0) as i64,
                "customer {id} served at {start} tenths, due {}",
                c.due
            );
            load += c.demand;
            time = start + (c.service * 10.0) as i64;
            at = c;
        }
        total += arc(at, depot);
        assert!(load <= capacity, "a route carries {load} > {capacity}");
        assert!(
            time + arc(at, depot) <= (depot.due * 10.0) as i64,
            "back at the depot after it closes"
        );
    }
    assert!(
        seen[1..].iter().all(|&n| n == 1),
        "every customer exactly once: {seen:?}"
    );
    assert_eq!(
        (distance * 10.0).round() as i64,
        total,
        "the distance is the sum of the truncated arcs"
    );

    let human = String::from_utf8(ok(kommune(
        &db,
        &["solve", "vrptw", file, "--iterations", "200"],
    )))
    .unwrap();
    assert!(
        human.contains("vehicles") && human.lines().count() == 1,
        "{human}"
    );
    assert!(!db.exists(), "solving needs no database");
}

/// `--vehicles-first`: the hierarchical convention, lengths not rounded; no more vehicles
/// than the DIMACS run of the same seed and iterations, every customer once, and the
/// distance the routes' exact length to the hundredth.
#[test]
fn a_solomon_instance_is_solved_vehicles_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let file = C101;
    let solve = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "solve",
            "vrptw",
            file,
            "--iterations",
            "2000",
            "--seed",
            "1",
            "--json",
        ];
        args.extend_from_slice(extra);
        serde_json::from_slice(&ok(kommune(&db, &args))).unwrap()
    };
    let dimacs = solve(&[]);
    let first = solve(&["--vehicles-first"]);
    let vehicles = first["vehicles"].as_u64().unwrap();
    assert!(vehicles <= dimacs["vehicles"].as_u64().unwrap(), "{first}");
    let (_, customers) = read_solomon(&std::fs::read_to_string(file).unwrap());
    let at = |id: u64| customers.iter().find(|c| c.id == id).unwrap();
    let length = |a: &SolomonCustomer, b: &SolomonCustomer| (a.x - b.x).hypot(a.y - b.y);
    let mut seen = vec![0; customers.len()];
    let mut total = 0.0;
    for route in first["routes"].as_array().unwrap() {
        let mut here = &customers[0];
        for id in route.as_array().unwrap() {
            let id = id.as_u64().unwrap();
            seen[id as usize] += 1;
            total += length(here, at(id));
            here = at(id);
        }
        total += length(here, &customers[0]);
    }
    assert!(
        seen[1..].iter().all(|&n| n == 1),
        "every customer once: {seen:?}"
    );
    let distance = first["distance"].as_f64().unwrap();
    assert!(
        (distance - total).abs() < 0.011,
        "{distance} against {total}"
    );
}

#[test]
fn a_missing_or_bad_solomon_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let missing = kommune(&db, &["solve", "vrptw", "nofile"]);
    assert!(!missing.status.success());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("nofile"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "BAD\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  25         200\r\n\r\nCUSTOMER\r\n\
         CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n\r\n\
         0      40         50          0          0       1236          0\r\n\
         1      45         68         10        912\r\n",
    )
    .unwrap();
    let output = kommune(&db, &["solve", "vrptw", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.txt") && stderr.contains("line 11: expected 7 numbers"),
        "{stderr}"
    );

    // A customer nobody can reach in time: exit 1, the customer and the reason named.
    let late = dir.path().join("late.txt");
    std::fs::write(
        &late,
        "LATE\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  2         200\r\n\r\nCUSTOMER\r\n\
         CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n\r\n\
         0      0         0          0          0       1000          0\r\n\
         1      3         4         10          0        100         10\r\n\
         9    100         0         10          0         50         10\r\n",
    )
    .unwrap();
    let output = kommune(
        &db,
        &[
            "solve",
            "vrptw",
            late.to_str().unwrap(),
            "--iterations",
            "50",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("customer 9"), "{stderr}");
    assert!(!stderr.contains("customer 1:"), "{stderr}");
}

/// Who may sign in, changed from the command line: disabled and enabled, another role,
/// API tokens revoked; a change that does not fit is refused by name and changes nothing.
#[test]
fn accounts_are_disabled_reroled_and_revoked_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accounts.db");
    ok(kommune(&db, &["demo"]));
    let worker = "medarbejder@demo.kommune.dk";
    let said = |output: Output| String::from_utf8_lossy(&output.stdout).to_string();
    assert!(said(kommune(&db, &["account", "disable", worker])).contains("disabled"));
    let list = said(kommune(&db, &["account", "list"]));
    assert!(
        list.lines()
            .any(|l| l.starts_with(worker) && l.ends_with("(disabled)")),
        "{list}"
    );
    let token = kommune(&db, &["account", "token", worker]);
    assert!(!token.status.success());
    assert!(String::from_utf8_lossy(&token.stderr).contains("disabled"));
    ok(kommune(&db, &["account", "enable", worker]));
    ok(kommune(&db, &["account", "token", worker]));
    let revoked = said(kommune(&db, &["account", "revoke", worker]));
    assert!(revoked.starts_with("1 API token"), "{revoked}");

    let misfit = kommune(&db, &["account", "role", worker, "company"]);
    assert!(!misfit.status.success());
    assert!(String::from_utf8_lossy(&misfit.stderr).contains("company_id"));
    let person = list
        .lines()
        .find(|l| l.starts_with(worker))
        .and_then(|l| l.split(" person ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let driver = said(kommune(
        &db,
        &["account", "role", worker, "driver", "--person", &person],
    ));
    assert!(driver.contains("is now driver"), "{driver}");
    let nobody = kommune(&db, &["account", "disable", "nobody@example.dk"]);
    assert!(!nobody.status.success());
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("nobody@example.dk"));
}

/// A person's rights from the command line: everything held on them as one JSON
/// document, and an erasure that needs --yes, removes what may go and says what it kept.
#[test]
fn a_person_is_exported_and_erased_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("privacy.db");
    ok(kommune(&db, &["demo"]));
    let list = String::from_utf8(ok(kommune(&db, &["account", "list"]))).unwrap();
    let person = list
        .lines()
        .find(|l| l.starts_with("medarbejder@demo.kommune.dk"))
        .and_then(|l| l.split(" person ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let out = dir.path().join("export.json");
    ok(kommune(
        &db,
        &["person", "export", &person, "--out", out.to_str().unwrap()],
    ));
    let export: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(export["person_id"].to_string(), person);
    assert_eq!(
        export["accounts"][0]["email"],
        "medarbejder@demo.kommune.dk"
    );
    for section in [
        "profile",
        "limits",
        "time_entries",
        "planned_work",
        "limit_reads",
        "pay",
    ] {
        assert!(!export[section].is_null(), "{section} in {export}");
    }
    let name = export["profile"]["name"].as_str().unwrap().to_string();
    let same = ok(kommune(
        &db,
        &["person", "export", &format!("person:{person}")],
    ));
    assert!(String::from_utf8_lossy(&same).contains(&name));
    let unknown_kind = kommune(&db, &["person", "export", "visitor:3"]);
    assert!(!unknown_kind.status.success());
    assert!(
        String::from_utf8_lossy(&unknown_kind.stderr).contains("person, student and subscriber")
    );
    // The Alliance's students are people with the same rights.
    let student: serde_json::Value =
        serde_json::from_slice(&ok(kommune(&db, &["person", "export", "student:3"]))).unwrap();
    assert!(
        student["profile"]["email"].as_str().unwrap().contains('@'),
        "{student}"
    );
    ok(kommune(&db, &["person", "erase", "student:3", "--yes"]));
    // So are the newsletter's subscribers, named by their address.
    let subscriber: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &["person", "export", "subscriber:Borger2@demo.kommune.dk"],
    )))
    .unwrap();
    assert_eq!(subscriber["themes"], serde_json::json!(["green"]));
    assert!(subscriber["confirmed_at"].is_string(), "{subscriber}");
    ok(kommune(
        &db,
        &[
            "person",
            "erase",
            "subscriber:borger2@demo.kommune.dk",
            "--yes",
        ],
    ));
    let gone = kommune(
        &db,
        &["person", "export", "subscriber:borger2@demo.kommune.dk"],
    );
    assert!(!gone.status.success());
    assert!(String::from_utf8_lossy(&gone.stderr).contains("borger2@demo.kommune.dk"));
    // And the festival's registrants, by the address they registered with.
    let registrant: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &["person", "export", "registrant:gaest1-0@demo.kommune.dk"],
    )))
    .unwrap();
    assert_eq!(registrant[0]["name"], "Gæst 1-0", "{registrant}");
    ok(kommune(
        &db,
        &[
            "person",
            "erase",
            "registrant:gaest1-0@demo.kommune.dk",
            "--yes",
        ],
    ));
    assert!(
        !kommune(
            &db,
            &["person", "export", "registrant:gaest1-0@demo.kommune.dk"]
        )
        .status
        .success()
    );
    // And "Making us greener"'s pledgers: erased, their pledges stay counted unnamed.
    let pledger: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &["person", "export", "pledger:loefte1-0@demo.kommune.dk"],
    )))
    .unwrap();
    assert_eq!(pledger[0]["name"], "Borger 1-0", "{pledger}");
    let erased_pledger = String::from_utf8(ok(kommune(
        &db,
        &[
            "person",
            "erase",
            "pledger:loefte1-0@demo.kommune.dk",
            "--yes",
        ],
    )))
    .unwrap();
    assert!(erased_pledger.contains("1 pledges"), "{erased_pledger}");
    assert!(
        !kommune(
            &db,
            &["person", "export", "pledger:loefte1-0@demo.kommune.dk"]
        )
        .status
        .success()
    );
    assert!(
        !kommune(&db, &["person", "export", "student:3"])
            .status
            .success()
    );

    let unconfirmed = kommune(&db, &["person", "erase", &person]);
    assert!(!unconfirmed.status.success());
    assert!(String::from_utf8_lossy(&unconfirmed.stderr).contains("--yes"));
    let still = ok(kommune(&db, &["person", "export", &person]));
    assert!(
        String::from_utf8_lossy(&still).contains(&name),
        "nothing erased yet"
    );

    let erased =
        String::from_utf8(ok(kommune(&db, &["person", "erase", &person, "--yes"]))).unwrap();
    assert!(erased.contains("removed: accounts (1)"), "{erased}");
    assert!(erased.contains("kept: time entries"), "{erased}");
    let after: serde_json::Value =
        serde_json::from_slice(&ok(kommune(&db, &["person", "export", &person]))).unwrap();
    assert_ne!(after["profile"]["name"].as_str(), Some(name.as_str()));
    assert_eq!(after["accounts"], serde_json::json!([]));
    assert_eq!(
        after["time_entries"].as_array().map(Vec::len),
        export["time_entries"].as_array().map(Vec::len)
    );
    let accounts = String::from_utf8(ok(kommune(&db, &["account", "list"]))).unwrap();
    assert!(!accounts.contains("medarbejder@demo.kommune.dk"));
}

/// Replaces one cell of a `;`-separated export (BOM and header kept): row `row` (1 is the
/// first record), column `column`.
fn with_cell(csv: &[u8], row: usize, column: &str, value: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(csv).to_string();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(';').collect();
    let at = header.iter().position(|h| *h == column).unwrap();
    let mut cells: Vec<String> = lines[row].split(';').map(str::to_string).collect();
    cells[at] = value.to_string();
    lines[row] = cells.join(";");
    (lines.join("\r\n") + "\r\n").into_bytes()
}

/// The classes of the API's and pages' attack tests, tried at the command line: each is
/// refused naming its flag, line or field, with a non-zero exit, and nothing is stored.
#[test]
fn the_command_line_refuses_what_the_api_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("walk.db");
    ok(kommune(&db, &["demo"]));
    let people = ok(kommune(&db, &["export", "people"]));
    let tasks = ok(kommune(&db, &["export", "tasks"]));
    let refused = |kind: &str, bytes: Vec<u8>, needles: &[&str]| {
        let file = dir.path().join(format!("{kind}-bad.csv"));
        std::fs::write(&file, bytes).unwrap();
        let out = kommune(&db, &["import", kind, file.to_str().unwrap()]);
        assert!(!out.status.success(), "{kind} was imported");
        let said = String::from_utf8_lossy(&out.stderr);
        for needle in needles {
            assert!(said.contains(needle), "{needle:?} not in {said}");
        }
    };
    refused(
        "people",
        with_cell(&people, 1, "name", "Mette\u{7}"),
        &["line 2", "name"],
    );
    refused(
        "people",
        with_cell(&people, 2, "name", &"M".repeat(10_000)),
        &["line 3", "name"],
    );
    refused(
        "tasks",
        with_cell(&tasks, 1, "fixed_start", "2099-01-01T09:00:00+01:00"),
        &["line 2", "fixed_start"],
    );
    refused(
        "tasks",
        with_cell(&tasks, 1, "people_needed", "99999999999999999999"),
        &["line 2", "people_needed"],
    );
    assert_eq!(
        ok(kommune(&db, &["export", "people"])),
        people,
        "nothing stored"
    );
    assert_eq!(
        ok(kommune(&db, &["export", "tasks"])),
        tasks,
        "nothing stored"
    );

    for (args, flag) in [
        (
            &["serve", "--trusted-proxies", "the proxy"][..],
            "--trusted-proxies",
        ),
        (
            &["serve", "--public-url", "javascript:alert(1)"][..],
            "--public-url",
        ),
        (&["person", "export", "someone"][..], "someone"),
        (&["person", "erase", "999999", "--yes"][..], "999999"),
        (
            &["account", "role", "koordinator@demo.kommune.dk", "boss"][..],
            "boss",
        ),
        (&["invoice", "run", "--period", "0000-01"][..], "0000"),
    ] {
        let out = kommune(&db, args);
        assert!(!out.status.success(), "{args:?} succeeded");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(flag), "{args:?}: {said}");
    }
}

/// The Alliance from the command line, on the demo: a need's candidates and a candidate's
/// needs as JSON with reasons in the chosen language, and the skills-gap report as CSV.
#[test]
fn the_alliance_matches_and_reports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("alliance.db");
    ok(kommune(&db, &["demo"]));
    let matched: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &[
            "alliance", "match", "--need", "1", "--limit", "3", "--lang", "en", "--json",
        ],
    )))
    .unwrap();
    assert_eq!(matched["need"], 1);
    let candidates = matched["candidates"].as_array().unwrap();
    assert!(!candidates.is_empty() && candidates.len() <= 3, "{matched}");
    for c in candidates {
        assert!(["person", "student"].contains(&c["candidate"]["kind"].as_str().unwrap()));
        let score = c["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(c["met"].is_array() && c["missing"].is_array());
        assert!(
            c["reasons"][0]["text"]
                .as_str()
                .unwrap()
                .starts_with("Has "),
            "{c}"
        );
    }
    let needs: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &["alliance", "match", "--candidate", "student:1"],
    )))
    .unwrap();
    assert_eq!(
        needs["candidate"],
        serde_json::json!({"kind": "student", "id": 1})
    );
    assert!(
        needs["needs"][0]["reasons"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Har ")
    );
    let bad = kommune(&db, &["alliance", "match", "--candidate", "visitor:1"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("person:ID or student:ID"));
    let csv = String::from_utf8(ok(kommune(&db, &["alliance", "gaps", "--csv"]))).unwrap();
    assert!(
        csv.starts_with("\u{feff}skill;label;positions_must;positions;candidates;gap;"),
        "{csv}"
    );
    assert!(csv.lines().count() > 5, "{csv}");
}

/// Indicators from the command line: one added with a rate target, a release imported,
/// shown with its status and reason in either language, a bad file refused whole, and the
/// demo's targets listed with the live ones.
#[test]
fn indicators_are_added_imported_and_judged_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("indicators.db");
    ok(kommune(&db, &["demo"]));
    ok(kommune(
        &db,
        &[
            "indicator",
            "add",
            "heat",
            "--title",
            "Varme",
            "--unit",
            "MWh",
            "--direction",
            "down",
            "--target-rate",
            "-2",
            "--base-year",
            "2018",
            "--sdg",
            "7",
            "--initiative",
            "climate",
        ],
    ));
    let file = dir.path().join("heat.csv");
    std::fs::write(&file, "Year,Value\n2018,1000\n2022,956.7\n").unwrap();
    ok(kommune(
        &db,
        &[
            "indicator",
            "import",
            "heat",
            file.to_str().unwrap(),
            "--source",
            "Test",
            "--published",
            "2023-03-01",
        ],
    ));
    let shown: serde_json::Value = serde_json::from_slice(&ok(kommune(
        &db,
        &["indicator", "show", "heat", "--lang", "en", "--json"],
    )))
    .unwrap();
    assert_eq!(shown["status"], "limited_progress");
    assert_eq!(shown["target"], serde_json::json!({"rate_per_year": -2.0}));
    assert_eq!(
        shown["series"][1],
        serde_json::json!({"year": 2022, "value": 956.7})
    );
    assert!(
        shown["reason"]
            .as_str()
            .unwrap()
            .contains("the target needs 2.0 % a year"),
        "{shown}"
    );
    std::fs::write(&file, "Year,Value\n2023,abc\n").unwrap();
    let bad = kommune(
        &db,
        &["indicator", "import", "heat", file.to_str().unwrap()],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("line 2, column Value"));
    let wrong = kommune(
        &db,
        &[
            "indicator",
            "add",
            "x",
            "--title",
            "t",
            "--unit",
            "u",
            "--direction",
            "sideways",
        ],
    );
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("direction: must be up or down"));
    let listed: serde_json::Value =
        serde_json::from_slice(&ok(kommune(&db, &["indicator", "list", "--json"]))).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    for id in [
        "co2",
        "short-trips-walk-bike",
        "car-trips-shared",
        "small-jobs-paid-hours",
        "heat",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert_eq!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "co2")
            .unwrap()["status"],
        "limited_progress"
    );
}
