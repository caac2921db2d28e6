use crate::both;
use crate::fixtures::company_with_agreement;
use crate::time::planned_for;
use crate::waste::{fleet, subscription, subscription_of};
use chrono::{NaiveDate, TimeZone, Utc};
use domain::calendar::parse_instant;
use domain::invoice::Unit;
use domain::waste::Fraction;
use store::invoices::{Invoice, Period, Seller};
use store::waste::{Outcome, PickupReport};
use store::{Actor, Refusal, Store, StoreError};

fn seller() -> Seller {
    Seller {
        name: "Små job med mening, Aalborg Kommune".into(),
        cvr: "29189420".into(),
        address: "Boulevarden 13, 9000 Aalborg".into(),
        bank_account: "9570 0001234567".into(),
        payment_days: 30,
    }
}

/// Confirmed hours for a new company: `minutes` worked on 1 December 2026.
async fn confirmed_work(store: &Store, cvr: &str, email: &str, minutes: i64) {
    let at = planned_for(store, cvr, email).await;
    let start = parse_instant("2026-12-01T09:00:00+01:00").unwrap();
    let by = Actor("coordinator".into());
    let entry = store
        .record_time(&at, start, start + chrono::Duration::minutes(minutes), &by)
        .await
        .unwrap();
    store
        .confirm_time(entry.id, &Actor("company".into()))
        .await
        .unwrap();
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

both!(
    a_month_is_invoiced_once_and_a_credit_note_frees_its_hours,
    |store: Store| async move {
        let by = Actor("coordinator".into());
        let december = Period::parse("2026-12").unwrap();
        confirmed_work(&store, "29189420", "w@example.dk", 45).await;
        // The payroll pays the 45 minutes worked, at the agreement's wage.
        let worked = store.worked_month(december).await.unwrap();
        assert_eq!(worked.len(), 1);
        assert_eq!(
            (worked[0].email.as_str(), worked[0].work.clone()),
            ("w@example.dk", vec![(45, 15_500)])
        );
        assert!(
            store
                .worked_month(Period::parse("2026-11").unwrap())
                .await
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            store.run_invoices(december, day("2027-01-05"), &by).await,
            Err(StoreError::Refused(Refusal::SellerMissing))
        ));
        store.set_seller(&seller()).await.unwrap();
        let issued = store
            .run_invoices(december, day("2027-01-05"), &by)
            .await
            .unwrap();
        assert_eq!(issued.len(), 1);
        let invoice = &issued[0];
        assert_eq!(invoice.number, "2027-0001");
        assert_eq!(invoice.buyer_cvr, "29189420");
        assert_eq!(invoice.due_date, day("2027-02-04"));
        // 45 minutes billed at the 60-minute minimum, 245 kr an hour, VAT 25 %.
        assert_eq!(invoice.lines.len(), 1);
        assert_eq!(
            (invoice.lines[0].quantity, invoice.lines[0].net_ore),
            (60, 24_500)
        );
        assert_eq!(
            (
                invoice.totals.net_ore,
                invoice.totals.vat_ore,
                invoice.totals.total_ore
            ),
            (24_500, 6_125, 30_625)
        );
        assert_eq!(store.invoice("2027-0001").await.unwrap(), *invoice);
        // The annex keeps the shift as it was: its date, task, worker and minutes.
        assert_eq!(invoice.annex.len(), 1, "{:?}", invoice.annex);
        let shift = &invoice.annex[0];
        assert_eq!(shift.minutes, 45);
        assert!(shift.day.to_string().starts_with("2026-12"), "{shift:?}");
        assert!(
            !shift.worker.is_empty() && !shift.task.is_empty(),
            "{shift:?}"
        );

        // Invoiced already: a second run issues nothing, and another month has nothing.
        assert!(
            store
                .run_invoices(december, day("2027-01-06"), &by)
                .await
                .unwrap()
                .is_empty()
        );
        let november = Period::parse("2026-11").unwrap();
        assert!(
            store
                .run_invoices(november, day("2027-01-06"), &by)
                .await
                .unwrap()
                .is_empty()
        );

        let credit = store
            .credit_invoice("2027-0001", "wrong hours", day("2027-01-10"), &by)
            .await
            .unwrap();
        assert_eq!(
            (credit.number.as_str(), credit.kind.as_str()),
            ("2027-0002", "credit_note")
        );
        assert_eq!(credit.credits.as_deref(), Some("2027-0001"));
        assert_eq!(credit.totals, invoice.totals);
        assert!(matches!(
            store
                .credit_invoice("2027-0001", "again", day("2027-01-10"), &by)
                .await,
            Err(StoreError::Refused(Refusal::AlreadyCredited))
        ));
        assert!(matches!(
            store
                .credit_invoice("2027-0002", "a credit of a credit", day("2027-01-10"), &by)
                .await,
            Err(StoreError::Refused(Refusal::IsCreditNote))
        ));
        // Numbers and dates run forward together: nothing is dated before the credit note.
        let backwards = store.run_invoices(december, day("2027-01-09"), &by).await;
        assert!(
            matches!(
                backwards,
                Err(StoreError::Refused(Refusal::DateBackwards { latest })) if latest == day("2027-01-10")
            ),
            "{backwards:?}"
        );
        assert!(matches!(
            store
                .credit_invoice("2027-0001", " ", day("2027-01-10"), &by)
                .await,
            Err(StoreError::Invalid(_))
        ));
        // The invoice itself is unchanged, and its hours can be billed again.
        assert_eq!(store.invoice("2027-0001").await.unwrap(), *invoice);
        let again = store
            .run_invoices(december, day("2027-01-11"), &by)
            .await
            .unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].number, "2027-0003");
        let numbers: Vec<String> = store
            .invoices()
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.number)
            .collect();
        assert_eq!(numbers, ["2027-0001", "2027-0002", "2027-0003"]);
        assert!(Period::parse("2026-13").is_err() && Period::parse("oktober").is_err());
    }
);

