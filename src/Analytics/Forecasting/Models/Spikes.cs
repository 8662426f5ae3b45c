namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Replaces one-quarter spikes (a data-entry error, a one-off count) before the models see the
/// series. A spike stands above or below both neighbouring quarters, far beyond the usual change between
/// quarters, and unlike the same quarter in the years around it — so a regular April–June jump is kept,
/// and so is a level shift (one of its neighbours moves with it). The first and last quarter are never
/// touched: a jump there cannot be told from the start of a new level.</summary>
internal static class Spikes
{
    private const double NoiseMultiple = 4;
    /// <summary>A spike must also exceed this share of the series' typical size, so near-noiseless series
    /// (σ ≈ 0) do not turn every wobble into a spike.</summary>
    private const double MinimumShare = 0.05;

    public static double[] Clean(double[] y)
    {
        var n = y.Length;
        if (n < 5) return y;
        Span<double> excess = n <= Stats.StackLimit ? stackalloc double[n] : new double[n];
        for (var t = 1; t < n - 1; t++) excess[t] = Excess(y, t);
        Span<double> work = n <= Stats.StackLimit ? stackalloc double[n] : new double[n];
        var diffs = work[..(n - 1)];
        for (var t = 1; t < n; t++) diffs[t - 1] = y[t] - y[t - 1];
        var noise = Stats.MadSigma(diffs);
        for (var t = 0; t < n; t++) work[t] = Math.Abs(y[t]);
        var threshold = Math.Max(NoiseMultiple * noise, MinimumShare * Stats.MedianInPlace(work));
        if (threshold <= 0) return y;

        double[]? cleaned = null;
        for (var t = 1; t < n - 1; t++)
        {
            if (Math.Abs(excess[t]) <= threshold) continue;
            var seasonal = SeasonalSpike(y, t);
            if (seasonal is null || Math.Abs(excess[t] - seasonal.Value) <= threshold) continue;
            cleaned ??= (double[])y.Clone();
            cleaned[t] = (y[t - 1] + y[t + 1]) / 2 + seasonal.Value;
        }
        return cleaned ?? y;
    }

    /// <summary>How far y[t] stands out from both neighbours (signed, the smaller distance); 0 when it
    /// lies between them.</summary>
    private static double Excess(double[] y, int t)
    {
        var up = y[t] - y[t - 1];
        var down = y[t] - y[t + 1];
        if (Math.Sign(up) != Math.Sign(down)) return 0;
        return Math.Sign(up) * Math.Min(Math.Abs(up), Math.Abs(down));
    }

    /// <summary>The usual stand-out of this quarter: the median over the same quarter a year before and
    /// after; null when neither can be measured (then nothing is cleaned).</summary>
    private static double? SeasonalSpike(double[] y, int t)
    {
        Span<double> same = stackalloc double[2];
        var count = 0;
        if (t - 4 >= 1) same[count++] = Excess(y, t - 4);
        if (t + 4 <= y.Length - 2) same[count++] = Excess(y, t + 4);
        return count > 0 ? Stats.MedianInPlace(same[..count]) : null;
    }
}
