namespace PlanLink.Ingest.Csv;

/// <summary>A rejected input row: where it is, which field, what it held and why it was refused
/// (Japanese / English). Written to errors.csv; never dropped.</summary>
public sealed record RowError(string File, long Line, string Column, string Value, string Reason)
{
    public override string ToString() => $"{File}:{Line} [{Column}] {Reason}";
}

/// <summary>Rows read, accepted and rejected for one input file; read = accepted + rejected.</summary>
public sealed record FileTally(string File, long Read, long Accepted, long Rejected, long Duplicates);
