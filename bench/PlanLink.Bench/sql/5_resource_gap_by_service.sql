-- Demand vs capacity by service × municipality (ResourceGapFigures.ByService, table resource_gap_by_service).
-- Demand: persons whose current plan has the service in_use / arranging / waiting / no_resource at the date, at the
-- person's municipality; volume = per person and service the largest amount of those rows (a service serving
-- several needs repeats its amount). In use: per person, service and the municipality of the provider office (an
-- office number's municipality in offices.csv; unknown providers are skipped). Capacity: offices open at the date
-- (opened ≤ date < closed), informal excluded.
WITH demand_rows AS (
    SELECT * FROM service_states WHERE status IN ('in_use', 'arranging', 'waiting', 'no_resource')
), office_municipality AS (
    -- PlanLink takes the first offices.csv row of an office number; min() is the same when an office has one municipality.
    SELECT office_id, min(municipality_code) AS municipality_code FROM offices GROUP BY office_id
), demand AS (
    SELECT municipality_code, service, count(*) AS demand_persons, sum(volume) AS demand_volume
    FROM (SELECT municipality_code, person_key, service, max(coalesce(amount, 0)) AS volume FROM demand_rows GROUP BY ALL)
    GROUP BY ALL
), in_use AS (
    SELECT municipality_code, service, count(*) AS in_use_persons, sum(volume) AS in_use_volume
    FROM (SELECT o.municipality_code, d.person_key, d.service, max(coalesce(d.amount, 0)) AS volume
          FROM demand_rows d JOIN office_municipality o ON o.office_id = d.provider_office_id
          WHERE d.status = 'in_use'
          GROUP BY ALL)
    GROUP BY ALL
), capacity AS (
    SELECT municipality_code, service, sum(capacity) AS capacity
    FROM offices
    WHERE (opened IS NULL OR opened <= getvariable('as_of')) AND (closed IS NULL OR closed > getvariable('as_of'))
      AND service <> 'informal'
    GROUP BY ALL
)
SELECT municipality_code, service,
       coalesce(demand_persons, 0) AS demand_persons, coalesce(demand_volume, 0) AS demand_volume,
       coalesce(in_use_persons, 0) AS in_use_persons, coalesce(in_use_volume, 0) AS in_use_volume,
       coalesce(capacity, 0) AS capacity
FROM demand FULL JOIN in_use USING (municipality_code, service) FULL JOIN capacity USING (municipality_code, service)
ORDER BY ALL;
