-- The snapshot as of getvariable('as_of') (domain.md §3, PlanSnapshot.At), shared by the three aggregates.

-- A person's plan: their latest version (by plan_date, then plan_id) dated on or before the date; none when that
-- version ended before the date (PlanLink does not fall back to an earlier version: the end filter is applied to the
-- chosen row, in QUALIFY, not before the window).
CREATE OR REPLACE TEMP TABLE current_plans AS
SELECT plan_id, person_key, municipality_code
FROM plans
WHERE plan_date <= getvariable('as_of')
QUALIFY row_number() OVER (PARTITION BY person_key ORDER BY plan_date DESC, plan_id DESC) = 1
    AND (end_date IS NULL OR end_date >= getvariable('as_of'));

-- The needs of the current plans.
CREATE OR REPLACE TEMP TABLE current_needs AS
SELECT c.person_key, c.municipality_code, n.plan_id, n.priority
FROM plan_needs n JOIN current_plans c USING (plan_id);

-- A planned service's status: its row with the latest `since` on or before the date, per plan, need (priority)
-- and service type. Rows dated after the date do not count: a need whose only rows are later has no service yet.
CREATE OR REPLACE TEMP TABLE service_states AS
SELECT n.person_key, n.municipality_code, s.plan_id, s.priority, s.service, s.status, s.since, s.amount, s.provider_office_id
FROM plan_services s JOIN current_needs n USING (plan_id, priority)
WHERE s.since <= getvariable('as_of')
QUALIFY row_number() OVER (PARTITION BY s.plan_id, s.priority, s.service ORDER BY s.since DESC) = 1;
