//! Invoices and credit notes as Peppol BIS Billing 3.0 documents (UBL 2.1, EN 16931):
//! the XML a Danish public or private buyer receives through NemHandel or Peppol.
//!
//! A line of hours is billed in minutes (`MIN`) at the hourly price with a base quantity
//! of 60 minutes, so quantity × price ÷ base quantity is the line's net amount to the
//! øre's rounding (rule PEPPOL-EN16931-R120 allows 0.02). A line of Flex Waste visits
//! counts visits as pieces (`C62`, "one", UN/ECE Recommendation 20) at the price per
//! visit with a base quantity of 1: quantity × price is its net amount exactly. A
//! subscription's monthly fee counts months (`MON`) at the fee with a base quantity of 1.

pub use crate::document::{Document, Kind, Party};
use domain::identifiers::BankAccount;
use domain::invoice::{Totals, Unit, VAT_PERCENT};
use domain::money::Money;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

const CUSTOMIZATION: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
const PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
/// The Peppol identifier scheme for Danish CVR numbers, and for GLNs.
const SCHEME_CVR: &str = "0184";
const SCHEME_GLN: &str = "0088";

/// The document as UBL 2.1 XML.
pub fn to_xml(doc: &Document) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, doc).expect("writing to memory does not fail");
    String::from_utf8(w.into_inner()).expect("the writer writes UTF-8")
}

/// A text element; a control character a stored value may hold (XML 1.0 has no way to
/// write most of them) is replaced, so the document stays well-formed.
fn text<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&domain::problem::printable(value)))?;
    Ok(())
}

fn money<W: io::Write>(w: &mut Writer<W>, name: &str, ore: i64) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("currencyID", "DKK"))
        .write_text_content(BytesText::new(&Money::from_ore(ore).decimal()))?;
    Ok(())
}

