namespace PlanLink.Ingest.Model;

// The records of the data contract (domain.md §3), one per CSV row. Defined once here;
// every later stage reads these and never re-parses the files. The rows a plan or support plan has many of
// (needs, services, goals, monitoring: nationally ~17 M) are values, not objects: held in a RowList they take a
// few large arrays instead of an object each, which the collector would otherwise copy and trace one by one.

/// <summary>One version of a サービス等利用計画 (plans.csv).</summary>
public sealed record Plan(
    string PlanId, string PersonKey, string OfficeId, string MunicipalityCode, DateOnly PlanDate,
    PlanKind Kind, string AgeBand, DisabilityType DisabilityTypes,
    /// <summary>障害支援区分: 0 = 非該当, 1–6.</summary>
    byte SupportCategory,
    int MonitoringMonths, DateOnly? EndDate, string? Wishes);

/// <summary>One 解決すべき課題 of a plan (plan_needs.csv).</summary>
public readonly record struct PlanNeed(
    string PlanId, int Priority, string NeedText, LifeDomain? Domain, string GoalText,
    int? TargetMonths, string? PersonRole);

/// <summary>One status row of a service planned for a need (plan_services.csv); rows of the same
/// plan, priority and service form its status history.</summary>
public readonly record struct PlannedService(
    string PlanId, int Priority, ServiceType Service, decimal? Amount, string? Unit,
    string? ProviderOfficeId, ServiceStatus Status, DateOnly Since);

/// <summary>One 個別支援計画 at a provider (support_plans.csv).</summary>
public sealed record SupportPlan(
    string SupportPlanId, string PersonKey, string ProviderOfficeId, ServiceType Service,
    DateOnly PlanDate, string LongGoal, string ShortGoal);

/// <summary>One 到達目標 of an individual support plan (support_goals.csv).</summary>
public readonly record struct SupportGoal(
    string SupportPlanId, int GoalNo, string GoalText,
    /// <summary>The priority of the service use plan need it serves; null = not linked.</summary>
    int? LinkedPriority,
    int? PeriodMonths, string? StaffRole);

/// <summary>One 支援目標 reviewed at a モニタリング (monitoring.csv).</summary>
public readonly record struct MonitoringRecord(
    string PlanId, DateOnly MonitoringDate, int Priority, Achievement Achievement,
    bool ChangeServiceType, bool ChangeAmount, bool ChangeWeeklySchedule, string? NewIssue);

/// <summary>One service line of a provider office: the supply side (offices.csv).</summary>
public sealed record Office(
    string OfficeId, string OfficeName, string MunicipalityCode, ServiceType Service,
    /// <summary>定員, or hours/month for visiting services.</summary>
    decimal Capacity,
    DateOnly? Opened, DateOnly? Closed)
{
    public bool IsOpenOn(DateOnly date) => (Opened is null || Opened <= date) && (Closed is null || Closed > date);
}

/// <summary>A municipality with its 障害保健福祉圏域 and population (municipalities.csv).</summary>
public sealed record Municipality(string Code, string Name, string Prefecture, string Region, int Population);

/// <summary>A municipality covered by a 基幹相談支援センター (core consultation support centre): optional
/// reference data (support_centers.csv) that adds a meso level between offices and municipalities.</summary>
public sealed record SupportCenterArea(string CenterId, string CenterName, string MunicipalityCode);
