namespace PlanLink.Analytics.Targets;

/// <summary>The actual of one fiscal year: the mean of its observed quarter ends.</summary>
public sealed record ActualYear(int FiscalYear, double Value, int Quarters);
