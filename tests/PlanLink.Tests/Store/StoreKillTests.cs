using PlanLink.Tests.Support;
using System.Diagnostics;
using Npgsql;
using PlanLink.Ingest.Store;

namespace PlanLink.Tests;

/// <summary>A killed import leaves nothing behind: the planlink process is killed while its COPY runs, the server
/// rolls the batch's transaction back, and the next import of the same files succeeds.</summary>
public sealed class StoreKillTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    [DbFact]
    public async Task ImportProcess_KilledMidCopy_RowCountsUnchangedAndNextImportSucceeds()
    {
        using var temp = new TempFolder();
        var small = StoreTestData.Write(temp.Path, "b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 5));
        await using (var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Importer))
            await PlanStore.ImportAsync(c, BatchSource.Open(small), "before the kill");
        // 20,000 plans × 2 needs × 5 status rows = 200,000 plan_services rows.
        var large = StoreTestData.Write(temp.Path, "a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 20_000, servicesPerNeed: 5));
        var before = await db.AllCountsAsync();

        var planlink = Path.Combine(AppContext.BaseDirectory, "planlink.dll");
        Assert.True(File.Exists(planlink), $"built CLI not found: {planlink}");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { planlink, "import", "--input", large, "--db", db.ConnectionString, "--out", temp.Path })
            psi.ArgumentList.Add(a);
        using var child = Process.Start(psi)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();

        var copyingPid = await WaitForCopyAsync(child, TimeSpan.FromSeconds(60));
        if (copyingPid is null)
            Assert.Fail($"the import finished (exit {(child.HasExited ? child.ExitCode : -1)}) before a COPY was seen: {await stdout} {await stderr}");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        await WaitForBackendGoneAsync(copyingPid.Value, TimeSpan.FromSeconds(20));

        Assert.NotEqual(0, child.ExitCode); // killed, not finished
        Assert.Equal(before, await db.AllCountsAsync());

        await using (var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Importer))
        {
            var outcome = await PlanStore.ImportAsync(c, BatchSource.Open(large), "after the kill");
            Assert.Equal(ImportStatus.Imported, outcome.Status);
        }
        Assert.Equal(20_005, await db.CountAsync("plan"));
        Assert.Equal(200_000 + 5 * 2 * 2, await db.CountAsync("plan_service"));
        Assert.Equal(2, await db.CountAsync("import_batch"));
    }

    /// <summary>Polls pg_stat_activity for a COPY into plan, plan_need or plan_service (the long ones, well before the
    /// commit) from another backend; returns its pid.</summary>
    private async Task<int?> WaitForCopyAsync(Process child, TimeSpan timeout)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE 'COPY planlink.plan%'
            LIMIT 1
            """, c);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !child.HasExited)
        {
            await using var r = await cmd.ExecuteReaderAsync();
            if (await r.ReadAsync()) return r.GetInt32(0);
            await Task.Delay(5);
        }
        return null;
    }

    private async Task WaitForBackendGoneAsync(int pid, TimeSpan timeout)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", c);
        cmd.Parameters.Add(new() { Value = pid });
        var clock = Stopwatch.StartNew();
        while ((long)(await cmd.ExecuteScalarAsync())! > 0)
        {
            Assert.True(clock.Elapsed < timeout, "the killed import's backend is still there");
            await Task.Delay(20);
        }
    }
}
