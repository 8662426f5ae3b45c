namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Small robust statistics used by the models and the intervals. They work on spans so the
/// forecasts (tens of thousands per report) sort on the stack; sorting is Array.Sort's.</summary>
internal static class Stats
{
    /// <summary>Values up to this many are copied to the stack for sorting.</summary>
    internal const int StackLimit = 256;

    /// <summary>Median (type 7) of a copy of the values; NaN for none.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        Span<double> copy = values.Length <= StackLimit ? stackalloc double[values.Length] : new double[values.Length];
        values.CopyTo(copy);
        return MedianInPlace(copy);
    }

    /// <summary>Median (type 7), sorting the values in place; NaN for none.</summary>
    public static double MedianInPlace(Span<double> values)
    {
        values.Sort();
        return QuantileOfSorted(values, 0.5);
    }

    /// <summary>Linear-interpolated quantile (type 7, as R's default) of values in ascending order; NaN for none.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Median absolute deviation scaled to a normal σ (× 1.4826).</summary>
    public static double MadSigma(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return 0;
        Span<double> work = values.Length <= StackLimit ? stackalloc double[values.Length] : new double[values.Length];
        values.CopyTo(work);
        var m = MedianInPlace(work);
        for (var i = 0; i < values.Length; i++) work[i] = Math.Abs(values[i] - m);
        return 1.4826 * MedianInPlace(work);
    }

    /// <summary>Σ φ^i for i = 1 … h: how far a damped trend carries after h steps.</summary>
    public static double DampedSum(double phi, int h)
    {
        double sum = 0, power = 1;
        for (var i = 0; i < h; i++) { power *= phi; sum += power; }
        return sum;
    }
}
