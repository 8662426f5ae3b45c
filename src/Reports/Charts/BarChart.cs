using ScottPlot;

namespace PlanLink.Reports.Charts;

/// <summary>One bar of a breakdown chart.</summary>
public sealed record BarItem(string Label, double Value, Color Color);

/// <summary>Horizontal bars for a breakdown (long Japanese category names read best on the left axis),
/// largest at the top, optionally with a reference line (e.g. the prefecture average).</summary>
public static class BarChart
{
    public static ChartFiles Render(string folder, string name, string title, string valueAxisLabel, string source,
        IReadOnlyList<BarItem> items, double? referenceValue = null, string? referenceLabel = null)
    {
        // Drawn twice, for the PNG and the SVG at once (ScottPlot plots are not shared between threads).
        Plot Draw()
        {
            var plot = ChartStyle.NewPlot();
            var ordered = items.Reverse().ToList(); // ScottPlot draws position 0 at the bottom.
            var bars = ordered.Select((item, i) => new Bar
            {
                Position = i, Value = item.Value, FillColor = item.Color, LineWidth = 0,
                Label = item.Value.ToString("#,0.#"), Orientation = Orientation.Horizontal,
            }).ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.ValueLabelStyle.FontName = ChartStyle.FontName;
            barPlot.ValueLabelStyle.FontSize = 12;
            plot.Axes.Left.SetTicks(Enumerable.Range(0, ordered.Count).Select(i => (double)i).ToArray(), ordered.Select(o => o.Label).ToArray());
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
            plot.Axes.Margins(left: 0, right: 0.12, bottom: 0.02, top: 0.02);
            if (referenceValue is { } r)
            {
                var line = plot.Add.VerticalLine(r, 2, ChartStyle.Reference, LinePattern.Dashed);
                line.LegendText = referenceLabel ?? "";
                line.LabelFontName = ChartStyle.FontName;
                plot.ShowLegend(Alignment.LowerRight);
                plot.Legend.FontName = ChartStyle.FontName;
            }
            plot.Title(title);
            plot.XLabel(valueAxisLabel);
            plot.Axes.Bottom.Label.FontName = ChartStyle.FontName;
            Caption(plot, source);
            return plot;
        }
        var height = Math.Max(260, 130 + ChartStyle.BarHeightPerItem * items.Count);
        var alt = $"{title}: " + string.Join("、", items.Select(i => $"{i.Label} {i.Value:#,0.#}"));
        return ChartSaver.Save(Draw, folder, name, title, ChartStyle.Width, height, alt);
    }

    /// <summary>The data source line under the chart: every chart says where its numbers come from.</summary>
    internal static void Caption(Plot plot, string source)
    {
        plot.Axes.Bottom.Label.Text += $"\n出典: {source}";
    }
}