both!(
    two_runs_at_once_leave_no_gap_and_no_duplicate,
    |store: Store| async move {
        store.set_seller(&seller()).await.unwrap();
        confirmed_work(&store, "29189420", "a@example.dk", 120).await;
        confirmed_work(&store, "12345674", "b@example.dk", 90).await;
        let december = Period::parse("2026-12").unwrap();
        let (one, other) = (store.clone(), store.clone());
        let (a, b) = tokio::join!(
            async move {
                one.run_invoices(december, day("2027-01-05"), &Actor("first".into()))
                    .await
            },
            async move {
                other
                    .run_invoices(december, day("2027-01-05"), &Actor("second".into()))
                    .await
            },
        );
        let mut numbers: Vec<String> = a
            .unwrap()
            .into_iter()
            .chain(b.unwrap())
            .map(|i| i.number)
            .collect();
        numbers.sort();
        assert_eq!(
            numbers,
            ["2027-0001", "2027-0002"],
            "one invoice per company, numbered without a gap"
        );
        let stored: Vec<(String, i64)> = store
            .invoices()
            .await
            .unwrap()
            .into_iter()
            .map(|i| (i.number, i.company_id))
            .collect();
        assert_eq!(stored.len(), 2);
        assert_ne!(stored[0].1, stored[1].1);
    }
);

/// A driver's report of `outcome` at `site` on `day`, with 1 kg of cardboard if collected.
fn visit(site: i64, vehicle: i64, day: NaiveDate, outcome: Outcome) -> PickupReport {
    PickupReport {
        submission: format!("{site}-{day}"),
        site_id: site,
        day,
        outcome,
        weighed: if outcome == Outcome::Collected {
            vec![(Fraction::Cardboard, 1_000)]
        } else {
            vec![]
        },
        note: None,
        at: Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap()),
        vehicle_id: vehicle,
        driver_id: None,
    }
}

/// (unit, quantity, unit price, net) of each line.
fn lines(invoice: &Invoice) -> Vec<(Unit, i64, i64, i64)> {
    invoice
        .lines
        .iter()
        .map(|l| (l.unit, l.quantity, l.unit_price_ore, l.net_ore))
        .collect()
}

/// Credits `original` (the shop 12345674's invoice) on 7 January and runs
/// `period` again on 8 January: the credit note copies the invoice's lines, and the new
/// run bills the freed work again in one invoice to the same shop. `numbers` are the
/// credit note's and the new invoice's.
async fn credit_and_bill_again(
    store: &Store,
    by: &Actor,
    original: &Invoice,
    period: Period,
    reason: &str,
    numbers: (&str, &str),
) {
    let credit = store
        .credit_invoice(&original.number, reason, day("2027-01-07"), by)
        .await
        .unwrap();
    assert_eq!(credit.number, numbers.0);
    assert_eq!(lines(&credit), lines(original));
    let again = store
        .run_invoices(period, day("2027-01-08"), by)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(
        (again[0].number.as_str(), again[0].buyer_cvr.as_str()),
        (numbers.1, "12345674")
    );
    assert_eq!(lines(&again[0]), lines(original));
}

