using PlanLink.Analytics.Forecasting;
using PlanLink.Analytics.Periods;

namespace PlanLink.Tests;

/// <summary>Qualitative behaviour of the forecaster on constructed series (issue 7). Expected values are
/// worked out by hand from the series' definitions, not copied from output.</summary>
public class ForecastingTests
{
    private static readonly FiscalQuarter Start = new(2022, 1);

    private static QuarterlySeries Series(params double[] values) => QuarterlySeries.Consecutive(Start, values);

    private static double[] Make(int n, Func<int, double> f) => Enumerable.Range(0, n).Select(f).ToArray();

    /// <summary>Every scenario named in the issue, for the properties that must hold for all of them.</summary>
    public static TheoryData<string> Scenarios => new(ScenarioSeries.Keys);

    private static readonly Dictionary<string, QuarterlySeries> ScenarioSeries = new()
    {
        ["linear"] = Series(Make(16, t => 40 + 3 * t)),
        ["seasonal"] = Series(Make(12, t => t % 4 == 0 ? 120 : 100)),
        ["level-shift"] = Series(Make(14, t => t < 8 ? 100 : 130)),
        ["new-service"] = Series(Make(10, t => t < 6 ? 0 : 5 * (t - 5))),
        ["decline"] = Series(Make(16, t => 200 - 8 * t)),
        ["steep-decline"] = Series(Make(8, t => 100 - 12 * t)),
        ["zeros"] = Series(new double[12]),
        ["short"] = Series(31, 28, 30, 29, 34, 30, 32, 31),
        ["noisy"] = Series(Make(24, t => 50 + t + (t * 7919 % 11 - 5) * 1.5)),
        ["gaps"] = new QuarterlySeries(Make(16, t => 40 + 3 * t).Select((v, t) => new SeriesPoint(QuarterIndexAdd(Start, t), v))
            .Where((_, t) => t is not (5 or 10 or 11))),
    };

