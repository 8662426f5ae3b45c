using System.Diagnostics;
using PlanLink.Analytics.Forecasting;
using PlanLink.Analytics.Forecasting.Models;
using Xunit.Abstractions;

namespace PlanLink.Tests;

public class ForecastingExperimentTests(ITestOutputHelper output)
{
    [Fact]
    public void Experiment()
    {
        var configs = new (string Name, Action Set)[]
        {
            ("snaive", () => Forecaster.ForcedChoice = 0),
            ("snaive-smooth", () => { Forecaster.ForcedChoice = 0; SeasonalNaiveDrift.Smooth = true; }),
            ("mean-smooth", () => { Forecaster.ForcedChoice = 3; Forecaster.MeanCombine = true; }),
            ("select-mean-smooth", () => { Forecaster.ForcedChoice = null; Forecaster.MeanCombine = true; }),
            ("select-median-smooth", () => { Forecaster.ForcedChoice = null; Forecaster.MeanCombine = false; }),
        };
        var series = Enumerable.Range(1, 300).Select(ForecastingSynthetic.Series).ToList();
        foreach (var (name, set) in configs)
        {
            set();
            var sw = Stopwatch.StartNew();
            var results = series.Select(Backtest.Run).ToList();
            var plain = results.Where((r, i) => series[i].Points.All(p => p.Value > 0)).ToList();
            string Stat(IEnumerable<BacktestResult> rs)
            {
                var l = rs.ToList();
                var med = (Func<BacktestResult, double> f) => l.Select(f).Order().ElementAt(l.Count / 2);
                return $"n={l.Count} PL {l.Average(r => r.PlanLink.Mape):F2} GR {l.Average(r => r.GrowthRateMethod.Mape):F2} med {med(r => r.PlanLink.Mape):F2}/{med(r => r.GrowthRateMethod.Mape):F2} wape {l.Average(r => r.PlanLink.Wape):F2}/{l.Average(r => r.GrowthRateMethod.Wape):F2} wins {l.Count(r => r.PlanLink.Mape < r.GrowthRateMethod.Mape)}";
            }
            // Coverage of the 80 % interval on the last 4 quarters held out.
            int inside = 0, total = 0;
            foreach (var s in series)
            {
                var origin = s.Points[^4].Quarter;
                var f = Forecaster.Forecast(s.Before(origin), 4);
                foreach (var p in f.Points)
                    if (s.TryGetValue(p.Quarter, out var a) && a > 0) { total++; if (a >= p.Lower && a <= p.Upper) inside++; }
            }
            output.WriteLine($"{name,-14} ALL {Stat(results)} | NOZERO {Stat(plain)} cover {100.0 * inside / total:F1}% {sw.ElapsedMilliseconds} ms");
        }
    }
}
