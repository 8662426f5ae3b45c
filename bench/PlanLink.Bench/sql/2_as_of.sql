-- The default as-of date, as QuarterlyAnalysis.DefaultQuarter: the end of the latest fiscal quarter complete on the
-- latest date in the data (max of plan_date, since, monitoring_date). Fiscal quarters end with calendar quarters
-- (Jun 30, Sep 30, Dec 31, Mar 31), so: the day before the calendar quarter that contains the next day.
SET VARIABLE as_of = (
    SELECT CAST(date_trunc('quarter', last_date + INTERVAL 1 DAY) - INTERVAL 1 DAY AS DATE)
    FROM (SELECT greatest((SELECT max(plan_date) FROM plans), (SELECT max(since) FROM plan_services),
                          (SELECT last_date FROM monitoring_last)) AS last_date));

SELECT getvariable('as_of') AS as_of;
