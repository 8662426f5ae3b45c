using PlanLink.Bench;
using PlanLink.Ingest.Synthetic;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Bench;

/// <summary>Issue 9 item 4: the benchmark harness (bench/PlanLink.Bench.Core) runs end to end on a tiny generated
/// dataset and prints its table. No timing assertions. DuckDB is not a dependency of the tests (its natives are
/// ~420 MB): the harness runs with --no-duckdb here, and PlanLink's aggregates are cross-checked against DuckDB's by
/// `dotnet run -c Release --project bench/PlanLink.Bench -- --data DIR --persons 20000 --check` instead.</summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public void Harness_without_DuckDB_measures_PlanLink_and_writes_the_results_table()
    {
        using var folder = new TempFolder();
        var data = folder.Sub("data");
        SyntheticGenerator.Generate(new GeneratorOptions { Persons = 300, Seed = 3, Municipalities = 8 }, data);
        var results = folder.File("RESULTS.md");
        var log = new StringWriter();

        var exit = BenchCli.Run(BenchOptions.Parse(["--data", data, "--no-duckdb", "--rounds", "2", "--quiet-wait", "0", "--out", results]), sqlSide: null, log);

        Assert.Equal(0, exit);
        var markdown = File.ReadAllText(results);
        Assert.Contains(BenchCli.RunsMarker, markdown);
        Assert.Contains("| read + validate (ContractReader.ReadFolders) |", markdown);
        Assert.Contains("**total, incl. reading the CSVs**", markdown);
        Assert.Contains("skipped: --no-duckdb", markdown);
        Assert.Contains("### Whole `planlink report`", markdown);
        Assert.Matches(@"\| [01] \| [\d.]+ s \| [\d.]+ GiB \|", markdown); // the report ran (exit 0 or 1) and its RSS was read
        Assert.Contains("read + validate ≥ 300 MB/s", markdown);
        // What else the machine did during the cold round: the other processes' and the hypervisor's share of the cores.
        Assert.Matches(@"- other processes: waited [\d.]+ s for them to keep under 0\.2 cores busy; during PlanLink's cold round, [\d.]+ cores busy with them and [\d.]+ stolen by the hypervisor", markdown);
        // Two rounds: each timed and listed, the warm one beside the cold one the targets are judged on.
        Assert.Matches(@"\| 1 \(cold\) \| [\d.]+ s \| [\d.]+ s \| — \| — \|", markdown);
        Assert.Matches(@"\| 2 \(warm\) \| [\d.]+ s \| [\d.]+ s \| — \| — \|", markdown);
        Assert.Matches(@"\| read \+ validate ≥ 300 MB/s \| [\d.,]+ MB/s \(warm: [\d.,]+\) \|", markdown);
        // The test host cannot start the bench again for cold reads in processes of their own: the row says so.
        Assert.Contains("| read + validate (ContractReader.ReadFolders), cold, in processes of their own | skipped: no process can be started here |", markdown);
        Assert.Contains("## Run ", log.ToString());

        // A second run goes above the first, under the marker; the notes above the marker stay.
        File.WriteAllText(results, "# notes\n\n" + markdown[markdown.IndexOf(BenchCli.RunsMarker, StringComparison.Ordinal)..]);
        BenchCli.Append(results, "## Run later\n");
        var again = File.ReadAllText(results);
        Assert.StartsWith("# notes", again);
        Assert.True(again.IndexOf("## Run later", StringComparison.Ordinal) < again.IndexOf("## Run 2", StringComparison.Ordinal));
    }

    [Fact]
    public void PlanLink_side_of_each_core_aggregate_yields_numbers_keyed_like_the_SQL()
    {
        using var folder = new TempFolder();
        var data = folder.Sub("data");
        SyntheticGenerator.Generate(new GeneratorOptions { Persons = 300, Seed = 5, Municipalities = 8 }, data);

        var report = Harness.Run(BenchOptions.Parse(["--data", data, "--no-duckdb", "--no-report", "--rounds", "1", "--quiet-wait", "0"]), sqlSide: null, TextWriter.Null);

        Assert.True(report.Rows > 0);
        Assert.Equal(0, report.Rejected);
        foreach (var aggregate in Aggregates.All)
            Assert.Contains(report.PlanLinkFacts, f => f.Aggregate == aggregate);
        // Categories are contract codes, as the SQL returns them (not the Japanese labels of the tables).
        Assert.All(report.PlanLinkFacts.Where(f => f.Aggregate == Aggregates.UnmetByService),
            f => Assert.Matches("^[a-z_]+$", f.Category));
        Assert.Contains(report.PlanLinkFacts, f => f is { Aggregate: Aggregates.UnmetByService, Category: "total" });
        // Every aggregate has its DuckDB query beside the harness.
        var sql = Directory.GetFiles(RepoRoot.Combine("bench", "PlanLink.Bench", "sql"), "*.sql").Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (var aggregate in Aggregates.All) Assert.Contains(sql, f => f!.EndsWith(aggregate, StringComparison.Ordinal));
    }

    [Fact]
    public void Comparison_reports_a_difference_precisely()
    {
        AggregateValue[] planLink = [new(Aggregates.UnmetByService, "012017", "short_stay", "persons_unmet", 2), new(Aggregates.LinkageByProvider, "0410000020", "total", "needs", 1)];
        AggregateValue[] sql = [new(Aggregates.UnmetByService, "012017", "short_stay", "persons_unmet", 3), new(Aggregates.LinkageByProvider, "0410000020", "total", "needs", 1)];

        var comparison = Aggregates.Compare(planLink, sql);

        Assert.False(comparison.Equal);
        var unmet = comparison.Aggregates.Single(a => a.Aggregate == Aggregates.UnmetByService);
        Assert.Equal(1, unmet.Differences);
        Assert.Equal("012017 short_stay persons_unmet: PlanLink 2, SQL 3", Assert.Single(unmet.Examples));
        Assert.Equal(0, comparison.Aggregates.Single(a => a.Aggregate == Aggregates.LinkageByProvider).Differences);
    }
}
