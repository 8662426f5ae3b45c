using System.Text;
using System.Text.RegularExpressions;

namespace PlanLink.Reports.Charts;

/// <summary>A rendered chart: its PNG (for Word/PowerPoint and the HTML) and SVG, and what it shows.</summary>
public sealed record ChartFiles(string Name, string Title, string PngPath, string SvgPath, string AltText);

internal static partial class ChartSaver
{
    /// <summary>Draws the chart twice at once, PNG on this thread and SVG on another: the largest chart (a national heat
    /// map) takes seconds each, and it sets how long the report waits for its charts.</summary>
    public static ChartFiles Save(Func<ScottPlot.Plot> draw, string folder, string name, string title, int width, int height, string altText)
    {
        // Never publish a chart whose Japanese would come out as tofu boxes.
        if (!ChartStyle.CanRender(altText))
            throw new InvalidOperationException($"chart font lacks glyphs for the text of chart '{name}'");
        Directory.CreateDirectory(folder);
        var png = Path.Combine(folder, name + ".png");
        var svg = Path.Combine(folder, name + ".svg");
        var svgDone = Task.Run(() => File.WriteAllText(svg, NumberClipPathsInOrder(draw().GetSvgXml(width, height)), new UTF8Encoding(false)));
        draw().SavePng(png, width, height);
        svgDone.GetAwaiter().GetResult();
        return new ChartFiles(name, title, png, svg, altText);
    }

    /// <summary>Skia names an SVG's clip paths from a process-wide counter, so the same chart's SVG would change with
    /// what else was drawn before it or beside it (charts are drawn in parallel): renumber them cl_0, cl_1 … in
    /// the order they appear, which makes every SVG depend on its chart alone.</summary>
    internal static string NumberClipPathsInOrder(string svg)
    {
        var numbers = new Dictionary<string, int>();
        return ClipPathId().Replace(svg, m => "cl_" + (numbers.TryGetValue(m.Value, out var n) ? n : numbers[m.Value] = numbers.Count));
    }

    [GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-f]+\b")]
    private static partial Regex ClipPathId();
}
