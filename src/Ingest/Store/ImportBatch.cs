namespace PlanLink.Ingest.Store;

/// <summary>One row of the <c>import_batch</c> ledger: an office's export for a period, as imported.</summary>
/// <param name="BatchKey">The consultation offices of the export ('+'-joined, sorted), or <c>reference</c>.</param>
/// <param name="Period">The fiscal quarter of the latest date in the export (e.g. 2026Q2); null for reference data only.</param>
/// <param name="SupersededBy">The batch that replaced this one, if any (kept for audit, never loaded).</param>
public sealed record ImportBatch(
    long BatchId, string BatchKey, IReadOnlyList<string> OfficeIds, string? Period, string Source,
    string ContentSha256, DateTimeOffset ImportedAt, string ImportedBy, string Command,
    ImportCounts Rows, IReadOnlyList<ImportedFile> Files, long? SupersededBy);

/// <summary>Rows stored per contract file type in one batch.</summary>
public sealed record ImportCounts(
    int Plans, int Needs, int Services, int SupportPlans, int SupportGoals, int Monitoring,
    int Offices, int Municipalities, int Rejected)
{
    public override string ToString() =>
        $"plans {Plans}, needs {Needs}, services {Services}, support_plans {SupportPlans}, support_goals {SupportGoals}, " +
        $"monitoring {Monitoring}, offices {Offices}, municipalities {Municipalities}, rejected {Rejected}";
}

/// <summary>One file of a batch: its path relative to the batch folder, SHA-256 and row tallies.</summary>
public sealed record ImportedFile(string FileName, string Sha256, long Bytes, long RowsRead, long RowsAccepted, long RowsRejected);
