-- One shift (a person on a task's occurrence) is recorded once: one first entry, worked
-- or absent, and after it only corrections, each replacing the one before (0003 keeps
-- one correction per entry). So the hours a payroll pays and an invoice bills can never
-- repeat. A database that already holds two first entries for one shift stops here;
-- credit what was billed twice and remove the copy before upgrading.
CREATE UNIQUE INDEX time_entries_one_shift ON time_entries (task_id, occurrence, person_id)
    WHERE corrects IS NULL;
