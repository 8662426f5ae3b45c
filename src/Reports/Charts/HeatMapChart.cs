using ScottPlot;

namespace PlanLink.Reports.Charts;

/// <summary>A grid of values (rows × columns), each cell coloured by its value on a white → red scale
/// and labelled with it; null cells (suppressed or not defined) are grey with 「-」
/// unless <c>labels</c> names them (e.g. 「供給なし」, drawn at full red). Drawn with rectangles
/// rather than ScottPlot's bitmap heat map so the SVG stays vector and every cell carries its number.</summary>
public static class HeatMapChart
{
    public static ChartFiles Render(string folder, string name, string title, string rowAxisLabel, string columnAxisLabel, string source,
        IReadOnlyList<string> rows, IReadOnlyList<string> columns, double?[,] values, double neutral, double max, string legend,
        string?[,]? labels = null)
    {
        // Drawn twice, for the PNG and the SVG at once (ScottPlot plots are not shared between threads).
        Plot Draw()
        {
            var plot = ChartStyle.NewPlot();
            for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var y = rows.Count - 1 - r; // first row at the top
                var v = values[r, c];
                var rect = plot.Add.Rectangle(c, c + 1, y, y + 1);
                var label = labels?[r, c];
                rect.FillColor = v is { } x ? Shade(x, neutral, max) : label is not null ? Shade(max, neutral, max) : Color.FromHex("#e6e6e6");
                rect.LineColor = Colors.White;
                rect.LineWidth = 1;
                var text = plot.Add.Text(label ?? (v is { } t ? t.ToString("0.00") : "-"), c + 0.5, y + 0.5);
                text.LabelFontName = ChartStyle.FontName;
                text.LabelFontSize = 11;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = label is not null || v is { } d && d > neutral + (max - neutral) * 0.6 ? Colors.White : Colors.Black;
            }
            plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => rows.Count - 1 - i + 0.5).ToArray(), rows.ToArray());
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns.Count).Select(i => i + 0.5).ToArray(), columns.ToArray());
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Bottom.MajorTickStyle.Length = 0;
            plot.Grid.IsVisible = false;
            plot.Axes.SetLimits(0, columns.Count, 0, rows.Count);
            plot.Title(title);
            plot.YLabel(rowAxisLabel);
            plot.XLabel(columnAxisLabel + "\n" + legend);
            BarChart.Caption(plot, source);
            return plot;
        }
        var height = Math.Max(320, 170 + 24 * rows.Count);
        var alt = $"{title}: " + string.Join("／", Enumerable.Range(0, rows.Count).Select(r =>
            rows[r] + " " + string.Join("、", Enumerable.Range(0, columns.Count).Select(c => $"{columns[c]} {labels?[r, c] ?? values[r, c]?.ToString("0.00") ?? "-"}"))));
        return ChartSaver.Save(Draw, folder, name, title, ChartStyle.Width, height, alt);
    }

    /// <summary>White at or below <paramref name="neutral"/> (demand within capacity), deepening to red at <paramref name="max"/>.</summary>
    private static Color Shade(double value, double neutral, double max)
    {
        if (value <= neutral) return Color.FromHex("#f4f9f4");
        var f = Math.Clamp((value - neutral) / (max - neutral), 0, 1);
        var (r0, g0, b0) = (253, 236, 206);
        var (r1, g1, b1) = (165, 15, 21);
        return new Color((byte)(r0 + (r1 - r0) * f), (byte)(g0 + (g1 - g0) * f), (byte)(b0 + (b1 - b0) * f));
    }
}
