namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Small robust statistics used by the models and the intervals.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>Linear-interpolated quantile (type 7, as R's default); NaN for no values.</summary>
    public static double Quantile(IEnumerable<double> values, double p)
    {
        var v = values.ToArray();
        Array.Sort(v);
        return QuantileOfSorted(v, p);
    }

    /// <summary><see cref="Quantile"/> of values already in ascending order.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Median absolute deviation scaled to a normal σ (× 1.4826).</summary>
    public static double MadSigma(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return 0;
        var m = Median(values);
        return 1.4826 * Median(values.Select(x => Math.Abs(x - m)));
    }

    /// <summary>Σ φ^i for i = 1 … h: how far a damped trend carries after h steps.</summary>
    public static double DampedSum(double phi, int h)
    {
        double sum = 0, power = 1;
        for (var i = 0; i < h; i++) { power *= phi; sum += power; }
        return sum;
    }
}
