using PlanLink.Analytics.Figures;
using PlanLink.Ingest.Csv;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Analytics;

/// <summary>The shipped sample region, read and analysed once for all tests that need it.</summary>
internal static class SampleRegion
{
    private static readonly Lazy<ReadResult> LazyRead = new(() => ContractReader.ReadFolders([RepoRoot.Combine("data-samples", "region")]));
    private static readonly Lazy<QuarterlyAnalysis> LazyAnalysis = new(() => QuarterlyAnalysis.Compute(Read.Dataset));

    public static ReadResult Read => LazyRead.Value;
    public static QuarterlyAnalysis Analysis => LazyAnalysis.Value;
}
