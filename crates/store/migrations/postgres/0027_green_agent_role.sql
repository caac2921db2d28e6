-- The green agents' role (communities, and the Sustainability Festival: docs/festival.md).
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
    CHECK (role IN ('coordinator', 'worker', 'company', 'driver', 'editor', 'green_agent'));
