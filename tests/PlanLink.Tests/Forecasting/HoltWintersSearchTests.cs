using PlanLink.Analytics.Forecasting.Models;

namespace PlanLink.Tests;

/// <summary>The Holt-Winters grid search fits every backtest origin in one pass per grid point and stops a
/// pass early once it cannot win. It must choose exactly what a separate exhaustive search per origin
/// chooses: the same parameters on ties, the same doubles.</summary>
public class HoltWintersSearchTests
{
    /// <summary>Varied series: trends, seasons, shifts, noise, spikes, zeros, constants (every grid point ties),
    /// short ones (no trend start) and values near double's range (no grid point has a finite SSE).</summary>
    public static TheoryData<string> Cases => new(CaseSeries.Keys);

    private static readonly Dictionary<string, double[]> CaseSeries = new()
    {
        ["linear"] = Make(16, t => 40 + 3 * t),
        ["seasonal"] = Make(14, t => t % 4 == 0 ? 120 : 100 + t),
        ["level-shift"] = Make(14, t => t < 8 ? 100 : 130),
        ["new-service"] = Make(12, t => t < 6 ? 0 : 5 * (t - 5)),
        ["decline"] = Make(20, t => 200 - 8 * t),
        ["noisy"] = Make(24, t => 50 + t + (t * 7919 % 11 - 5) * 1.5),
        ["spike"] = Make(14, t => t == 9 ? 400 : 100 + 2 * t),
        ["small-counts"] = [0, 0, 1, 1, 1, 2, 1, 1, 2, 2, 3, 2, 2, 3],
        ["zeros"] = new double[14],
        ["constant"] = Make(14, _ => 7),
        ["four"] = [3, 5, 4, 6],
        ["seven"] = [3, 5, 4, 6, 8, 7, 9],
        ["eight"] = [3, 5, 4, 6, 8, 7, 9, 11],
        ["huge"] = Make(14, t => t % 2 == 0 ? 1e300 : 1e-300),
    };

    private static double[] Make(int n, Func<int, double> f) => Enumerable.Range(0, n).Select(f).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForecastOrigins_EveryOrigin_SameBitsAsAnExhaustiveSearchOnThatPrefix(string name)
    {
        var y = CaseSeries[name];
        var first = Math.Max(4, y.Length - 16);
        var horizons = Enumerable.Range(first, y.Length - first + 1).Select(o => o == y.Length ? 12 : Math.Min(4, y.Length - o)).ToArray();
        var forecasts = new double[horizons.Length][];

        new DampedHoltWinters().ForecastOrigins(y, first, horizons, forecasts);

        for (var o = first; o <= y.Length; o++)
        {
            var expected = Exhaustive(y.AsSpan(0, o), horizons[o - first]);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), forecasts[o - first].Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void ForecastOrigins_SyntheticSeries_SameBitsAsAnExhaustiveSearch()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var y = ForecastingSynthetic.Series(seed).Points.Select(p => p.Value).ToArray();
            var first = Math.Max(4, y.Length - 16);
            var horizons = Enumerable.Range(first, y.Length - first + 1).Select(o => Math.Max(1, Math.Min(4, y.Length - o))).ToArray();
            var forecasts = new double[horizons.Length][];
            new DampedHoltWinters().ForecastOrigins(y, first, horizons, forecasts);
            for (var o = first; o <= y.Length; o++)
                Assert.Equal(Exhaustive(y.AsSpan(0, o), horizons[o - first]).Select(BitConverter.DoubleToInt64Bits), forecasts[o - first].Select(BitConverter.DoubleToInt64Bits));
        }
    }

    /// <summary>The search as first written: every grid point run over the whole prefix, the first with the
    /// least SSE kept, then run again for its final state.</summary>
    private static double[] Exhaustive(ReadOnlySpan<double> y, int horizon)
    {
        var best = (Sse: double.PositiveInfinity, Alpha: 0.0, Beta: 0.0, Gamma: 0.0, Phi: 0.0);
        Span<double> season = stackalloc double[4];
        foreach (var a in (double[])[0.1, 0.3, 0.5, 0.7, 0.9])
        foreach (var b in (double[])[0.02, 0.1, 0.25])
        {
            if (b > a) continue;
            foreach (var g in (double[])[0.02, 0.1, 0.3])
            foreach (var p in (double[])[0.8, 0.9, 0.98])
            {
                var sse = Run(y, a, b, g, p, season, out _, out _);
                if (sse < best.Sse) best = (sse, a, b, g, p);
            }
        }
        Run(y, best.Alpha, best.Beta, best.Gamma, best.Phi, season, out var level, out var trend);
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++)
            result[h - 1] = level + Stats.DampedSum(best.Phi, h) * trend + season[(y.Length + h - 1) % 4];
        return result;
    }

    private static double Run(ReadOnlySpan<double> y, double alpha, double beta, double gamma, double phi,
        Span<double> season, out double level, out double trend)
    {
        var n = y.Length;
        var mean1 = (y[0] + y[1] + y[2] + y[3]) / 4;
        trend = n >= 8 ? ((y[4] + y[5] + y[6] + y[7]) / 4 - mean1) / 4 : 0;
        for (var j = 0; j < 4; j++) season[j] = y[j] - (mean1 + (j - 1.5) * trend);
        level = mean1 - 2.5 * trend;
        double sse = 0;
        for (var t = 0; t < n; t++)
        {
            var s = season[t % 4];
            var error = y[t] - (level + phi * trend + s);
            if (t >= 4) sse += error * error;
            var newLevel = alpha * (y[t] - s) + (1 - alpha) * (level + phi * trend);
            trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
            season[t % 4] = gamma * (y[t] - newLevel) + (1 - gamma) * s;
            level = newLevel;
        }
        return sse;
    }
}
