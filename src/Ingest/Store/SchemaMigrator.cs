using Npgsql;

namespace PlanLink.Ingest.Store;

/// <summary>Brings a database to the schema this build knows, on connect: creates
/// <c>planlink.schema_version</c> and applies every missing <see cref="Migration"/> in order, each in its own
/// transaction, under an advisory lock so that two processes connecting at once migrate only once.</summary>
public static class SchemaMigrator
{
    /// <summary>The advisory lock key for migrations ("PLMG").</summary>
    private const long LockKey = 0x504C4D47;

    /// <summary>Applies the missing migrations; returns the versions applied (empty when up to date).</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        // Fast path: a least-privileged login can read the version but never migrate.
        var current = await CurrentVersionAsync(connection, ct);
        if (current > Migrations.Latest)
            throw new StoreException($"データベースのスキーマ（版 {current}）がこの PlanLink より新しい / database schema version {current} is newer than this PlanLink ({Migrations.Latest}): upgrade PlanLink");
        if (current == Migrations.Latest) return [];

        var applied = new List<int>();
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
            await lockCmd.ExecuteNonQueryAsync(ct);
        try
        {
            await Execute(connection, """
                CREATE SCHEMA IF NOT EXISTS planlink;
                CREATE TABLE IF NOT EXISTS planlink.schema_version (
                  version     integer PRIMARY KEY,
                  description text NOT NULL,
                  applied_at  timestamptz NOT NULL DEFAULT now(),
                  applied_by  text NOT NULL DEFAULT session_user);
                """, ct);
            current = await CurrentVersionAsync(connection, ct);
            foreach (var migration in Migrations.All.Where(m => m.Version > current))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, migration.Sql, ct);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO planlink.schema_version (version, description) VALUES ($1, $2)", connection))
                {
                    record.Parameters.Add(new() { Value = migration.Version });
                    record.Parameters.Add(new() { Value = migration.Description });
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                applied.Add(migration.Version);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new StoreException($"スキーマを更新する権限がありません / not allowed to create or upgrade the schema (needs the owner, see docs/postgresql.md): {e.MessageText}", e);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        return applied;
    }

    /// <summary>The highest applied version; 0 for an empty database.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('planlink.schema_version') IS NULL THEN 0 ELSE -1 END", connection);
        var exists = (int)(await cmd.ExecuteScalarAsync(ct))! != 0;
        if (!exists) return 0;
        await using var max = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM planlink.schema_version", connection);
        return (int)(await max.ExecuteScalarAsync(ct))!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
