using ScottPlot;

namespace PlanLink.Reports.Charts;

/// <summary>One line of a trend chart: values per quarter (null where not published).</summary>
public sealed record TrendSeries(string Label, IReadOnlyList<double?> Values, Color Color);

/// <summary>Lines over fiscal quarters, one per area or measure.</summary>
public static class TrendChart
{
    public static ChartFiles Render(string folder, string name, string title, string valueAxisLabel, string source,
        IReadOnlyList<string> quarterLabels, IReadOnlyList<TrendSeries> series)
    {
        // Drawn twice, for the PNG and the SVG at once (ScottPlot plots are not shared between threads).
        Plot Draw()
        {
            var plot = ChartStyle.NewPlot();
            foreach (var s in series)
            {
                var xs = new List<double>();
                var ys = new List<double>();
                for (var i = 0; i < s.Values.Count; i++)
                {
                    if (s.Values[i] is not { } v) continue;
                    xs.Add(i);
                    ys.Add(v);
                }
                var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), s.Color);
                line.LegendText = s.Label;
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }
            ChartStyle.FinishLineChart(plot, quarterLabels, Alignment.LowerRight, title, valueAxisLabel, "四半期（令和年度）", source);
            return plot;
        }
        var alt = $"{title}: " + string.Join("／", series.Select(s => $"{s.Label} " + string.Join("→", s.Values.Select(v => v?.ToString("#,0.#") ?? "-"))));
        return ChartSaver.Save(Draw, folder, name, title, ChartStyle.Width, 460, alt);
    }
}