both!(
    flex_waste_visits_are_billed_once_beside_the_hours_and_a_credit_frees_them,
    |store: Store| async move {
        let by = Actor("coordinator".into());
        assert!(matches!(
            store
                .set_flexwaste_name("Flex Waste — Aalborg Kommune")
                .await,
            Err(StoreError::Refused(Refusal::SellerMissing))
        ));
        store.set_seller(&seller()).await.unwrap();
        store
            .set_flexwaste_name("Flex Waste — Aalborg Kommune")
            .await
            .unwrap();
        // Setting the agency's details again keeps Flex Waste's name.
        store.set_seller(&seller()).await.unwrap();
        let december = Period::parse("2026-12").unwrap();
        // A company with hours and visits, and a shop with visits only.
        confirmed_work(&store, "29189420", "w@example.dk", 45).await;
        let town_hall = store
            .company_by_cvr("29189420")
            .await
            .unwrap()
            .unwrap()
            .value
            .site_ids[0];
        let (_, shop) = company_with_agreement(&store, "12345674").await;
        let (_, _, vehicle) = fleet(&store).await;
        let tuesday = day("2026-12-01");
        store
            .add_subscription(
                town_hall,
                &subscription("Tue, Wed, Thu"),
                4_500,
                0,
                tuesday,
                &by,
            )
            .await
            .unwrap();
        store
            .add_order(
                town_hall,
                day("2026-12-03"),
                &subscription("Thu"),
                9_000,
                &by,
            )
            .await
            .unwrap();
        store
            .add_subscription(shop, &subscription("Tue"), 3_000, 0, tuesday, &by)
            .await
            .unwrap();
        for (site, on, outcome) in [
            (town_hall, "2026-12-01", Outcome::Collected),
            (town_hall, "2026-12-02", Outcome::Nothing),
            (town_hall, "2026-12-03", Outcome::Collected),
            (shop, "2026-12-01", Outcome::Collected),
            (shop, "2026-12-08", Outcome::Collected),
            // Closed: not billed; January: another month.
            (shop, "2026-12-15", Outcome::Closed),
            (shop, "2027-01-05", Outcome::Collected),
        ] {
            store
                .record_pickup(&visit(site, vehicle, day(on), outcome))
                .await
                .unwrap();
        }

        let issued = store
            .run_invoices(december, day("2027-01-05"), &by)
            .await
            .unwrap();
        let numbers: Vec<(&str, &str)> = issued
            .iter()
            .map(|i| (i.number.as_str(), i.buyer_cvr.as_str()))
            .collect();
        assert_eq!(
            numbers,
            [
                ("2027-0001", "29189420"),
                ("2027-0002", "29189420"),
                ("2027-0003", "12345674")
            ],
            "one invoice per company and service, in one series"
        );
        // Small Jobs' hours name the agency as seller; Flex Waste's visits, the service.
        let sellers: Vec<&str> = issued.iter().map(|i| i.seller.name.as_str()).collect();
        assert_eq!(
            sellers,
            [
                seller().name.as_str(),
                "Flex Waste — Aalborg Kommune",
                "Flex Waste — Aalborg Kommune"
            ]
        );
        assert_eq!(lines(&issued[0]), [(Unit::Minutes, 60, 24_500, 24_500)]);
        // A line per site and price.
        assert_eq!(
            lines(&issued[1]),
            [
                (Unit::Visits, 2, 4_500, 9_000),
                (Unit::Visits, 1, 9_000, 9_000)
            ]
        );
        assert_eq!(
            issued[1].lines[0].description,
            "Afhentning af affald — Rådhuset"
        );
        assert_eq!(
            (issued[1].totals.net_ore, issued[1].totals.vat_ore),
            (18_000, 4_500)
        );
        assert_eq!(lines(&issued[2]), [(Unit::Visits, 2, 3_000, 6_000)]);
        assert_eq!(store.invoice("2027-0003").await.unwrap(), issued[2]);
        // The visit lines add up to the month's billed visits.
        let billed: i64 = store
            .billed_visits(tuesday, day("2026-12-31"))
            .await
            .unwrap()
            .iter()
            .map(|v| v.price_ore)
            .sum();
        let visit_lines: i64 = issued
            .iter()
            .flat_map(|i| &i.lines)
            .filter(|l| l.unit == Unit::Visits)
            .map(|l| l.net_ore)
            .sum();
        assert_eq!(visit_lines, billed);

        // Billed once: a second run issues nothing; a visit reported late is billed alone.
        assert!(
            store
                .run_invoices(december, day("2027-01-06"), &by)
                .await
                .unwrap()
                .is_empty()
        );
        store
            .record_pickup(&visit(
                town_hall,
                vehicle,
                day("2026-12-29"),
                Outcome::Collected,
            ))
            .await
            .unwrap();
        let late = store
            .run_invoices(december, day("2027-01-06"), &by)
            .await
            .unwrap();
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].number, "2027-0004");
        assert_eq!(lines(&late[0]), [(Unit::Visits, 1, 4_500, 4_500)]);

        // A credit note frees the shop's visits, which the next run bills again.
        credit_and_bill_again(
            &store,
            &by,
            &issued[2],
            december,
            "wrong shop",
            ("2027-0005", "2027-0006"),
        )
        .await;
        let numbers: Vec<String> = store
            .invoices()
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.number)
            .collect();
        assert_eq!(
            numbers,
            [
                "2027-0001",
                "2027-0002",
                "2027-0003",
                "2027-0004",
                "2027-0005",
                "2027-0006"
            ]
        );
    }
);