    private static FiscalQuarter QuarterIndexAdd(FiscalQuarter q, int n)
    {
        for (var i = 0; i < n; i++) q = q.Next;
        return q;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Forecast_AnyScenario_IntervalHoldsForecastAndNothingNegative(string scenario)
    {
        var result = Forecaster.Forecast(ScenarioSeries[scenario], 12);

        Assert.Equal(12, result.Points.Count);
        foreach (var p in result.Points)
        {
            Assert.True(double.IsFinite(p.Forecast) && double.IsFinite(p.Lower) && double.IsFinite(p.Upper) && double.IsFinite(p.GrowthRateMethod));
            Assert.True(p.Lower >= 0 && p.GrowthRateMethod >= 0, $"{scenario} {p}");
            Assert.True(p.Lower <= p.Forecast && p.Forecast <= p.Upper, $"{scenario} {p}");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Forecast_AnyScenario_StartsTheQuarterAfterTheLastPoint(string scenario)
    {
        var series = ScenarioSeries[scenario];
        var result = Forecaster.Forecast(series, 5);

        Assert.Equal(series.Last.Next, result.Points[0].Quarter);
        for (var i = 1; i < result.Points.Count; i++) Assert.Equal(result.Points[i - 1].Quarter.Next, result.Points[i].Quarter);
    }

    [Fact]
    public void Forecast_Linear_ContinuesUpward()
    {
        // 40 + 3t for t = 0..15: the next quarter is 88, four quarters on 97.
        var result = Forecaster.Forecast(ScenarioSeries["linear"], 8);

        Assert.InRange(result.Points[0].Forecast, 88 * 0.95, 88 * 1.05);
        Assert.InRange(result.Points[3].Forecast, 97 * 0.93, 97 * 1.05);
        for (var i = 1; i < 8; i++) Assert.True(result.Points[i].Forecast > result.Points[i - 1].Forecast);
    }

    [Fact]
    public void Forecast_SeasonalQ1Jump_KeepsAprilToJuneAboveTheQuarterBefore()
    {
        // Q1 (April–June) is 120, the other quarters 100: the jump must survive into every forecast year.
        var result = Forecaster.Forecast(ScenarioSeries["seasonal"], 12);

        Assert.Equal(3, result.Points.Count(p => p.Quarter.Quarter == 1));
        foreach (var q1 in result.Points.Where(p => p.Quarter.Quarter == 1).Skip(1))
        {
            var q4 = result.Points.Single(p => p.Quarter == q1.Quarter.Previous);
            Assert.True(q1.Forecast > q4.Forecast + 10, $"{q1.Quarter} {q1.Forecast} vs {q4.Forecast}");
            Assert.InRange(q1.Forecast, 110, 130);
        }
    }

    [Fact]
    public void Forecast_LevelShift_FollowsTheNewLevel()
    {
        // 100 for two years, then 130 (a fee revision): the new level, not the average 108.6 or the
        // growth-rate method's inflated ratios, is the best guess.
        var result = Forecaster.Forecast(ScenarioSeries["level-shift"], 8);

        Assert.All(result.Points, p => Assert.InRange(p.Forecast, 120, 140));
    }

    [Fact]
    public void Forecast_NewServiceFromZero_GrowsWithoutRunningAway()
    {
        // 0 for six quarters, then 5, 10, 15, 20.
        var result = Forecaster.Forecast(ScenarioSeries["new-service"], 12);

        Assert.True(result.Points[0].Forecast >= 15);
        Assert.All(result.Points, p => Assert.InRange(p.Forecast, 0, 20 * 4));
    }

    [Fact]
    public void Forecast_Decline_KeepsDecliningOrFlattens()
    {
        // 200 − 8t ends at 80.
        var result = Forecaster.Forecast(ScenarioSeries["decline"], 12);

        Assert.True(result.Points[0].Forecast <= 80 * 1.02);
        for (var i = 1; i < 12; i++) Assert.True(result.Points[i].Forecast <= result.Points[i - 1].Forecast + 1e-9);
    }

    [Fact]
    public void Forecast_SteepDeclineTowardsZero_StopsAtZero()
    {
        // 100 − 12t ends at 16 and would cross 0 after one more year.
        var result = Forecaster.Forecast(ScenarioSeries["steep-decline"], 12);

        Assert.All(result.Points, p => Assert.True(p.Forecast >= 0 && p.Forecast <= 16));
    }

    [Fact]
    public void Forecast_AllZeros_IsZeroWithAZeroInterval()
    {
        var result = Forecaster.Forecast(ScenarioSeries["zeros"], 8);

        Assert.All(result.Points, p => Assert.Equal((0.0, 0.0, 0.0, 0.0), (p.Forecast, p.Lower, p.Upper, p.GrowthRateMethod)));
    }

    [Fact]
    public void Forecast_ShortSeriesOfEight_StaysNearItsLevel()
    {
        // Eight quarters between 28 and 34.
        var result = Forecaster.Forecast(ScenarioSeries["short"], 12);

        Assert.All(result.Points, p => Assert.InRange(p.Forecast, 20, 45));
    }

    [Fact]
    public void Forecast_Gaps_IgnoresTheMissingQuartersAndContinuesTheLine()
    {
        // The linear series with 3 quarters removed: same next value, 88.
        var result = Forecaster.Forecast(ScenarioSeries["gaps"], 4);

        Assert.InRange(result.Points[0].Forecast, 88 * 0.95, 88 * 1.05);
    }

    [Fact]
    public void Forecast_TooFewPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => Forecaster.Forecast(Series(1, 2, 3), 4));
    }

    [Fact]
    public void GrowthRateMethod_ThreeYearsOfRatios_IsLastYearTimesTheirMean()
    {
        // Year-on-year ratios: 1.1 for year 2, 1.2 for year 3 → the last 12 quarters hold 4 × 1.2 and
        // (for year 2 quarters inside the window) 4 × 1.1, then year 4 holds 4 × 1.0. Four years:
        // 100, 110, 132, 132 → the last 12 quarters are years 2–4, ratios 1.1, 1.2, 1.0 → mean 1.1.
        var series = Series([.. Make(4, _ => 100.0), .. Make(4, _ => 110.0), .. Make(4, _ => 132.0), .. Make(4, _ => 132.0)]);

        Assert.Equal(1.1, GrowthRateMethod.MeanGrowth(series), 10);
        var forecast = GrowthRateMethod.Forecast(series, 8);
        Assert.Equal(145.2, forecast[0], 9);
        Assert.Equal(145.2 * 1.1, forecast[4], 9);
    }

    [Fact]
    public void GrowthRateMethod_ZeroBaseYear_SkipsThoseRatios()
    {
        // Year 1 all 0 (no ratio can be taken), year 2 all 10, year 3 all 15 → only ratio 1.5.
        var series = Series([.. Make(4, _ => 0.0), .. Make(4, _ => 10.0), .. Make(4, _ => 15.0)]);

        Assert.Equal(1.5, GrowthRateMethod.MeanGrowth(series), 10);
        Assert.Equal(22.5, GrowthRateMethod.Forecast(series, 1)[0], 10);
    }

    [Fact]
    public void QuarterlySeries_NegativeOrRepeatedQuarter_Throws()
    {
        Assert.Throws<ArgumentException>(() => QuarterlySeries.Of((Start, -1)));
        Assert.Throws<ArgumentException>(() => QuarterlySeries.Of((Start, 1), (Start, 2)));
    }

    [Fact]
    public void FiscalYearValues_Means_AverageTheFourQuartersAndUseHistoryForObservedOnes()
    {
        // History: FY2026 Q1–Q2 = 10, 20; forecast FY2026 Q3–Q4 = 30, 40 and FY2027 = 50, 50, 60, 60.
        var history = QuarterlySeries.Of((new FiscalQuarter(2026, 1), 10), (new FiscalQuarter(2026, 2), 20));
        var values = new[] { 30.0, 40, 50, 50, 60, 60 };
        var points = values.Select((v, i) => new ForecastPoint(QuarterIndexAdd(new FiscalQuarter(2026, 3), i), v, v - 1, v + 1, v * 2, "m")).ToList();
        var forecast = new ForecastResult(points, "m", 1);

        var means = FiscalYearValues.Means(forecast, history);
        var totals = FiscalYearValues.Totals(forecast, history);

        Assert.Equal([2026, 2027], means.Select(m => m.FiscalYear));
        Assert.Equal(25, means[0].Forecast, 10);           // (10 + 20 + 30 + 40) / 4
        Assert.Equal(2, means[0].ForecastQuarters);
        Assert.Equal((55, 54, 56, 110), (means[1].Forecast, means[1].Lower, means[1].Upper, means[1].GrowthRateMethod));
        Assert.Equal(220, totals[1].Forecast, 10);
    }

    [Fact]
    public void FiscalYearValues_HorizonThrough_CountsQuartersToTheEndOfTheEighthPeriod()
    {
        // From 2026Q2 (July–September 2026) to 2029Q4 (January–March 2030): 2 + 12 quarters.
        Assert.Equal(14, FiscalYearValues.HorizonThrough(new FiscalQuarter(2026, 2), FiscalYearValues.EighthPeriod[^1]));
    }

    [Fact]
    public void Backtest_ConstantSeries_BothMethodsArePerfect()
    {
        var result = Backtest.Run(Series(Make(12, _ => 50.0)));

        Assert.Equal(0, result.PlanLink.Mape, 9);
        Assert.Equal(0, result.GrowthRateMethod.Mape, 9);
        // Origins with ≥ 8 points before them: 8th … 11th quarter (4), the hold-out origin is among them.
        Assert.Equal(4, result.Origins);
        Assert.Equal(4 + 3 + 2 + 1, result.PlanLink.Points);
    }

    [Fact]
    public void Backtest_ZeroActuals_AreLeftOutOfMapeButKeptInWape()
    {
        var result = Backtest.Run(Series(Make(12, t => t == 10 ? 0.0 : 50.0)));

        Assert.True(result.PlanLink.ZeroActualsSkipped > 0);
        Assert.True(double.IsFinite(result.PlanLink.Mape) && double.IsFinite(result.PlanLink.Wape));
    }

    [Fact]
    public void ForecastAccuracy_HandComputed()
    {
        // Errors +10 on 100 and −5 on 50; the zero actual only counts in WAPE and bias.
        var accuracy = ForecastAccuracy.Of([(100, 110), (50, 45), (0, 5)]);

        Assert.Equal((10 + 10) / 2.0, accuracy.Mape, 10);        // (10 % + 10 %) / 2
        Assert.Equal(100 * 20 / 150.0, accuracy.Wape, 10);       // (10 + 5 + 5) / 150
        Assert.Equal(100 * 10 / 150.0, accuracy.Bias, 10);       // (10 − 5 + 5) / 150
        Assert.Equal(1, accuracy.ZeroActualsSkipped);
    }

    [Fact]
    public void ForecastingSources_AnyFile_UseNoFileOrConsoleIo()
    {
        // Analytics stays pure (style.md): reading and writing series belongs to the Host command.
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PlanLink.sln"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var sources = Directory.GetFiles(Path.Combine(dir, "src", "Analytics", "Forecasting"), "*.cs", SearchOption.AllDirectories);

        Assert.NotEmpty(sources);
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (var forbidden in new[] { "System.IO", "File.", "Directory.", "Console.", "StreamReader", "StreamWriter" })
                Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{Path.GetFileName(file)} uses {forbidden}");
        }
    }
}
