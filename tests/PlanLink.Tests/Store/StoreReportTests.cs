using PlanLink.Host;
using PlanLink.Tests.Support;

namespace PlanLink.Tests;

/// <summary>The report from PostgreSQL is the report from CSV: the sample region imported, then
/// reported with --db, gives a figures.csv identical byte for byte to report --input.</summary>
public sealed class StoreReportTests(StoreDatabase db) : IClassFixture<StoreDatabase>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [DbFact]
    public async Task ReportFromDatabase_SampleRegion_IdenticalFiguresToReportFromCsv()
    {
        var region = RepoRoot.Combine("data-samples", "region");
        Assert.Equal(ExitCodes.Done, await PlanLinkCli.RunAsync(["import", "--input", region, "--db", db.ConnectionString, "--out", _temp.Sub("import")],
            TextWriter.Null, TextWriter.Null));

        var fromCsv = _temp.Sub("csv");
        var fromDb = _temp.Sub("db");
        Assert.Equal(ExitCodes.Done, await PlanLinkCli.RunAsync(["report", "--input", region, "--out", fromCsv, "--quarter", "2026Q1"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(ExitCodes.Done, await PlanLinkCli.RunAsync(["report", "--db", db.ConnectionString, "--out", fromDb, "--quarter", "2026Q1"], TextWriter.Null, TextWriter.Null));

        var csvFigures = File.ReadAllBytes(Path.Combine(fromCsv, "figures.csv"));
        Assert.True(csvFigures.Length > 10_000);
        Assert.Equal(csvFigures, File.ReadAllBytes(Path.Combine(fromDb, "figures.csv")));
        Assert.Contains("合成データ", File.ReadAllText(Path.Combine(fromDb, "report.html")));
    }
}
