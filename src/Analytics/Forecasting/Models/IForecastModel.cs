namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>A candidate model over a gap-free quarterly series (position mod 4 = season).
/// It may return negative values; the forecaster clamps.</summary>
internal interface IForecastModel
{
    string Name { get; }

    /// <summary>Forecasts positions y.Length … y.Length + horizon − 1. Needs y.Length ≥ 4.</summary>
    double[] Forecast(ReadOnlySpan<double> y, int horizon);
}
