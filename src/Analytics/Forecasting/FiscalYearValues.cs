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
        var quarters = new Dictionary<FiscalQuarter, (double F, double L, double U, double G, bool Forecast)>();
        if (history is not null)
            foreach (var p in history.Points) quarters[p.Quarter] = (p.Value, p.Value, p.Value, p.Value, false);
        foreach (var p in forecast.Points) quarters[p.Quarter] = (p.Forecast, p.Lower, p.Upper, p.GrowthRateMethod, true);

        var result = new List<FiscalYearValue>();
        foreach (var year in quarters.Keys.Select(q => q.FiscalYear).Distinct().Order())
        {
            var four = Enumerable.Range(1, 4).Select(q => new FiscalQuarter(year, q)).ToList();
            if (!four.All(quarters.ContainsKey)) continue;
            var values = four.Select(q => quarters[q]).ToList();
            var divisor = mean ? 4.0 : 1.0;
            result.Add(new FiscalYearValue(year, values.Sum(v => v.F) / divisor, values.Sum(v => v.L) / divisor,
                values.Sum(v => v.U) / divisor, values.Sum(v => v.G) / divisor, values.Count(v => v.Forecast)));
        }
        return result;
    }
}
