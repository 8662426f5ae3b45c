using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Linkage;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Csv;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Analytics;

/// <summary>The lecture's worked example Aさん (domain.md §7): four needs, every one linked to an
/// individual support plan goal, none unmet.</summary>
public class ASanTests
{
    private static readonly ReadResult Read = ContractReader.ReadFolders([RepoRoot.Combine("data-samples", "a-san")]);

    [Fact]
    public void ASan_HasFourNeeds_AllLinked_NoneUnmet()
    {
        Assert.Empty(Read.Errors);
        var index = new DatasetIndex(Read.Dataset);
        var snapshot = PlanSnapshot.At(index, QuarterlyAnalysis.DefaultQuarter(index).End);
        Assert.Single(snapshot.Plans);
        Assert.Equal(4, snapshot.Needs.Count);
        Assert.All(NeedAssessment.Assess(snapshot), a => Assert.False(a.IsUnmet, $"need {a.Need.Priority} unmet"));
        var links = LinkageAssessment.Assess(snapshot);
        Assert.All(links, l => Assert.True(l.IsLinked, $"need {l.State.Need.Priority} not linked"));
        var summary = LinkageFigures.Summary(snapshot, SnapshotLinkage.Of(snapshot), QuarterlyAnalysis.DefaultQuarter(index));
        Assert.Contains(summary.Cells, c => c.Measure == Measures.LinkageRate && c.Value == 100);
    }
}
