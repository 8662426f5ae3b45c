using PlanLink.Analytics.Forecasting;
using PlanLink.Analytics.Periods;

namespace PlanLink.Tests;

/// <summary>Seeded series of realistic shape for 障害福祉 utilisation: a level from tens to thousands of
/// persons, annual growth −6 % … +12 %, an April–June jump, multiplicative noise, and now and then a
/// level shift (fee revision), a new service starting from 0, or a one-quarter spike (a data error).</summary>
internal static class ForecastingSynthetic
{
    public static QuarterlySeries Series(int seed)
    {
        var random = new Random(seed);
        var length = random.Next(12, 33);
        var level = Math.Exp(random.NextDouble() * Math.Log(2000.0 / 20)) * 20;
        var quarterlyGrowth = Math.Pow(1 + (-0.06 + random.NextDouble() * 0.18), 0.25);
        var q1Jump = random.NextDouble() * 0.08;
        var season = new[] { q1Jump, Jitter(random, 0.02), Jitter(random, 0.02), Jitter(random, 0.02) };
        var seasonMean = season.Average();
        var noise = 0.01 + random.NextDouble() * 0.04;
        var shiftAt = random.NextDouble() < 0.3 ? random.Next(4, length - 2) : -1;
        var shiftFactor = 0.8 + random.NextDouble() * 0.5;
        var newServiceUntil = random.NextDouble() < 0.1 ? random.Next(2, length / 2) : -1;
        var spikeAt = random.NextDouble() < 0.1 ? random.Next(1, length - 1) : -1;
        var spikeFactor = random.NextDouble() < 0.5 ? 0.4 : 1.5 + random.NextDouble() * 1.5;
        var first = new FiscalQuarter(2026 - (length + 3) / 4, 1);

        var values = new double[length];
        for (var t = 0; t < length; t++)
        {
            var q = (first.Quarter - 1 + t) % 4;
            var mean = level * Math.Pow(quarterlyGrowth, t) * (1 + season[q] - seasonMean);
            if (shiftAt >= 0 && t >= shiftAt) mean *= shiftFactor;
            if (newServiceUntil >= 0)
                mean = t < newServiceUntil ? 0 : mean * Math.Min(1, (t - newServiceUntil + 1) / 6.0);
            if (t == spikeAt) mean *= spikeFactor;
            values[t] = Math.Max(0, Math.Round(mean * (1 + noise * Gaussian(random)), 1));
        }
        return QuarterlySeries.Consecutive(first, values);
    }

    private static double Jitter(Random random, double size) => (random.NextDouble() * 2 - 1) * size;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
