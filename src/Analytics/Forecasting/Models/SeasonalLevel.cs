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
        Span<double> season = stackalloc double[4];
        SeasonalIndices(y, season);
        Span<double> z = n <= Stats.StackLimit ? stackalloc double[n] : new double[n];
        for (var t = 0; t < n; t++) z[t] = y[t] - season[t % 4];
        var segment = z[LatestShift(z)..];
        double level, slope = 0;
        if (segment.Length >= MinTrendPoints)
        {
            slope = TheilSen(segment);
            Span<double> intercepts = segment.Length <= Stats.StackLimit ? stackalloc double[segment.Length] : new double[segment.Length];
            for (var i = 0; i < segment.Length; i++) intercepts[i] = segment[i] - slope * i;
            level = Stats.MedianInPlace(intercepts) + slope * (segment.Length - 1);
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

    /// <summary>Additive indices (sum 0) by position mod 4 into <paramref name="season"/>: the median deviation
    /// from the centred 2×4 moving average; a season with no full window gets 0.</summary>
    internal static void SeasonalIndices(ReadOnlySpan<double> y, Span<double> season)
    {
        // Deviations of season j at deviations[j * perSeason …], in time order.
        var perSeason = (y.Length + 3) / 4;
        Span<double> deviations = 4 * perSeason <= Stats.StackLimit ? stackalloc double[4 * perSeason] : new double[4 * perSeason];
        Span<int> counts = stackalloc int[4];
        for (var t = 2; t + 2 < y.Length; t++)
        {
            var centred = (0.5 * y[t - 2] + y[t - 1] + y[t] + y[t + 1] + 0.5 * y[t + 2]) / 4;
            deviations[t % 4 * perSeason + counts[t % 4]++] = y[t] - centred;
        }
        for (var j = 0; j < 4; j++) season[j] = counts[j] > 0 ? Stats.MedianInPlace(deviations.Slice(j * perSeason, counts[j])) : 0;
        // The mean as Enumerable.Average sums an array: from 0, left to right.
        double sum = 0;
        for (var j = 0; j < 4; j++) sum += season[j];
        var mean = sum / 4;
        for (var j = 0; j < 4; j++) season[j] -= mean;
    }

    /// <summary>Start of the latest regime: the last step in the deseasonalised series that is far
    /// outside the usual quarter-to-quarter change and persists for the following quarters; 0 if none.</summary>
    internal static int LatestShift(ReadOnlySpan<double> z)
    {
        var n = z.Length;
        if (n < 5) return 0;
        Span<double> diffs = n <= Stats.StackLimit ? stackalloc double[n - 1] : new double[n - 1];
        for (var t = 1; t < n; t++) diffs[t - 1] = z[t] - z[t - 1];
        var typical = Stats.Median(diffs);
        var sigma = Stats.MadSigma(diffs);
        // The mean of |z| as Enumerable.Average with a selector sums it: from the first, left to right.
        var scaleSum = Math.Abs(z[0]);
        for (var t = 1; t < n; t++) scaleSum += Math.Abs(z[t]);
        var scale = scaleSum / n;
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

    private static double Mean(ReadOnlySpan<double> z, int from, int to)
    {
        double sum = 0;
        for (var i = from; i < to; i++) sum += z[i];
        return sum / (to - from);
    }

    /// <summary>Median of pairwise slopes: one outlier or a stray quarter does not tilt it.</summary>
    private static double TheilSen(ReadOnlySpan<double> z)
    {
        var count = z.Length * (z.Length - 1) / 2;
        Span<double> slopes = count <= 4 * Stats.StackLimit ? stackalloc double[count] : new double[count];
        var k = 0;
        for (var i = 0; i < z.Length; i++)
            for (var j = i + 1; j < z.Length; j++) slopes[k++] = (z[j] - z[i]) / (j - i);
        return Stats.MedianInPlace(slopes);
    }
}
