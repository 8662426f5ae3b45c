using PlanLink.Analytics.Forecasting;
using Xunit.Abstractions;

namespace PlanLink.Tests;

/// <summary>Issue 7's acceptance: over many synthetic series of realistic shape PlanLink's forecast is
/// more accurate than the growth-rate method municipalities use (domain.md §5b).</summary>
public class ForecastingBacktestTests(ITestOutputHelper output)
{
    private const int SeriesCount = 200;

    [Fact]
    public void Backtest_ManySyntheticSeries_PlanLinkBeatsTheGrowthRateMethod()
    {
        var results = Enumerable.Range(1, SeriesCount).Select(seed => Backtest.Run(ForecastingSynthetic.Series(seed))).ToList();

        var planLink = results.Average(r => r.PlanLink.Mape);
        var growth = results.Average(r => r.GrowthRateMethod.Mape);
        var planLinkMedian = Median(results.Select(r => r.PlanLink.Mape));
        var growthMedian = Median(results.Select(r => r.GrowthRateMethod.Mape));
        var wins = results.Count(r => r.PlanLink.Mape < r.GrowthRateMethod.Mape);
        output.WriteLine($"mean MAPE PlanLink {planLink:F2} % vs growth-rate {growth:F2} %; median {planLinkMedian:F2} % vs {growthMedian:F2} %; "
            + $"PlanLink better on {wins}/{SeriesCount}; mean bias {results.Average(r => r.PlanLink.Bias):F2} % vs {results.Average(r => r.GrowthRateMethod.Bias):F2} %");

        Assert.True(planLink < growth, $"mean MAPE {planLink:F2} vs {growth:F2}");
        Assert.True(planLinkMedian < growthMedian, $"median MAPE {planLinkMedian:F2} vs {growthMedian:F2}");
        Assert.True(wins > SeriesCount / 2, $"PlanLink better on {wins} of {SeriesCount}");
    }

    [Fact]
    public void Backtest_SyntheticSeries_AreReproducible()
    {
        Assert.Equal(ForecastingSynthetic.Series(7).Points, ForecastingSynthetic.Series(7).Points);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
