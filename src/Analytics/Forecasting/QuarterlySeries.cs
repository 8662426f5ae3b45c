using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Forecasting;

/// <summary>A quarterly series keyed by fiscal quarter, in order; quarters may be missing (gaps).
/// Values are finite and non-negative: they count persons or volumes.</summary>
public sealed class QuarterlySeries
{
    private readonly SeriesPoint[] points;

    public QuarterlySeries(IEnumerable<SeriesPoint> points)
    {
        var sorted = points.ToArray();
        // Series mostly arrive in order: a stable sort would leave them as they are.
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i - 1].Quarter.CompareTo(sorted[i].Quarter) > 0)
            {
                sorted = [.. sorted.OrderBy(p => p.Quarter)];
                break;
            }
        for (var i = 0; i < sorted.Length; i++)
        {
            var p = sorted[i];
            if (!double.IsFinite(p.Value) || p.Value < 0)
                throw new ArgumentException($"{p.Quarter}: value must be finite and ≥ 0, found {p.Value}", nameof(points));
            if (i > 0 && sorted[i - 1].Quarter == p.Quarter)
                throw new ArgumentException($"{p.Quarter}: quarter appears twice", nameof(points));
        }
        this.points = sorted;
    }

    public static QuarterlySeries Of(params (FiscalQuarter Quarter, double Value)[] points) =>
        new(points.Select(p => new SeriesPoint(p.Quarter, p.Value)));

    /// <summary>Consecutive quarters from <paramref name="first"/>, one value each (no gaps).</summary>
    public static QuarterlySeries Consecutive(FiscalQuarter first, IEnumerable<double> values) =>
        new(values.Select((v, i) => new SeriesPoint(QuarterIndex.Add(first, i), v)));

    /// <summary>The observed points in quarter order.</summary>
    public IReadOnlyList<SeriesPoint> Points => points;
    public int Count => points.Length;
    public FiscalQuarter First => points.Length > 0 ? points[0].Quarter : throw new InvalidOperationException("empty series");
    public FiscalQuarter Last => points.Length > 0 ? points[^1].Quarter : throw new InvalidOperationException("empty series");

    public bool TryGetValue(FiscalQuarter quarter, out double value)
    {
        var i = Array.BinarySearch(points, new SeriesPoint(quarter, 0), PointComparer.Instance);
        value = i >= 0 ? points[i].Value : 0;
        return i >= 0;
    }

    /// <summary>The points strictly before <paramref name="quarter"/> (a forecast origin).</summary>
    public QuarterlySeries Before(FiscalQuarter quarter) => new(points.Where(p => p.Quarter.CompareTo(quarter) < 0));

    /// <summary>The most recent points, at most <paramref name="count"/> of them.</summary>
    public QuarterlySeries TakeLast(int count) => new(points.Skip(Math.Max(0, points.Length - count)));

    private sealed class PointComparer : IComparer<SeriesPoint>
    {
        public static readonly PointComparer Instance = new();
        public int Compare(SeriesPoint x, SeriesPoint y) => x.Quarter.CompareTo(y.Quarter);
    }
}
