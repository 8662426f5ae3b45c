namespace PlanLink.Analytics.Targets;

/// <summary>One fiscal year of a 見込量 row: the target (forecast + unmet demand phased in), its 80 %
/// interval, the growth-rate method beside it, and the unmet demand it includes.</summary>
public sealed record TargetYear(int FiscalYear, double Target, double Lower, double Upper, double GrowthRate, double Unmet);
