-- The work an invoice bills, as it was on the day it was issued: each shift's date,
-- task, who worked it and the minutes. Written with the invoice and never changed, so
-- the annex on its PDF says the same however often it is printed.
CREATE TABLE invoice_annex (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    position INTEGER NOT NULL,
    day TEXT NOT NULL,
    task TEXT NOT NULL,
    worker TEXT NOT NULL,
    minutes INTEGER NOT NULL
);
CREATE INDEX invoice_annex_invoice ON invoice_annex (invoice_id, position);
