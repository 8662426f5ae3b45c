namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Same quarter last year plus the median year-on-year change of the last three years per year
/// ahead: an additive cousin of the growth-rate method whose median ignores a one-off jump.</summary>
internal sealed class SeasonalNaiveDrift : IForecastModel
{
    /// <summary>Year-on-year changes of the last three years.</summary>
    private const int Changes = 12;

    public string Name => "seasonal-naive-drift";

    public double[] Forecast(ReadOnlySpan<double> y, int horizon)
    {
        var n = y.Length;
        Span<double> changes = stackalloc double[Changes];
        var count = 0;
        for (var t = Math.Max(4, n - Changes); t < n; t++) changes[count++] = y[t] - y[t - 4];
        var drift = count > 0 ? Stats.MedianInPlace(changes[..count]) : 0;
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            var lastYear = y[n - 4 + (h - 1) % 4];
            result[h - 1] = lastYear + drift * ((h - 1) / 4 + 1);
        }
        return result;
    }
}
