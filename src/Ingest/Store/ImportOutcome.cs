namespace PlanLink.Ingest.Store;

/// <summary>What an import did with one batch.</summary>
public enum ImportStatus
{
    /// <summary>Written as a new batch (possibly superseding an older export of the same offices and period).</summary>
    Imported,
    /// <summary>The same files were imported before: nothing written.</summary>
    AlreadyImported,
}

/// <summary>The result of importing one batch: the ledger row and what it replaced.</summary>
public sealed record ImportOutcome(ImportStatus Status, ImportBatch Batch, IReadOnlyList<long> Superseded,
    int NewOfficeVersions, int NewMunicipalityVersions)
{
    /// <summary>One line for the user, Japanese / English.</summary>
    public string Describe()
    {
        var b = Batch;
        var what = $"batch #{b.BatchId} [{b.BatchKey}, {b.Period ?? "reference"}] {b.Source}";
        if (Status == ImportStatus.AlreadyImported)
            return $"取込済みのため変更なし / already imported as {what} on {b.ImportedAt:yyyy-MM-dd HH:mm} — nothing written";
        var line = $"取り込みました / imported {what}: {b.Rows}";
        if (Superseded.Count > 0)
            line += $" — 旧版を置き換え / supersedes batch {string.Join(", ", Superseded.Select(s => "#" + s))} (kept for audit)";
        return line;
    }
}
