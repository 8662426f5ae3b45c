using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Forecasting;

/// <summary>A series laid out on consecutive quarters from its first point, gaps filled by linear
/// interpolation between the neighbouring observations, so models can index by position
/// (position mod 4 = the fiscal quarter's place in the seasonal cycle).</summary>
internal sealed class FilledSeries
{
    public FiscalQuarter Start { get; }
    public double[] Values { get; }
    public bool[] Observed { get; }

    public FilledSeries(QuarterlySeries series)
    {
        Start = series.First;
        var n = QuarterIndex.Distance(series.First, series.Last) + 1;
        Values = new double[n];
        Observed = new bool[n];
        SeriesPoint? previous = null;
        foreach (var p in series.Points)
        {
            var i = QuarterIndex.Distance(Start, p.Quarter);
            Values[i] = p.Value;
            Observed[i] = true;
            if (previous is { } prev)
            {
                var j = QuarterIndex.Distance(Start, prev.Quarter);
                for (var k = j + 1; k < i; k++) Values[k] = prev.Value + (p.Value - prev.Value) * (k - j) / (i - j);
            }
            previous = p;
        }
    }

    public int Length => Values.Length;
    public FiscalQuarter QuarterAt(int position) => QuarterIndex.Add(Start, position);
}
