namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Same quarter last year plus the median year-on-year change of the last three years per year
/// ahead: an additive cousin of the growth-rate method whose median ignores a one-off jump.</summary>
internal sealed class SeasonalNaiveDrift : IForecastModel
{
    public string Name => "seasonal-naive-drift";

    public double[] Forecast(ReadOnlySpan<double> y, int horizon)
    {
        var n = y.Length;
        var changes = new List<double>();
        for (var t = Math.Max(4, n - 12); t < n; t++) changes.Add(y[t] - y[t - 4]);
        var drift = changes.Count > 0 ? Stats.Median(changes) : 0;
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            var lastYear = y[n - 4 + (h - 1) % 4];
            result[h - 1] = lastYear + drift * ((h - 1) / 4 + 1);
        }
        return result;
    }
}
