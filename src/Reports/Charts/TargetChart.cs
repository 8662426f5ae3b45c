using ScottPlot;

namespace PlanLink.Reports.Charts;

/// <summary>One service's persons/month per fiscal year: actuals as a solid line, the 見込量 as a dashed
/// line continuing from the last actual, the 80 % interval as a band (null = not published).</summary>
public sealed record TargetSeries(string Label, Color Color, IReadOnlyList<double?> Actuals, IReadOnlyList<double?> Targets,
    IReadOnlyList<double?> Lower, IReadOnlyList<double?> Upper);

/// <summary>実績 and 見込量 per fiscal year, one colour per service type.</summary>
public static class TargetChart
{
    public static ChartFiles Render(string folder, string name, string title, string valueAxisLabel, string source,
        IReadOnlyList<string> actualYears, IReadOnlyList<string> targetYears, IReadOnlyList<TargetSeries> series)
    {
        // Drawn twice, for the PNG and the SVG at once (ScottPlot plots are not shared between threads).
        Plot Draw()
        {
            var plot = ChartStyle.NewPlot();
            var n = actualYears.Count;
            for (var k = 0; k < series.Count; k++)
            {
                var s = series[k];
                var offset = (k - (series.Count - 1) / 2.0) * 0.05; // bands side by side, not on top of each other
                var ax = Enumerable.Range(0, n).Where(i => s.Actuals[i] is not null).ToList();
                var actual = plot.Add.Scatter(ax.Select(i => (double)i).ToArray(), ax.Select(i => s.Actuals[i]!.Value).ToArray(), s.Color);
                actual.LegendText = s.Label;
                actual.LineWidth = 2;
                actual.MarkerSize = 6;
                var tx = Enumerable.Range(0, targetYears.Count).Where(i => s.Targets[i] is not null).ToList();
                if (tx.Count == 0) continue;
                var xs = tx.Select(i => (double)(n + i)).ToList();
                var ys = tx.Select(i => s.Targets[i]!.Value).ToList();
                if (ax.Count > 0 && ax[^1] == n - 1) { xs.Insert(0, n - 1); ys.Insert(0, s.Actuals[n - 1]!.Value); }
                var target = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), s.Color);
                target.LinePattern = LinePattern.Dashed;
                target.LineWidth = 2;
                target.MarkerShape = MarkerShape.OpenCircle;
                target.MarkerSize = 7;
                foreach (var i in tx.Where(i => s.Lower[i] is not null && s.Upper[i] is not null))
                {
                    var band = plot.Add.Line(n + i + offset, s.Lower[i]!.Value, n + i + offset, s.Upper[i]!.Value);
                    band.LineColor = s.Color.WithAlpha(0.45);
                    band.LineWidth = 6;
                }
            }
            plot.Add.VerticalLine(n - 0.5, 1, Colors.Gray, LinePattern.Dotted);
            ChartStyle.FinishLineChart(plot, [.. actualYears, .. targetYears], Alignment.UpperLeft, title, valueAxisLabel,
                "年度（点線の左は実績＝各四半期末の平均、右は見込量＝破線、縦帯は80%予測区間）", source);
            return plot;
        }
        var alt = $"{title}: " + string.Join("／", series.Select(s => $"{s.Label} 実績 " + string.Join("→", s.Actuals.Select(v => v?.ToString("#,0.#") ?? "-"))
            + " 見込量 " + string.Join("→", s.Targets.Select(v => v?.ToString("#,0") ?? "-"))));
        return ChartSaver.Save(Draw, folder, name, title, ChartStyle.Width, 500, alt);
    }
}
