namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Seasonal indices from a centred moving average, then the deseasonalised level since the
/// latest level shift (a fee revision, a service starting from 0) with a robust (Theil–Sen), damped
/// trend fitted on that regime only. History before the shift does not pull the forecast.</summary>
internal sealed class SeasonalLevel : IForecastModel
{
    private const double Phi = 0.9;
    private const int MinTrendPoints = 6;

    public string Name => "seasonal-level-shift";

    public double[] Forecast(ReadOnlySpan<double> y, int horizon)
    {
        var n = y.Length;
        var season = SeasonalIndices(y);
        var z = new double[n];
        for (var t = 0; t < n; t++) z[t] = y[t] - season[t % 4];
        var start = LatestShift(z);
        var segment = z.AsSpan(start);
        double level, slope = 0;
        if (segment.Length >= MinTrendPoints)
        {
            slope = TheilSen(segment);
            var intercepts = new double[segment.Length];
            for (var i = 0; i < segment.Length; i++) intercepts[i] = segment[i] - slope * i;
            level = Stats.Median(intercepts) + slope * (segment.Length - 1);
        }
        else
        {
            var recent = segment[Math.Max(0, segment.Length - 4)..];
            double sum = 0;
            foreach (var v in recent) sum += v;
            level = sum / recent.Length;
        }
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++) result[h - 1] = level + Stats.DampedSum(Phi, h) * slope + season[(n + h - 1) % 4];
        return result;
    }

    /// <summary>Additive indices (sum 0) by position mod 4: the median deviation from the centred 2×4
    /// moving average; a season with no full window gets 0.</summary>
    internal static double[] SeasonalIndices(ReadOnlySpan<double> y)
    {
        var deviations = new List<double>[4];
        for (var j = 0; j < 4; j++) deviations[j] = [];
        for (var t = 2; t + 2 < y.Length; t++)
        {
            var centred = (0.5 * y[t - 2] + y[t - 1] + y[t] + y[t + 1] + 0.5 * y[t + 2]) / 4;
            deviations[t % 4].Add(y[t] - centred);
        }
        var season = new double[4];
        for (var j = 0; j < 4; j++) season[j] = deviations[j].Count > 0 ? Stats.Median(deviations[j]) : 0;
        var mean = season.Average();
        for (var j = 0; j < 4; j++) season[j] -= mean;
        return season;
    }

    /// <summary>Start of the latest regime: the last step in the deseasonalised series that is far
    /// outside the usual quarter-to-quarter change and persists for the following quarters; 0 if none.</summary>
    internal static int LatestShift(double[] z)
    {
        var n = z.Length;
        if (n < 5) return 0;
        var diffs = new double[n - 1];
        for (var t = 1; t < n; t++) diffs[t - 1] = z[t] - z[t - 1];
        var typical = Stats.Median(diffs);
        var sigma = Stats.MadSigma(diffs);
        var scale = z.Average(Math.Abs);
        var threshold = Math.Max(4 * sigma, 0.05 * scale);
        if (threshold <= 0) return 0;
        for (var k = n - 2; k >= 2; k--)
        {
            var jump = diffs[k - 1] - typical;
            if (Math.Abs(jump) <= threshold) continue;
            var after = Mean(z, k, Math.Min(k + 3, n));
            var before = Mean(z, Math.Max(0, k - 3), k);
            var persisted = after - before - typical * 3;
            if (Math.Sign(persisted) == Math.Sign(jump) && Math.Abs(persisted) >= 0.5 * Math.Abs(jump)) return k;
        }
        return 0;
    }

    private static double Mean(double[] z, int from, int to)
    {
        double sum = 0;
        for (var i = from; i < to; i++) sum += z[i];
        return sum / (to - from);
    }

    /// <summary>Median of pairwise slopes: one outlier or a stray quarter does not tilt it.</summary>
    private static double TheilSen(ReadOnlySpan<double> z)
    {
        var slopes = new List<double>(z.Length * (z.Length - 1) / 2);
        for (var i = 0; i < z.Length; i++)
            for (var j = i + 1; j < z.Length; j++) slopes.Add((z[j] - z[i]) / (j - i));
        return Stats.Median(slopes);
    }
}