fn write<W: io::Write>(w: &mut Writer<W>, doc: &Document) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (root, namespace) = match doc.kind {
        Kind::Invoice { .. } => (
            "Invoice",
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
        ),
        Kind::CreditNote { .. } => (
            "CreditNote",
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
        ),
    };
    w.create_element(root)
        .with_attribute(("xmlns", namespace))
        .with_attribute(("xmlns:cac", CAC))
        .with_attribute(("xmlns:cbc", CBC))
        .write_inner_content(|w| {
            text(w, "cbc:CustomizationID", CUSTOMIZATION)?;
            text(w, "cbc:ProfileID", PROFILE)?;
            text(w, "cbc:ID", &doc.number)?;
            text(w, "cbc:IssueDate", &doc.issue_date.to_string())?;
            match &doc.kind {
                Kind::Invoice { due_date } => {
                    text(w, "cbc:DueDate", &due_date.to_string())?;
                    text(w, "cbc:InvoiceTypeCode", "380")?;
                }
                Kind::CreditNote { reason, .. } => {
                    text(w, "cbc:CreditNoteTypeCode", "381")?;
                    text(w, "cbc:Note", reason)?;
                }
            }
            text(w, "cbc:DocumentCurrencyCode", "DKK")?;
            text(w, "cbc:BuyerReference", &doc.buyer_reference)?;
            if let Kind::CreditNote { invoice_number, .. } = &doc.kind {
                w.create_element("cac:BillingReference")
                    .write_inner_content(|w| {
                        w.create_element("cac:InvoiceDocumentReference")
                            .write_inner_content(|w| text(w, "cbc:ID", invoice_number))?;
                        Ok(())
                    })?;
            }
            w.create_element("cac:AccountingSupplierParty")
                .write_inner_content(|w| party(w, &doc.seller))?;
            w.create_element("cac:AccountingCustomerParty")
                .write_inner_content(|w| party(w, &doc.buyer))?;
            w.create_element("cac:PaymentMeans")
                .write_inner_content(|w| {
                    text(w, "cbc:PaymentMeansCode", "31")?;
                    text(w, "cbc:PaymentID", &doc.number)?;
                    payee_account(w, &doc.bank_account)?;
                    Ok(())
                })?;
            w.create_element("cac:PaymentTerms")
                .write_inner_content(|w| {
                    text(w, "cbc:Note", &format!("Netto {} dage", doc.payment_days))
                })?;
            tax_total(w, &doc.totals)?;
            w.create_element("cac:LegalMonetaryTotal")
                .write_inner_content(|w| {
                    money(w, "cbc:LineExtensionAmount", doc.totals.net_ore)?;
                    money(w, "cbc:TaxExclusiveAmount", doc.totals.net_ore)?;
                    money(w, "cbc:TaxInclusiveAmount", doc.totals.total_ore)?;
                    money(w, "cbc:PayableAmount", doc.totals.total_ore)
                })?;
            let (line_name, quantity_name) = match doc.kind {
                Kind::Invoice { .. } => ("cac:InvoiceLine", "cbc:InvoicedQuantity"),
                Kind::CreditNote { .. } => ("cac:CreditNoteLine", "cbc:CreditedQuantity"),
            };
            for (k, line) in doc.lines.iter().enumerate() {
                let (unit_code, base_quantity) = unit_code(line.unit);
                w.create_element(line_name).write_inner_content(|w| {
                    text(w, "cbc:ID", &(k + 1).to_string())?;
                    w.create_element(quantity_name)
                        .with_attribute(("unitCode", unit_code))
                        .write_text_content(BytesText::new(&line.quantity.to_string()))?;
                    money(w, "cbc:LineExtensionAmount", line.net_ore)?;
                    w.create_element("cac:Item").write_inner_content(|w| {
                        text(w, "cbc:Name", &line.description)?;
                        w.create_element("cac:ClassifiedTaxCategory")
                            .write_inner_content(tax_category)?;
                        Ok(())
                    })?;
                    w.create_element("cac:Price").write_inner_content(|w| {
                        money(w, "cbc:PriceAmount", line.unit_price_ore)?;
                        w.create_element("cbc:BaseQuantity")
                            .with_attribute(("unitCode", unit_code))
                            .write_text_content(BytesText::new(base_quantity))?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A line's UN/ECE Recommendation 20 unit code and the base quantity its price is for:
/// an hour's price for 60 minutes, a visit's price for one visit, a fee for one month.
fn unit_code(unit: Unit) -> (&'static str, &'static str) {
    match unit {
        Unit::Minutes => ("MIN", "60"),
        Unit::Visits => ("C62", "1"),
        Unit::Months => ("MON", "1"),
    }
}

/// The account to pay into: account number and, apart, the registration number as the
/// branch (DK-R-006). An account stored before accounts were checked on input is
/// written whole.
fn payee_account<W: io::Write>(w: &mut Writer<W>, bank_account: &str) -> io::Result<()> {
    w.create_element("cac:PayeeFinancialAccount")
        .write_inner_content(|w| match BankAccount::parse(bank_account) {
            Ok(account) => {
                text(w, "cbc:ID", &account.account)?;
                w.create_element("cac:FinancialInstitutionBranch")
                    .write_inner_content(|w| text(w, "cbc:ID", &account.registration))?;
                Ok(())
            }
            Err(_) => text(w, "cbc:ID", &bank_account.replace(' ', "")),
        })?;
    Ok(())
}

/// Standard-rated Danish VAT.
fn tax_category<W: io::Write>(w: &mut Writer<W>) -> io::Result<()> {
    text(w, "cbc:ID", "S")?;
    text(w, "cbc:Percent", &VAT_PERCENT.to_string())?;
    w.create_element("cac:TaxScheme")
        .write_inner_content(|w| text(w, "cbc:ID", "VAT"))?;
    Ok(())
}

fn tax_total<W: io::Write>(w: &mut Writer<W>, totals: &Totals) -> io::Result<()> {
    w.create_element("cac:TaxTotal").write_inner_content(|w| {
        money(w, "cbc:TaxAmount", totals.vat_ore)?;
        w.create_element("cac:TaxSubtotal")
            .write_inner_content(|w| {
                money(w, "cbc:TaxableAmount", totals.net_ore)?;
                money(w, "cbc:TaxAmount", totals.vat_ore)?;
                w.create_element("cac:TaxCategory")
                    .write_inner_content(tax_category)?;
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(())
}

/// `Street 1, 9000 Town` as (street, postcode, town); what does not split stays the street.
fn address_parts(line: &str) -> (String, String, String) {
    match line.rsplit_once(',') {
        Some((street, place)) => {
            let place = place.trim();
            match place.split_once(' ') {
                Some((zone, town)) if zone.chars().all(|c| c.is_ascii_digit()) => {
                    (street.trim().into(), zone.into(), town.trim().into())
                }
                _ => (street.trim().into(), String::new(), place.into()),
            }
        }
        None => (line.trim().into(), String::new(), String::new()),
    }
}

fn party<W: io::Write>(w: &mut Writer<W>, p: &Party) -> io::Result<()> {
    w.create_element("cac:Party").write_inner_content(|w| {
        let (scheme, endpoint) = match &p.einvoice {
            Some(gln) if gln.len() == 13 && gln.chars().all(|c| c.is_ascii_digit()) => {
                (SCHEME_GLN, gln.as_str())
            }
            _ => (SCHEME_CVR, p.cvr.as_str()),
        };
        w.create_element("cbc:EndpointID")
            .with_attribute(("schemeID", scheme))
            .write_text_content(BytesText::new(endpoint))?;
        w.create_element("cac:PartyName")
            .write_inner_content(|w| text(w, "cbc:Name", &p.name))?;
        let (street, zone, town) = address_parts(&p.address);
        w.create_element("cac:PostalAddress")
            .write_inner_content(|w| {
                text(w, "cbc:StreetName", &street)?;
                if !town.is_empty() {
                    text(w, "cbc:CityName", &town)?;
                }
                if !zone.is_empty() {
                    text(w, "cbc:PostalZone", &zone)?;
                }
                w.create_element("cac:Country")
                    .write_inner_content(|w| text(w, "cbc:IdentificationCode", "DK"))?;
                Ok(())
            })?;
        w.create_element("cac:PartyTaxScheme")
            .write_inner_content(|w| {
                text(w, "cbc:CompanyID", &format!("DK{}", p.cvr))?;
                w.create_element("cac:TaxScheme")
                    .write_inner_content(|w| text(w, "cbc:ID", "VAT"))?;
                Ok(())
            })?;
        w.create_element("cac:PartyLegalEntity")
            .write_inner_content(|w| {
                text(w, "cbc:RegistrationName", &p.name)?;
                w.create_element("cbc:CompanyID")
                    .with_attribute(("schemeID", SCHEME_CVR))
                    .write_text_content(BytesText::new(&p.cvr))?;
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sample as document;
    use crate::validate::{RULES, assert_valid_ubl, business_rules, schema};

    #[test]
    fn an_invoice_and_a_credit_note_pass_the_en16931_and_peppol_rules() {
        let invoice = to_xml(&document(Kind::Invoice {
            due_date: "2026-12-02".parse().unwrap(),
        }));
        let credit = to_xml(&document(Kind::CreditNote {
            invoice_number: "2026-0003".into(),
            reason: "wrong hours".into(),
        }));
        assert_valid_ubl(&invoice);
        assert_valid_ubl(&credit);
        // A wrong VAT amount breaks BR-CO-15 and others: the check can fail.
        let wrong_vat = invoice.replacen(
            "<cbc:TaxAmount currencyID=\"DKK\">",
            "<cbc:TaxAmount currencyID=\"DKK\">1",
            1,
        );
        if let Some(result) = business_rules(&wrong_vat, RULES[0]) {
            let failed = result.expect_err("a wrong VAT total is refused");
            assert!(failed.contains("BR-CO-15"), "{failed}");
        }
        // Without the registration number the Danish Peppol rule DK-R-006 fails, and a
        // GLN with a wrong check digit fails PEPPOL-COMMON-R040: the functions the Peppol
        // rules define run.
        let no_branch = invoice.replace("<cbc:ID>9570</cbc:ID>", "<cbc:ID></cbc:ID>");
        assert_ne!(no_branch, invoice);
        let bad_gln = invoice.replace("5798000416604", "5798000416605");
        for (xml, rule) in [(no_branch, "DK-R-006"), (bad_gln, "PEPPOL-COMMON-R040")] {
            if let Some(result) = business_rules(&xml, RULES[1]) {
                let failed = result.expect_err(rule);
                assert!(failed.contains(rule), "{failed}");
            }
        }
    }

    #[test]
    fn an_invoice_and_a_credit_note_are_valid_ubl() {
        let invoice = to_xml(&document(Kind::Invoice {
            due_date: "2026-12-02".parse().unwrap(),
        }));
        assert!(
            invoice.contains("<cbc:InvoicedQuantity unitCode=\"MIN\">185</cbc:InvoicedQuantity>")
        );
        assert!(invoice.contains("Rengøring &amp; oprydning &lt;kantine&gt;"));
        // The visit line: 12 visits as pieces at 47.50 kr a visit, 570.00 kr.
        for piece in [
            "<cbc:InvoicedQuantity unitCode=\"C62\">12</cbc:InvoicedQuantity>",
            "<cbc:LineExtensionAmount currencyID=\"DKK\">570.00</cbc:LineExtensionAmount>",
            "<cbc:PriceAmount currencyID=\"DKK\">47.50</cbc:PriceAmount>",
            "<cbc:BaseQuantity unitCode=\"C62\">1</cbc:BaseQuantity>",
            // The fee line: one month at 299.00 kr.
            "<cbc:InvoicedQuantity unitCode=\"MON\">1</cbc:InvoicedQuantity>",
            "<cbc:LineExtensionAmount currencyID=\"DKK\">299.00</cbc:LineExtensionAmount>",
            "<cbc:PriceAmount currencyID=\"DKK\">299.00</cbc:PriceAmount>",
            "<cbc:BaseQuantity unitCode=\"MON\">1</cbc:BaseQuantity>",
        ] {
            assert!(invoice.contains(piece), "{piece} in\n{invoice}");
        }
        assert!(
            invoice.contains("<cbc:EndpointID schemeID=\"0088\">5798000416604</cbc:EndpointID>")
        );
        assert!(invoice.contains("<cbc:PayableAmount currencyID=\"DKK\">"));
        let credit = to_xml(&document(Kind::CreditNote {
            invoice_number: "2026-0003".into(),
            reason: "wrong hours".into(),
        }));
        assert!(credit.contains("<cbc:ID>2026-0003</cbc:ID>"));
        for xml in [&invoice, &credit] {
            if let Some(result) = schema(xml) {
                result.unwrap_or_else(|failed| panic!("{failed}\n{xml}"));
            }
        }
        // A document the schema refuses is caught: the check can fail.
        let broken = invoice
            .replace("<cbc:IssueDate>", "<cbc:IssueDay>")
            .replace("</cbc:IssueDate>", "</cbc:IssueDay>");
        if let Some(result) = schema(&broken) {
            assert!(result.is_err());
        }
    }

    #[test]
    fn addresses_split_into_street_postcode_and_town() {
        assert_eq!(
            address_parts("Boulevarden 13, 9000 Aalborg"),
            ("Boulevarden 13".into(), "9000".into(), "Aalborg".into())
        );
        assert_eq!(
            address_parts("Havnen"),
            ("Havnen".into(), String::new(), String::new())
        );
    }
}
