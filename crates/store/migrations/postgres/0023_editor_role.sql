-- The editor role (communications staff: indicators, later the best-practice exchange).
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
    CHECK (role IN ('coordinator', 'worker', 'company', 'driver', 'editor'));
