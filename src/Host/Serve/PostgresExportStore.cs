using PlanLink.Analytics.Periods;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Store;

namespace PlanLink.Host.Serve;

/// <summary>The PostgreSQL store: one transaction per export through the import ledger (a re-import of the same
/// files is a no-op, a newer export of the same offices and period supersedes the older one).</summary>
public sealed class PostgresExportStore(string connectionString) : IExportStore
{
    public const string Command = "planlink serve";

    public string Describe() => ConnectionStrings.Describe(connectionString);

    public async Task<string> AddAsync(BatchSource batch, CancellationToken ct)
    {
        await using var connection = await StoreConnection.OpenAsync(connectionString, StoreRole.Importer, ct);
        var outcome = await PlanStore.ImportAsync(connection, batch, Command, ct);
        return outcome.Describe();
    }

    public ReadResult Load(FiscalQuarter? quarter) => new(PlanStore.Load(connectionString, quarter?.End), [], [], []);
}
