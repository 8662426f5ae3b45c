-- Linkage rate by provider office (LinkageFigures.ByProvider, table plan_linkage_by_provider).
-- Per need of a current plan, each distinct provider of its services in_use at the date counts the need once;
-- the need is linked for that provider when one of the person's current individual support plans *at that
-- provider* has a goal whose linked_priority is the need's priority. A person's current individual support plans:
-- per provider and service, the latest one dated on or before the date.
WITH current_support_plans AS (
    SELECT support_plan_id, person_key, provider_office_id
    FROM support_plans
    WHERE plan_date <= getvariable('as_of')
    -- PlanLink breaks a tie on plan_date by file order (the last row wins); support_plan_id is the tie-break here.
    QUALIFY row_number() OVER (PARTITION BY person_key, provider_office_id, service ORDER BY plan_date DESC, support_plan_id DESC) = 1
), linked AS (
    SELECT DISTINCT sp.person_key, sp.provider_office_id, g.linked_priority AS priority
    FROM current_support_plans sp JOIN support_goals g USING (support_plan_id)
    WHERE g.linked_priority IS NOT NULL
), need_providers AS (
    SELECT DISTINCT person_key, plan_id, priority, provider_office_id
    FROM service_states
    WHERE status = 'in_use' AND provider_office_id IS NOT NULL
)
SELECT n.provider_office_id AS office_id, 'total' AS category,
       count(*) AS needs, count(l.person_key) AS needs_linked
FROM need_providers n LEFT JOIN linked l USING (person_key, provider_office_id, priority)
GROUP BY ALL
ORDER BY ALL;
