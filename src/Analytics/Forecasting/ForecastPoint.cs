using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Forecasting;

/// <summary>One future quarter: PlanLink's forecast with its 80 % prediction interval
/// (<see cref="Lower"/> ≤ <see cref="Forecast"/> ≤ <see cref="Upper"/>, all ≥ 0), the growth-rate
/// method's forecast beside it, and the name of the method PlanLink used.</summary>
public sealed record ForecastPoint(FiscalQuarter Quarter, double Forecast, double Lower, double Upper,
    double GrowthRateMethod, string Method);
