using PlanLink.Analytics.Areas;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Targets;

/// <summary>One row of the plan-target workbook before disclosure control: an area × service × measure.</summary>
public sealed record PlanTargetRow(
    AreaLevel Level, string AreaCode, string AreaName, ServiceType Service, TargetMeasure Measure,
    IReadOnlyList<ActualYear> Actuals, double UnmetLatest, IReadOnlyList<TargetYear> Years, string Method, string Assumptions);
