using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Forecasting;

/// <summary>Turns quarterly forecasts into per-fiscal-year values for the plan: monthly measures
/// (persons/month, hours/month) are the mean of the year's four quarters (<see cref="Means"/>),
/// flows are their sum (<see cref="Totals"/>). Observed quarters of a year fill in for forecast ones;
/// only years with all four quarters known or forecast are returned.</summary>
public static class FiscalYearValues
{
    /// <summary>第8期 障害福祉計画: 令和9–11年度.</summary>
    public static readonly IReadOnlyList<int> EighthPeriod = [2027, 2028, 2029];

    public static IReadOnlyList<FiscalYearValue> Means(ForecastResult forecast, QuarterlySeries? history = null) =>
        Aggregate(forecast, history, mean: true);

    public static IReadOnlyList<FiscalYearValue> Totals(ForecastResult forecast, QuarterlySeries? history = null) =>
        Aggregate(forecast, history, mean: false);

    /// <summary>Quarters needed to forecast through the end of <paramref name="fiscalYear"/> after
    /// <paramref name="lastObserved"/> (e.g. through FY2029 Q4 for the 第8期).</summary>
    public static int HorizonThrough(FiscalQuarter lastObserved, int fiscalYear) =>
        Math.Max(0, QuarterIndex.Distance(lastObserved, new FiscalQuarter(fiscalYear, 4)));

    private static List<FiscalYearValue> Aggregate(ForecastResult forecast, QuarterlySeries? history, bool mean)
    {
        var historyPoints = history?.Points ?? [];
        var forecastPoints = forecast.Points;
        var result = new List<FiscalYearValue>();
        if (historyPoints.Count + forecastPoints.Count == 0) return result;
        // Quarters by running index from the earliest: the history as observed, forecasts over it.
        var (lo, hi) = (int.MaxValue, int.MinValue);
        foreach (var p in historyPoints) (lo, hi) = (Math.Min(lo, QuarterIndex.Of(p.Quarter)), Math.Max(hi, QuarterIndex.Of(p.Quarter)));
        foreach (var p in forecastPoints) (lo, hi) = (Math.Min(lo, QuarterIndex.Of(p.Quarter)), Math.Max(hi, QuarterIndex.Of(p.Quarter)));
        var quarters = new (double F, double L, double U, double G, bool Forecast, bool Known)[hi - lo + 1];
        foreach (var p in historyPoints) quarters[QuarterIndex.Of(p.Quarter) - lo] = (p.Value, p.Value, p.Value, p.Value, false, true);
        foreach (var p in forecastPoints) quarters[QuarterIndex.Of(p.Quarter) - lo] = (p.Forecast, p.Lower, p.Upper, p.GrowthRateMethod, true, true);

        var divisor = mean ? 4.0 : 1.0;
        for (var year = QuarterIndex.At(lo).FiscalYear; year <= QuarterIndex.At(hi).FiscalYear; year++)
        {
            var q1 = QuarterIndex.Of(new FiscalQuarter(year, 1)) - lo;
            if (q1 < 0 || q1 + 3 >= quarters.Length) continue;
            // Sums from 0, quarter by quarter (as Enumerable.Sum).
            double f = 0, l = 0, u = 0, g = 0;
            var forecasts = 0;
            var known = true;
            for (var i = q1; i < q1 + 4; i++)
            {
                var v = quarters[i];
                known &= v.Known;
                (f, l, u, g) = (f + v.F, l + v.L, u + v.U, g + v.G);
                if (v.Forecast) forecasts++;
            }
            if (known) result.Add(new FiscalYearValue(year, f / divisor, l / divisor, u / divisor, g / divisor, forecasts));
        }
        return result;
    }
}
