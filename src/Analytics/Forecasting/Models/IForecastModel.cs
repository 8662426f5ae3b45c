namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>A candidate model over a gap-free quarterly series (position mod 4 = season).
/// It may return negative values; the forecaster clamps.</summary>
internal interface IForecastModel
{
    string Name { get; }

    /// <summary>Forecasts positions y.Length … y.Length + horizon − 1. Needs y.Length ≥ 4.</summary>
    double[] Forecast(ReadOnlySpan<double> y, int horizon);

    /// <summary>Forecasts from every origin o = first … y.Length, each fitted on y[..o] only:
    /// forecasts[o − first] = Forecast(y[..o], horizons[o − first]). Models that can share the work
    /// between origins override it. Needs first ≥ 4.</summary>
    void ForecastOrigins(ReadOnlySpan<double> y, int first, ReadOnlySpan<int> horizons, Span<double[]> forecasts)
    {
        for (var o = first; o <= y.Length; o++) forecasts[o - first] = Forecast(y[..o], horizons[o - first]);
    }
}
