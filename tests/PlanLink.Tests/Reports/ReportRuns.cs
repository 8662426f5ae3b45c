using PlanLink.Host;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Reports;

/// <summary>The report runs every Reports test reads, made once: the sample region twice (to prove the
/// outputs reproducible) and Aさん once.</summary>
public sealed class ReportRuns : IDisposable
{
    private readonly TempFolder _folder = new();

    public ReportRuns()
    {
        Region = System.IO.Path.Combine(_folder.Path, "region");
        RegionAgain = System.IO.Path.Combine(_folder.Path, "region-again");
        ASan = System.IO.Path.Combine(_folder.Path, "a-san");
        RegionExit = Run("region", Region);
        RegionAgainExit = Run("region", RegionAgain);
        ASanExit = Run("a-san", ASan);
    }

    public string Region { get; }
    public string RegionAgain { get; }
    public string ASan { get; }
    public int RegionExit { get; }
    public int RegionAgainExit { get; }
    public int ASanExit { get; }

    private static int Run(string sample, string output) =>
        PlanLinkCli.RunAsync(["report", "--input", RepoRoot.Combine("data-samples", sample), "--out", output, "--quarter", "2026Q2"]).GetAwaiter().GetResult();

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ReportRunsCollection : ICollectionFixture<ReportRuns>
{
    public const string Name = "report runs";
}
