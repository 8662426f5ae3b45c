namespace PlanLink.Reports.Charts;

/// <summary>A rendered chart: its PNG (for Word/PowerPoint and the HTML) and SVG, and what it shows.</summary>
public sealed record ChartFiles(string Name, string Title, string PngPath, string SvgPath, string AltText);

internal static class ChartSaver
{
    public static ChartFiles Save(ScottPlot.Plot plot, string folder, string name, string title, int width, int height, string altText)
    {
        // Never publish a chart whose Japanese would come out as tofu boxes.
        if (!ChartStyle.CanRender(altText))
            throw new InvalidOperationException($"chart font lacks glyphs for the text of chart '{name}'");
        Directory.CreateDirectory(folder);
        var png = Path.Combine(folder, name + ".png");
        var svg = Path.Combine(folder, name + ".svg");
        plot.SavePng(png, width, height);
        plot.SaveSvg(svg, width, height);
        return new ChartFiles(name, title, png, svg, altText);
    }
}
