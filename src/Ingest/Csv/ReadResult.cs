using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Csv;

/// <summary>What reading a set of exports gave: the dataset, every rejected row, the per-file
/// reconciliation and warnings (unknown columns and the like).</summary>
public sealed record ReadResult(
    PlanDataset Dataset,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<FileTally> Tallies,
    IReadOnlyList<string> Warnings)
{
    public long RowsRejected => Tallies.Sum(t => t.Rejected);
}
