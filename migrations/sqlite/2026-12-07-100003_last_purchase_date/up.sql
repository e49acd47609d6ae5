-- The date of each licence's last purchase, kept with its money (issue 12): the renewals
-- at stake converted to a reporting currency take the rate of that date, and read it
-- from the purchase row per licence.
ALTER TABLE license_last_purchase ADD COLUMN purchase_date DATE NOT NULL DEFAULT '1970-01-01';
UPDATE license_last_purchase
    SET purchase_date = (SELECT p.purchase_date FROM purchases p WHERE p.id = purchase_id);