both!(
    a_monthly_fee_is_billed_once_a_month_and_a_credit_note_frees_it,
    |store: Store| async move {
        let by = Actor("coordinator".into());
        store.set_seller(&seller()).await.unwrap();
        let november = Period::parse("2026-11").unwrap();
        let december = Period::parse("2026-12").unwrap();
        let (_, town_hall) = company_with_agreement(&store, "29189420").await;
        let (_, shop) = company_with_agreement(&store, "12345674").await;
        let (_, _, vehicle) = fleet(&store).await;
        // The town hall pays 45 kr a pickup and 299 kr a month from mid-November; the
        // shop only a fee from mid-December; a subscription without a fee and one starting
        // in January add no fee line.
        store
            .add_subscription(
                town_hall,
                &subscription("Tue"),
                4_500,
                29_900,
                day("2026-11-15"),
                &by,
            )
            .await
            .unwrap();
        store
            .add_subscription(
                town_hall,
                &subscription_of("hard_plastic", "Wed"),
                4_500,
                0,
                day("2026-11-15"),
                &by,
            )
            .await
            .unwrap();
        let friday = store
            .add_subscription(
                shop,
                &subscription("Fri"),
                0,
                19_900,
                day("2026-12-10"),
                &by,
            )
            .await
            .unwrap();
        store
            .end_subscription(friday, day("2026-12-31"))
            .await
            .unwrap();
        store
            .add_subscription(
                shop,
                &subscription("Mon"),
                0,
                50_000,
                day("2027-01-01"),
                &by,
            )
            .await
            .unwrap();
        assert_eq!(
            store
                .subscriptions()
                .await
                .unwrap()
                .iter()
                .map(|s| s.monthly_fee_ore)
                .collect::<Vec<_>>(),
            [29_900, 0, 19_900, 50_000]
        );
        store
            .record_pickup(&visit(
                town_hall,
                vehicle,
                day("2026-12-01"),
                Outcome::Collected,
            ))
            .await
            .unwrap();
        let subscriptions = store.subscriptions().await.unwrap();
        let fee_line = |site: i64| {
            let s = subscriptions
                .iter()
                .find(|s| s.site.site_id == site)
                .unwrap();
            format!("Abonnement, Flex Waste — {}", s.site.name)
        };

        // November: only the town hall's fee, one month at the fee.
        let issued = store
            .run_invoices(november, day("2026-12-01"), &by)
            .await
            .unwrap();
        assert_eq!(issued.len(), 1);
        assert_eq!(issued[0].buyer_cvr, "29189420");
        assert_eq!(lines(&issued[0]), [(Unit::Months, 1, 29_900, 29_900)]);
        assert_eq!(issued[0].lines[0].description, fee_line(town_hall));
        assert_eq!(
            (issued[0].totals.net_ore, issued[0].totals.vat_ore),
            (29_900, 7_475)
        );
        assert!(
            store
                .run_invoices(november, day("2026-12-02"), &by)
                .await
                .unwrap()
                .is_empty(),
            "a month's fee is billed once"
        );

        // December: the visit, then the fee; the shop with only a fee gets an invoice.
        let issued = store
            .run_invoices(december, day("2027-01-05"), &by)
            .await
            .unwrap();
        let numbers: Vec<(&str, &str)> = issued
            .iter()
            .map(|i| (i.number.as_str(), i.buyer_cvr.as_str()))
            .collect();
        assert_eq!(
            numbers,
            [("2027-0001", "29189420"), ("2027-0002", "12345674")]
        );
        assert_eq!(
            lines(&issued[0]),
            [
                (Unit::Visits, 1, 4_500, 4_500),
                (Unit::Months, 1, 29_900, 29_900)
            ]
        );
        assert_eq!(lines(&issued[1]), [(Unit::Months, 1, 19_900, 19_900)]);
        assert_eq!(issued[1].lines[0].description, fee_line(shop));
        assert_eq!(store.invoice("2027-0002").await.unwrap(), issued[1]);
        assert!(
            store
                .run_invoices(december, day("2027-01-06"), &by)
                .await
                .unwrap()
                .is_empty()
        );

        // A credit note frees the shop's December fee, which the next run bills again.
        credit_and_bill_again(
            &store,
            &by,
            &issued[1],
            december,
            "wrong fee",
            ("2027-0003", "2027-0004"),
        )
        .await;
        // The November invoice still stands: November bills nothing new.
        assert!(
            store
                .run_invoices(november, day("2027-01-09"), &by)
                .await
                .unwrap()
                .is_empty()
        );
    }
);
