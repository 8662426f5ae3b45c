using PlanLink.Tests.Support;
using Npgsql;
using PlanLink.Ingest.Store;

namespace PlanLink.Tests;

/// <summary>Least privilege: the reporter reads aggregates only, the importer only adds batches, the analyst reads
/// the current micro views. Asserted by SQLSTATE 42501 (insufficient_privilege), not by message text.</summary>
public sealed class StoreRoleTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    private static readonly string[] PersonLevel =
    [
        "plan", "plan_need", "plan_service", "support_plan", "support_goal", "monitoring",
        "plan_current", "plan_need_current", "plan_service_current", "support_plan_current", "support_goal_current",
        "monitoring_current", "meso_office_summary",
    ];

    private async Task SeedAsync()
    {
        using var temp = new TempFolder();
        var folder = StoreTestData.Write(temp.Path, "a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 3));
        await using var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Importer);
        await PlanStore.ImportAsync(c, BatchSource.Open(folder), "role test");
    }

    private static async Task<PostgresException> DeniedAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
    }

    private static async Task<long> CountAsync(NpgsqlConnection c, string relation)
    {
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM planlink.{relation}", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [DbFact]
    public async Task Reporter_SelectPersonLevelRows_InsufficientPrivilege()
    {
        await SeedAsync();
        await using var reporter = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Reporter);

        foreach (var relation in PersonLevel)
        {
            var e = await DeniedAsync(reporter, $"SELECT * FROM planlink.{relation}");
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
        Assert.True(await CountAsync(reporter, "agg_plans_by_municipality_quarter") > 0);
        Assert.True(await CountAsync(reporter, "agg_service_status_by_municipality") > 0);
        Assert.Equal(2, await CountAsync(reporter, "municipality"));
    }

    [DbFact]
    public async Task Reporter_LoadDataset_InsufficientPrivilege()
    {
        await SeedAsync();
        await using var reporter = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Reporter);

        var e = await Assert.ThrowsAsync<PostgresException>(() => PlanStore.LoadAsync(reporter, null, null));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
    }

    [DbFact]
    public async Task Importer_ReadOrChangePersonRowsOrLedger_InsufficientPrivilege()
    {
        await SeedAsync();
        await using var importer = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Importer);

        string[] denied =
        [
            "SELECT * FROM planlink.plan", "SELECT * FROM planlink.plan_current", "DELETE FROM planlink.plan",
            "DELETE FROM planlink.import_batch", "UPDATE planlink.import_batch SET command = 'x'",
            "TRUNCATE planlink.plan_service", "DROP TABLE planlink.monitoring",
        ];
        foreach (var sql in denied)
        {
            var e = await DeniedAsync(importer, sql);
            Assert.Contains(e.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege, "42501" });
        }
    }

    [DbFact]
    public async Task Analyst_CurrentMicroViews_ReadableButNotTheAuditTables()
    {
        await SeedAsync();
        await using var analyst = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Analyst);

        Assert.Equal(3, await CountAsync(analyst, "plan_current"));
        Assert.Equal(1, await CountAsync(analyst, "meso_office_summary"));
        Assert.Single(await PlanStore.ListBatchesAsync(analyst));
        var e = await DeniedAsync(analyst, "SELECT * FROM planlink.plan");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        var write = await DeniedAsync(analyst, "INSERT INTO planlink.import_file VALUES (1, 'x', repeat('0', 64), 0, 0, 0, 0)");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, write.SqlState);
    }

    [DbFact]
    public async Task Connect_Twice_MigratesOnceAndRecordsSchemaVersion()
    {
        await using (await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Owner)) { }
        await using var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Owner);

        Assert.Equal(Migrations.Latest, await SchemaMigrator.CurrentVersionAsync(c));
        Assert.Empty(await SchemaMigrator.MigrateAsync(c));
        Assert.Equal(Migrations.All.Count, await CountAsync(c, "schema_version"));
    }
}
