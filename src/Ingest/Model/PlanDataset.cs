namespace PlanLink.Ingest.Model;

/// <summary>Everything read from a set of exports plus the region's reference data:
/// the one model that analytics read.</summary>
public sealed record PlanDataset(
    IReadOnlyList<Plan> Plans,
    IReadOnlyList<PlanNeed> Needs,
    IReadOnlyList<PlannedService> Services,
    IReadOnlyList<SupportPlan> SupportPlans,
    IReadOnlyList<SupportGoal> SupportGoals,
    IReadOnlyList<MonitoringRecord> Monitoring,
    IReadOnlyList<Office> Offices,
    IReadOnlyList<Municipality> Municipalities)
{
    /// <summary>True when the data is synthetic (合成データ), so that every output says so.</summary>
    public bool IsSynthetic { get; init; }

    /// <summary>The areas of the 基幹相談支援センター, when the region configured them (support_centers.csv).</summary>
    public IReadOnlyList<SupportCenterArea> SupportCenters { get; init; } = [];

    public static PlanDataset Empty { get; } = new([], [], [], [], [], [], [], []);
}
