-- Flex Waste's visits on the shops' monthly invoices. An invoice line gets a unit: the
-- lines so far are hours (quantity in minutes, price per hour); a visit line counts
-- visits at a price per visit.
ALTER TABLE invoice_lines RENAME COLUMN minutes TO quantity;
ALTER TABLE invoice_lines RENAME COLUMN price_per_hour_ore TO unit_price_ore;
ALTER TABLE invoice_lines ADD COLUMN unit TEXT NOT NULL DEFAULT 'minutes';

-- Which visits (a site on a day) an invoice bills, at what price. Like invoice_entries:
-- a visit billed by an invoice that stands (one not credited) is not billed again.
CREATE TABLE invoice_visits (
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    site_id INTEGER NOT NULL REFERENCES sites (id),
    pickup_on TEXT NOT NULL,
    price_ore INTEGER NOT NULL,
    PRIMARY KEY (invoice_id, site_id, pickup_on)
);
CREATE INDEX invoice_visits_visit ON invoice_visits (site_id, pickup_on);
