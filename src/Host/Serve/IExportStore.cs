using PlanLink.Analytics.Periods;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Store;

namespace PlanLink.Host.Serve;

/// <summary>Where the worker keeps accepted exports: PostgreSQL (<see cref="PostgresExportStore"/>) or, with no
/// database configured, a folder tree (<see cref="FolderExportStore"/>). Adding the same files twice is a no-op.</summary>
public interface IExportStore
{
    /// <summary>One line for the user: where it is, e.g. <c>planlink@db:5432/planlink</c> or a folder.</summary>
    string Describe();

    /// <summary>Stores one validated export; returns what was done as one line. Only returns once the export
    /// is durably stored (the transaction committed, the folder renamed into place).</summary>
    Task<string> AddAsync(BatchSource batch, CancellationToken ct);

    /// <summary>The current data for a report of <paramref name="quarter"/> (null: latest complete in the data).</summary>
    ReadResult Load(FiscalQuarter? quarter);
}
