-- Hours a worker registers outside the planned time (checked in well before the earliest
-- start, or out well after the latest end) wait for a coordinator: the company cannot
-- confirm them, automatic confirmation passes them by, and payroll pays them only once
-- a coordinator has confirmed them. 1 marks such an entry.
ALTER TABLE time_entries ADD COLUMN outside_plan BIGINT NOT NULL DEFAULT 0;
