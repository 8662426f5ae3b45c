namespace PlanLink.Analytics.Forecasting;

/// <summary>The growth-rate method municipalities use for 見込量 today (domain.md §5b), at quarter level:
/// the same quarter last year × the mean year-on-year growth ratio of the last three years.
/// Kept faithful as the yardstick PlanLink is compared against.</summary>
public static class GrowthRateMethod
{
    /// <summary>Years of year-on-year ratios averaged (the last 12 quarters).</summary>
    public const int Years = 3;

    /// <summary>Mean of value(q) / value(q − 1 year) over the last 12 quarters where both quarters were
    /// observed and the earlier one is above 0; 1 when there is no such pair (no growth assumed).</summary>
    public static double MeanGrowth(QuarterlySeries series)
    {
        if (series.Count == 0) return 1;
        var ratios = new List<double>();
        var last = series.Last;
        foreach (var p in series.Points)
        {
            if (QuarterIndex.Distance(p.Quarter, last) >= Years * 4) continue;
            if (series.TryGetValue(p.Quarter.YearBefore, out var before) && before > 0) ratios.Add(p.Value / before);
        }
        return ratios.Count > 0 ? ratios.Average() : 1;
    }

    /// <summary>Forecasts the <paramref name="horizon"/> quarters after the series' last quarter. A quarter
    /// a year back that is missing is interpolated; beyond a year the method compounds its own forecasts.</summary>
    public static double[] Forecast(QuarterlySeries series, int horizon)
    {
        if (series.Count < 4) throw new ArgumentException("the growth-rate method needs at least 4 quarters", nameof(series));
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var growth = MeanGrowth(series);
        var filled = new FilledSeries(series).Values;
        var all = new double[filled.Length + horizon];
        filled.CopyTo(all, 0);
        for (var i = filled.Length; i < all.Length; i++) all[i] = all[i - 4] * growth;
        return all[filled.Length..];
    }
}
