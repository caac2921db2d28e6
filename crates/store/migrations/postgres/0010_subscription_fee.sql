-- Flex Waste's price list gets a monthly fee per subscription besides the price per
-- pickup: 0 is none.
ALTER TABLE waste_subscriptions ADD COLUMN monthly_fee_ore BIGINT NOT NULL DEFAULT 0;

-- Which subscription's fee for which month (2026-11) an invoice bills. Like
-- invoice_visits: a fee billed by an invoice that stands (one not credited) is not
-- billed again.
CREATE TABLE invoice_fees (
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    subscription_id BIGINT NOT NULL REFERENCES waste_subscriptions (id),
    period TEXT NOT NULL,
    PRIMARY KEY (invoice_id, subscription_id, period)
);
CREATE INDEX invoice_fees_fee ON invoice_fees (subscription_id, period);
