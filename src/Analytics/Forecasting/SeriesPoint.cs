using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Forecasting;

/// <summary>One observed value of a quarterly series (persons/month, hours/month … averaged over the quarter).</summary>
public readonly record struct SeriesPoint(FiscalQuarter Quarter, double Value);
