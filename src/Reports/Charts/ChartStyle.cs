using PlanLink.Ingest.Model;
using ScottPlot;

namespace PlanLink.Reports.Charts;

/// <summary>The one place that sets fonts, colours and sizes of every chart. ScottPlot's bundled
/// SkiaSharp does not find system fonts (stack.md), so the IPAexGothic file shipped with PlanLink is
/// registered explicitly: Japanese renders the same on a bare machine as on a council's PC.</summary>
public static class ChartStyle
{
    public const string FontName = "IPAexGothic";
    public const int Width = 900;
    public const int BarHeightPerItem = 26;

    private static readonly Lazy<string> FontFile = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fonts", "ipaexg.ttf");
        if (!File.Exists(path)) throw new FileNotFoundException("同梱フォントがありません / bundled Japanese font missing", path);
        Fonts.AddFontFile(FontName, path);
        return path;
    });

    /// <summary>The path of the registered Japanese font (registers it on first use).</summary>
    public static string JapaneseFontPath => FontFile.Value;

    /// <summary>A new plot with the Japanese font on every label, title and tick.</summary>
    public static Plot NewPlot()
    {
        _ = FontFile.Value;
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Axes.Title.Label.FontSize = 18;
        return plot;
    }

    /// <summary>Whether the chart font has a glyph for every character of <paramref name="text"/>
    /// (otherwise SkiaSharp would draw tofu boxes).</summary>
    public static bool CanRender(string text)
    {
        _ = FontFile.Value;
        var typeface = Fonts.GetTypeface(FontName, bold: false, italic: false); // cached by ScottPlot: not ours to dispose
        return typeface.FamilyName == FontName && typeface.ContainsGlyphs(text.Replace("\n", ""));
    }

    /// <summary>One distinct colour per service type (Category20 then Category20b's darker hues), indexed by
    /// <see cref="ServiceType"/>: 31 types, no two alike, so a legend never has to be read twice.</summary>
    private static readonly Color[] ServiceColors =
    [
        .. new[]
        {
            "#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd", "#c5b0d5",
            "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7", "#bcbd22", "#dbdb8d", "#17becf", "#9edae5",
            "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#5254a3", "#8ca252", "#bd9e39", "#ad494a", "#a55194", "#6b6ecf",
        }.Select(Color.FromHex),
    ];

    /// <summary>The colour of a service type, the same in every chart.</summary>
    public static Color ServiceColor(ServiceType service) => ServiceColors[(int)service % ServiceColors.Length];

    /// <summary>A neutral colour for series that are not a service type.</summary>
    public static Color SeriesColor(int index) => new ScottPlot.Palettes.Tsitsulin().GetColor(index);

    /// <summary>Counts and rates read honestly only from 0: fixes the value axis' lower end there.</summary>
    public static void StartAtZero(Plot plot)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(limits.Top, 1)); // an empty (all hidden) chart still gets a sane axis
    }

    /// <summary>The finish every line chart shares: category ticks along x, a y axis from zero, the legend,
    /// title, axis labels and the source line.</summary>
    public static void FinishLineChart(Plot plot, IReadOnlyList<string> xLabels, Alignment legend, string title, string yLabel, string xLabel, string source)
    {
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, xLabels.Count).Select(i => (double)i).ToArray(), xLabels.ToArray());
        StartAtZero(plot);
        plot.ShowLegend(legend);
        plot.Legend.FontName = FontName;
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.XLabel(xLabel);
        BarChart.Caption(plot, source);
    }

    public static readonly Color Reference = Color.FromHex("#C0392B");
}
