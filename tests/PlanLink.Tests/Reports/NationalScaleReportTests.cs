using System.Globalization;
using AngleSharp.Html.Parser;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Figures;
using PlanLink.Host;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Reports;

/// <summary>One report over 400 municipalities, made once for the tests below: generated input, then `planlink report`.</summary>
public sealed class NationalScaleRun : IDisposable
{
    public const int Municipalities = 400;
    private readonly TempFolder _folder = new();

    public NationalScaleRun()
    {
        var input = _folder.Sub("input");
        Out = _folder.Sub("out");
        GenerateExit = Run(["generate", "--out", input, "--persons", "3000", "--municipalities", Municipalities.ToString(CultureInfo.InvariantCulture), "--seed", "3"]);
        ReportExit = Run(["report", "--input", input, "--out", Out, "--quarter", "2026Q2"]);
    }

    public string Out { get; }
    public int GenerateExit { get; }
    public int ReportExit { get; }

    private static int Run(string[] args) => PlanLinkCli.RunAsync(args).GetAwaiter().GetResult();

    public void Dispose() => _folder.Dispose();
}

/// <summary>A report over more municipalities than a table can list (docs/reports.md, national scale): the
/// area tables show the prefecture, every 圏域 and the 50 worst municipalities, say so, and figures.csv and
/// the workbook still hold every municipality.</summary>
public sealed class NationalScaleReportTests(NationalScaleRun run) : IClassFixture<NationalScaleRun>
{
    private const int Shown = 50;
    private readonly string _out = RanOk(run);

    private static string RanOk(NationalScaleRun run)
    {
        Assert.Equal(0, run.GenerateExit);
        Assert.Equal(0, run.ReportExit);
        return run.Out;
    }

    [Fact]
    public void UnmetAreaTable_ListsTheFiftyHighestUnmetRates_AndPointsToFiguresCsv()
    {
        var document = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_out, "report.html")));
        var table = document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "市町村・圏域別の未充足ニーズ");
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
        var municipalityRows = rows.Where(r => r[0].EndsWith("（市町村）", StringComparison.Ordinal)).ToList();
        Assert.Equal(Shown, municipalityRows.Count);
        Assert.Contains(rows, r => r[0].EndsWith("（障害保健福祉圏域）", StringComparison.Ordinal));
        var note = table.NextElementSibling?.TextContent ?? "";
        Assert.Contains("figures.csv", note);
        Assert.Contains($"{Shown}市町村のみ示す", note);

        // The rates shown (column 4, 割合) are the highest published ones, highest first.
        var published = FigureRow.Read(_out).Where(f => f.Table == "unmet_needs_summary" && f.Level == "municipality" && f.Category == "計"
                                                       && f.Measure == "unmet_rate" && !f.Suppressed)
            .Select(f => f.Number!.Value).OrderDescending().ToList();
        var shown = municipalityRows.Select(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(published.Take(Shown), shown);
    }

    [Fact]
    public void UnmetTrend_DrawsTheTenRegionsWithTheMostUnmetPersons_AndPointsToFiguresCsv()
    {
        const int lines = 10;
        var document = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_out, "report.html")));
        var table = document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.StartsWith("圏域別 未充足ニーズのある人の推移", StringComparison.Ordinal) == true);
        Assert.Contains($"上位{lines}圏域", table.QuerySelector("caption")!.TextContent);
        var header = table.QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        Assert.Equal(1 + lines + 1, header.Count); // 四半期, ten 圏域, the prefecture
        var note = table.NextElementSibling?.TextContent ?? "";
        Assert.Contains($"{lines}障害保健福祉圏域のみ示す", note);
        Assert.Contains("table=trend_unmet_needs_summary", note);

        // The 圏域 drawn are those with the most persons unmet at the report's quarter end, most first.
        var latest = FigureRow.Read(_out).Where(f => f.Table == "trend_unmet_needs_summary" && f.Level == AreaLevel.Region.Code() && f.Period == "2026Q2"
                                                     && f.Category == "計" && f.Measure == Measures.PersonsUnmet && !f.Suppressed).ToList();
        Assert.True(latest.Count > lines, $"{latest.Count} 圏域 published");
        var expected = latest.OrderByDescending(f => f.Number).ThenBy(f => f.AreaCode, StringComparer.Ordinal).Take(lines).Select(f => f.AreaName);
        Assert.Equal(expected, header.Skip(1).Take(lines));
    }

    [Fact]
    public void FiguresCsvAndWorkbook_StillHoldEveryMunicipality()
    {
        var inFigures = FigureRow.Read(_out).Where(f => f.Table == "unmet_needs_summary" && f.Level == "municipality").Select(f => f.AreaCode).Distinct().Count();
        Assert.True(inFigures > 300, $"{inFigures} municipalities in figures.csv");
        var inWorkbook = WorkbookReader.Values(Path.Combine(_out, "plan-targets.xlsx"))["市町村"].Skip(1).Select(r => r[0]).Distinct().Count();
        Assert.True(inWorkbook > 300, $"{inWorkbook} municipalities in the workbook");
    }
}
