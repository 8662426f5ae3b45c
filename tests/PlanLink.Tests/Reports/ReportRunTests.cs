using PlanLink.Reports.Charts;

namespace PlanLink.Tests.Reports;

/// <summary>The main job end to end on the shipped sample: `planlink report` as a user runs it.</summary>
[Collection(ReportRunsCollection.Name)]
public class ReportRunTests(ReportRuns runs)
{
    [Fact]
    public void Report_OnSample_WritesHtmlChartsFiguresWorkbookAndInternal()
    {
        Assert.Equal(0, runs.RegionExit);
        foreach (var file in new[] { "report.html", "figures.csv", "plan-targets.xlsx", "plan-targets.csv", "internal/index.html", "internal/case-review.html", "internal/case-review.csv", "internal/meso.html" })
            Assert.True(File.Exists(Path.Combine(runs.Region, file)), $"{file} missing");
        var pngs = Directory.GetFiles(Path.Combine(runs.Region, "charts"), "*.png");
        Assert.True(pngs.Length >= 10, $"{pngs.Length} charts");
        foreach (var png in pngs) Assert.True(File.Exists(Path.ChangeExtension(png, ".svg")), $"no SVG beside {png}");
        var bytes = File.ReadAllBytes(Path.Combine(runs.Region, "figures.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // BOM, so Excel reads UTF-8
        var figures = File.ReadAllLines(Path.Combine(runs.Region, "figures.csv"));
        Assert.Equal("table,level,area_code,area_name,period,breakdown,category,measure,unit,value,suppressed", figures[0]);
        var tableIds = figures.Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        foreach (var id in new[] { "unmet_needs_by_service", "plan_linkage_summary", "resource_gap_by_service", "monitoring_summary", "plan_targets" })
            Assert.Contains(id, tableIds);
        Assert.All(tableIds, id => Assert.Matches("^[a-z][a-z0-9_]*$", id));
        Assert.Contains(figures, l => l.EndsWith(",,true")); // suppressed cells: empty value
    }

    [Fact]
    public void Report_ChartPng_HasJapaneseTitleInk()
    {
        // The chart title is Japanese: the top band of the PNG must carry ink, drawn with a font that has the glyphs.
        var image = new ScottPlot.Image(Path.Combine(runs.Region, "charts", "unmet_by_service.png"));
        var gray = image.GetArrayGrayscale();
        var ink = 0;
        for (var y = 0; y < 40; y++)
        for (var x = 0; x < gray.GetLength(1); x++)
            if (gray[y, x] < 128) ink++;
        Assert.True(ink > 300, $"title band has {ink} dark pixels");
        Assert.True(ChartStyle.CanRender("サービス種類別の未充足ニーズ"));
    }

    [Fact]
    public void Outputs_TwoRunsOnTheSameInput_AreByteIdentical()
    {
        Assert.Equal(0, runs.RegionAgainExit);
        foreach (var file in new[] { "figures.csv", "plan-targets.csv", "internal/case-review.csv", "internal/meso.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(runs.Region, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(runs.RegionAgain, file))), $"{file} differs between runs");
        var first = WorkbookReader.Values(Path.Combine(runs.Region, "plan-targets.xlsx"));
        var second = WorkbookReader.Values(Path.Combine(runs.RegionAgain, "plan-targets.xlsx"));
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (sheet, rows) in first)
        {
            var other = second[sheet];
            var timestamp = sheet == "説明" ? rows.FindIndex(r => r[0] == "作成日時") : -1;
            Assert.Equal(rows.Count, other.Count);
            for (var i = 0; i < rows.Count; i++)
                if (i != timestamp) Assert.Equal(rows[i], other[i]);
        }
    }

    [Fact]
    public async Task UnmetPhaseIn_Invalid_IsRefused()
    {
        using var folder = new Support.TempFolder();
        var exit = await global::PlanLink.Host.PlanLinkCli.RunAsync(["report", "--input", Support.RepoRoot.Combine("data-samples", "a-san"), "--out", folder.Path, "--unmet-phase-in", "50,20"]);
        Assert.Equal(2, exit);
    }
}
