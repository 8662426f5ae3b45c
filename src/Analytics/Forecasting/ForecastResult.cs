namespace PlanLink.Analytics.Forecasting;

/// <summary>A forecast of one series: one point per future quarter, the method chosen for the series,
/// and the mean year-on-year growth the growth-rate method applied.</summary>
public sealed record ForecastResult(IReadOnlyList<ForecastPoint> Points, string Method, double GrowthRate);
