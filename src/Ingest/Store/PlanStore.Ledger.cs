using Npgsql;

namespace PlanLink.Ingest.Store;

public static partial class PlanStore
{
    /// <summary>Every batch of the ledger, oldest first (importer or analyst role, or the owner).</summary>
    public static async Task<IReadOnlyList<ImportBatch>> ListBatchesAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        var ids = new List<long>();
        await foreach (var id in Query(connection, "SELECT batch_id FROM planlink.import_batch ORDER BY batch_id", r => r.GetInt64(0), ct))
            ids.Add(id);
        var list = new List<ImportBatch>();
        foreach (var id in ids) list.Add((await FindAsync(connection, "batch_id = $1", id, ct))!);
        return list;
    }

    private static Task<ImportBatch?> FindByContentAsync(NpgsqlConnection c, string sha, CancellationToken ct) =>
        FindAsync(c, "content_sha256 = $1", sha, ct);

    private static async Task<ImportBatch?> FindAsync(NpgsqlConnection c, string where, object key, CancellationToken ct)
    {
        ImportBatch? batch = null;
        await using (var cmd = new NpgsqlCommand($"""
            SELECT b.batch_id, b.batch_key, b.office_ids, b.period, b.source, b.content_sha256, b.imported_at, b.imported_by,
                   b.command, b.plans, b.needs, b.services, b.support_plans, b.support_goals, b.monitoring, b.offices,
                   b.municipalities, b.rows_rejected,
                   (SELECT s.by_batch_id FROM planlink.batch_supersession s WHERE s.superseded_batch_id = b.batch_id)
            FROM planlink.import_batch b WHERE b.{where}
            """, c))
        {
            cmd.Parameters.Add(new() { Value = key });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                batch = new ImportBatch(r.GetInt64(0), r.GetString(1), r.GetFieldValue<string[]>(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetString(5),
                    r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.GetString(8),
                    new ImportCounts(r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13),
                        r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17)),
                    [], r.IsDBNull(18) ? null : r.GetInt64(18));
            }
        }
        if (batch is null) return null;
        var files = new List<ImportedFile>();
        await foreach (var f in Query(c, $"SELECT file_name, sha256, bytes, rows_read, rows_accepted, rows_rejected FROM planlink.import_file WHERE batch_id = {batch.BatchId} ORDER BY file_name",
                           r => new ImportedFile(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)), ct))
            files.Add(f);
        return batch with { Files = files };
    }
}
