using System.Text.RegularExpressions;
using PlanLink.Host;
using PlanLink.Reports.Charts;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Reports;

/// <summary>The main job end to end on the shipped sample: `planlink report` as a user runs it.</summary>
public class ReportRunTests : IClassFixture<ReportRunTests.Run>
{
    /// <summary>One report run shared by the tests of this class.</summary>
    public sealed class Run : IDisposable
    {
        private readonly TempFolder _folder = new();
        public int ExitCode { get; }
        public string Out => _folder.Path;

        public Run() => ExitCode = PlanLinkCli.RunAsync(["report", "--input", RepoRoot.Combine("data-samples", "region"), "--out", Out, "--quarter", "2026Q2"]).GetAwaiter().GetResult();

        public void Dispose() => _folder.Dispose();
    }

    private readonly Run _run;
    public ReportRunTests(Run run) => _run = run;

    [Fact]
    public void Report_OnSample_WritesHtmlChartsAndFigures()
    {
        Assert.Equal(0, _run.ExitCode);
        Assert.True(File.Exists(Path.Combine(_run.Out, "report.html")));
        var pngs = Directory.GetFiles(Path.Combine(_run.Out, "charts"), "*.png");
        Assert.True(pngs.Length >= 2);
        foreach (var png in pngs) Assert.True(File.Exists(Path.ChangeExtension(png, ".svg")), $"no SVG beside {png}");
        var bytes = File.ReadAllBytes(Path.Combine(_run.Out, "figures.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // BOM, so Excel reads UTF-8
        var figures = File.ReadAllLines(Path.Combine(_run.Out, "figures.csv"));
        Assert.Equal("table,level,area_code,area_name,period,breakdown,category,measure,unit,value,suppressed", figures[0]);
        var tableIds = figures.Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.Contains("unmet_needs_by_service", tableIds);
        Assert.Contains("plan_linkage_summary", tableIds);
        Assert.All(tableIds, id => Assert.Matches("^[a-z][a-z0-9_]*$", id));
        Assert.Contains(figures, l => l.EndsWith(",,true")); // suppressed cells: empty value
    }

    [Fact]
    public void Report_ChartPng_HasJapaneseTitleInk()
    {
        // The chart title is Japanese: the top band of the PNG must carry ink, drawn with a font that has the glyphs.
        var png = Path.Combine(_run.Out, "charts", "unmet_by_service.png");
        var image = new ScottPlot.Image(png);
        var gray = image.GetArrayGrayscale();
        var ink = 0;
        for (var y = 0; y < 40; y++)
        for (var x = 0; x < gray.GetLength(1); x++)
            if (gray[y, x] < 128) ink++;
        Assert.True(ink > 300, $"title band has {ink} dark pixels");
        Assert.True(ChartStyle.CanRender("サービス種類別の未充足ニーズ"));
    }

    [Fact]
    public void ReportHtml_IsSelfContained_MarkedSynthetic_AndItsNumbersAreInFigures()
    {
        var html = File.ReadAllText(Path.Combine(_run.Out, "report.html"));
        Assert.Contains("合成データ", html);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//"), html);
        Assert.DoesNotMatch(new Regex("<img(?![^>]*src=\"data:image/png;base64,)"), html);
        var figureValues = File.ReadAllLines(Path.Combine(_run.Out, "figures.csv")).Skip(1)
            .Select(l => l.Split(',')[^2]).Where(v => v.Length > 0).ToHashSet();
        var cells = Regex.Matches(html, "<td class=\"num\">([^<]*)</td>").Select(m => m.Groups[1].Value.Replace(",", ""));
        foreach (var cell in cells.Where(c => c != "-"))
            Assert.True(figureValues.Contains(cell), $"table number {cell} is not in figures.csv");
    }
}
