-- Invoices and credit notes. A document is written whole in one transaction with its
-- number, and never changed afterwards; a credit note is a document of its own that
-- names the invoice it credits. Numbers run without gaps per year (invoice_series).

CREATE TABLE seller (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    cvr TEXT NOT NULL,
    address TEXT NOT NULL,
    bank_account TEXT NOT NULL,
    payment_days INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE invoice_series (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    credits INTEGER REFERENCES invoices (id),
    reason TEXT,
    period TEXT NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    buyer_name TEXT NOT NULL,
    buyer_cvr TEXT NOT NULL,
    buyer_address TEXT NOT NULL,
    buyer_einvoice TEXT,
    seller_name TEXT NOT NULL,
    seller_cvr TEXT NOT NULL,
    seller_address TEXT NOT NULL,
    seller_bank_account TEXT NOT NULL,
    issue_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    net_ore INTEGER NOT NULL,
    vat_ore INTEGER NOT NULL,
    total_ore INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX invoices_company ON invoices (company_id);
-- One credit note per invoice.
CREATE UNIQUE INDEX invoices_credits ON invoices (credits);

CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    price_per_hour_ore INTEGER NOT NULL,
    net_ore INTEGER NOT NULL
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);

-- Which time entries an invoice bills.
CREATE TABLE invoice_entries (
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    time_entry_id INTEGER NOT NULL REFERENCES time_entries (id),
    PRIMARY KEY (invoice_id, time_entry_id)
);
CREATE INDEX invoice_entries_entry ON invoice_entries (time_entry_id);
