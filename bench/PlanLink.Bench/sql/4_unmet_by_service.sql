-- Unmet persons and needs by service × municipality (UnmetFigures, table unmet_needs_by_service).
-- A service is unmet when waiting or no_resource, or arranging for more than 90 days at the date; a need is unmet
-- when any of its services is, or when it has no service at all at the date (category no_service). A need counts
-- once in each category it falls in and once in total; a person likewise. Municipality = the current plan's.
WITH unmet AS (
    SELECT person_key, municipality_code, plan_id, priority, service AS category
    FROM service_states
    WHERE status IN ('waiting', 'no_resource') OR (status = 'arranging' AND getvariable('as_of') - since > 90)
    UNION ALL
    SELECT n.person_key, n.municipality_code, n.plan_id, n.priority, 'no_service' AS category
    FROM current_needs n ANTI JOIN service_states s USING (plan_id, priority)
)
SELECT municipality_code, coalesce(category, 'total') AS category,
       count(DISTINCT person_key) AS persons_unmet,
       count(DISTINCT plan_id || '#' || priority) AS needs_unmet
FROM unmet
GROUP BY GROUPING SETS ((municipality_code, category), (municipality_code))
ORDER BY ALL;
