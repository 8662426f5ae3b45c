-- Load the columns the core aggregates need from the contract CSVs (domain.md §3), every file under the data
-- folder, with explicit column types and auto-detection off: office numbers (10 digits) and municipality codes
-- (6 digits) stay VARCHAR, or DuckDB would read them as integers and drop their leading zeros.
-- {data} is replaced by the data folder. Assumes the English header names in the contract's column order
-- (what `planlink generate` writes); PlanLink also accepts Japanese aliases, any order, CP932 — this does not.
CREATE OR REPLACE TABLE plans AS
SELECT plan_id, person_key, municipality_code, plan_date, end_date
FROM read_csv('{data}/**/plans.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'plan_id': 'VARCHAR', 'person_key': 'VARCHAR', 'office_id': 'VARCHAR', 'municipality_code': 'VARCHAR',
               'plan_date': 'DATE', 'plan_kind': 'VARCHAR', 'age_band': 'VARCHAR', 'disability_types': 'VARCHAR',
               'support_category': 'VARCHAR', 'monitoring_months': 'INTEGER', 'end_date': 'DATE', 'wishes': 'VARCHAR'});

CREATE OR REPLACE TABLE plan_needs AS
SELECT plan_id, priority
FROM read_csv('{data}/**/plan_needs.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'plan_id': 'VARCHAR', 'priority': 'INTEGER', 'need_text': 'VARCHAR', 'domain': 'VARCHAR',
               'goal_text': 'VARCHAR', 'target_months': 'INTEGER', 'person_role': 'VARCHAR'});

CREATE OR REPLACE TABLE plan_services AS
SELECT plan_id, priority, service, amount, NULLIF(trim(provider_office_id), '') AS provider_office_id, status, since
FROM read_csv('{data}/**/plan_services.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'plan_id': 'VARCHAR', 'priority': 'INTEGER', 'service': 'VARCHAR', 'amount': 'DECIMAL(18,4)',
               'unit': 'VARCHAR', 'provider_office_id': 'VARCHAR', 'status': 'VARCHAR', 'since': 'DATE'});

CREATE OR REPLACE TABLE support_plans AS
SELECT support_plan_id, person_key, provider_office_id, service, plan_date
FROM read_csv('{data}/**/support_plans.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'support_plan_id': 'VARCHAR', 'person_key': 'VARCHAR', 'provider_office_id': 'VARCHAR', 'service': 'VARCHAR',
               'plan_date': 'DATE', 'long_goal': 'VARCHAR', 'short_goal': 'VARCHAR'});

CREATE OR REPLACE TABLE support_goals AS
SELECT support_plan_id, linked_priority
FROM read_csv('{data}/**/support_goals.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'support_plan_id': 'VARCHAR', 'goal_no': 'INTEGER', 'goal_text': 'VARCHAR', 'linked_priority': 'INTEGER',
               'period_months': 'INTEGER', 'staff_role': 'VARCHAR'});

-- monitoring.csv only matters here for the default as-of date (the latest date any row speaks of).
CREATE OR REPLACE TABLE monitoring_last AS
SELECT max(monitoring_date) AS last_date
FROM read_csv('{data}/**/monitoring.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'plan_id': 'VARCHAR', 'monitoring_date': 'DATE', 'priority': 'INTEGER', 'achievement': 'VARCHAR',
               'change_service_type': 'VARCHAR', 'change_amount': 'VARCHAR', 'change_weekly_schedule': 'VARCHAR',
               'new_issue': 'VARCHAR'});

CREATE OR REPLACE TABLE offices AS
SELECT office_id, municipality_code, service, capacity, opened, closed
FROM read_csv('{data}/**/offices.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'office_id': 'VARCHAR', 'office_name': 'VARCHAR', 'municipality_code': 'VARCHAR', 'service': 'VARCHAR',
               'capacity': 'DECIMAL(18,4)', 'opened': 'DATE', 'closed': 'DATE'});
