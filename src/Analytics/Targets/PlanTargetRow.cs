using PlanLink.Analytics.Areas;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Targets;

/// <summary>What a 見込量 row counts: persons per month (人分) or the service's volume per month (時間分・人日分).</summary>
public enum TargetMeasure : byte { Persons, Volume }

/// <summary>One fiscal year of a 見込量 row: the target (forecast + unmet demand phased in), its 80 %
/// interval, the growth-rate method beside it, and the unmet demand it includes.</summary>
public sealed record TargetYear(int FiscalYear, double Target, double Lower, double Upper, double GrowthRate, double Unmet);

/// <summary>The actual of one fiscal year: the mean of its observed quarter ends.</summary>
public sealed record ActualYear(int FiscalYear, double Value, int Quarters);

/// <summary>One row of the plan-target workbook before disclosure control: an area × service × measure.</summary>
public sealed record PlanTargetRow(
    AreaLevel Level, string AreaCode, string AreaName, ServiceType Service, TargetMeasure Measure,
    IReadOnlyList<ActualYear> Actuals, double UnmetLatest, IReadOnlyList<TargetYear> Years, string Method, string Assumptions);
