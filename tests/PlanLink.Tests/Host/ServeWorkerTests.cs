using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PlanLink.Host.Hosting;
using PlanLink.Host.Serve;
using PlanLink.Ingest.Store;

namespace PlanLink.Tests.Host;

/// <summary>`planlink serve` end to end against PostgreSQL: the real hosted service with a short poll interval,
/// two office exports and a bad file, the quarter close, a stop in the middle of an import and a restart.</summary>
public sealed class ServeWorkerTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    private static readonly DateTimeOffset AfterQ1Closed = new(2026, 7, 20, 3, 0, 0, TimeSpan.Zero);
    private const string OfficeC = "1310100077";

    [DbFact]
    public async Task Serve_ExportsBadFileQuarterCloseStopMidImportRestart_NothingLostNothingDoubled()
    {
        using var box = new ServeTestInbox(db.ConnectionString);
        var clock = new TestClock(AfterQ1Closed);
        box.Drop("office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 12));
        box.Drop("office-b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 12));
        box.DropLooseFile();

        // 1. Two exports imported, the loose file rejected, 2026Q1 closed: its report written.
        using (var host = Build(box, clock))
        {
            await host.StartAsync();
            await WaitUntil(() => box.Names(box.Options.Processed).Count == 2 && box.Names(box.Options.Output).Count == 1, "two exports processed and the 2026Q1 report");
            await host.StopAsync();
        }
        Assert.Empty(box.Names(box.Inbox));
        Assert.Equal(["office-a", "office-b"], box.Names(box.Options.Processed));
        Assert.Equal(["plans.csv"], box.Names(box.Options.Rejected));
        Assert.Contains("errors.csv", box.Names(Path.Combine(box.Options.Rejected, "plans.csv")));
        var report = Path.Combine(box.Options.Output, "2026-07-20_2026Q1");
        Assert.True(File.Exists(Path.Combine(report, "report.html")), string.Join(", ", box.Names(box.Options.Output)));
        Assert.Contains("2026Q1", File.ReadAllText(Path.Combine(report, "figures.csv")));
        var ledger = await Ledger();
        Assert.Equal([StoreTestData.OfficeA, StoreTestData.OfficeB], ledger.Select(b => b.BatchKey).Order());
        Assert.All(ledger, b => Assert.Equal("2026Q1", b.Period));
        Assert.All(ledger, b => Assert.Equal(PostgresExportStore.Command, b.Command));
        Assert.Equal(24, await db.CountAsync("plan"));

        // 2. A large export; the host is stopped while its COPY runs: the transaction rolls back, the export stays in the inbox.
        const int large = 6_000;
        box.Drop("office-c", StoreTestData.Export(OfficeC, StoreTestData.CityA, "C", large, servicesPerNeed: 5, withReference: false));
        bool stoppedMidCopy;
        using (var host = Build(box, clock))
        {
            await host.StartAsync();
            stoppedMidCopy = await WaitForCopyAsync(TimeSpan.FromSeconds(30));
            await host.StopAsync();
        }
        var afterStop = await Ledger();
        if (stoppedMidCopy && afterStop.Count == 2)
        {
            Assert.Equal(["office-c"], box.Names(box.Inbox));
            Assert.Equal(24, await db.CountAsync("plan"));
        }
        else
        {
            // The import committed before the stop reached it: then it was moved, exactly once.
            Assert.Equal(3, afterStop.Count);
        }

        // 3. Restart; office-a is sent again unchanged: office-c imported once, office-a is a no-op, nothing doubled.
        box.Drop("office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 12));
        using (var host = Build(box, clock))
        {
            await host.StartAsync();
            await WaitUntil(() => box.Names(box.Inbox).Count == 0, "the inbox emptied after the restart");
            await host.StopAsync();
        }
        Assert.Equal(["office-a", "office-a.2", "office-b", "office-c"], box.Names(box.Options.Processed));
        var final = await Ledger();
        Assert.Equal(3, final.Count);
        Assert.Single(final, b => b.BatchKey == OfficeC);
        Assert.Equal(24 + large, await db.CountAsync("plan"));
        Assert.Equal(24 * 2 * 2 + large * 2 * 5, await db.CountAsync("plan_service"));
        Assert.Single(box.Names(box.Options.Output)); // the closed quarter's report is written once
    }

    private static IHost Build(ServeTestInbox box, TimeProvider clock)
    {
        var builder = PlanLinkConfiguration.CreateBuilder(box.Settings);
        builder.Services.AddSingleton(clock);
        builder.AddPlanLink();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder.Build();
    }

    private async Task<IReadOnlyList<ImportBatch>> Ledger()
    {
        await using var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Owner);
        return (await PlanStore.ListBatchesAsync(c)).Where(b => b.SupersededBy is null).ToList();
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls pg_stat_activity for the worker's COPY into plan, plan_need or plan_service.</summary>
    private async Task<bool> WaitForCopyAsync(TimeSpan timeout)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE 'COPY planlink.plan%'
            """, c);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((long)(await cmd.ExecuteScalarAsync())! > 0) return true;
            await Task.Delay(5);
        }
        return false;
    }
}

/// <summary>The database away: the pass fails as transient (the worker backs off) and the export waits in the inbox.</summary>
public sealed class ServeRetryTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    private static readonly DateTimeOffset AfterQ1Closed = new(2026, 7, 20, 3, 0, 0, TimeSpan.Zero);

    [DbFact]
    public async Task RunOnce_DatabaseUnreachable_ThrowsTransientAndLeavesTheExportInTheInbox()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        using var box = new ServeTestInbox(unreachable);
        box.Drop("office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 3));
        var processor = box.Processor(new PostgresExportStore(unreachable), new TestClock(AfterQ1Closed));

        var e = await Assert.ThrowsAsync<StoreException>(() => processor.RunOnceAsync(CancellationToken.None));

        Assert.True(InboxWorker.IsTransient(e));
        Assert.Equal(["office-a"], box.Names(box.Inbox));
        Assert.Empty(box.Names(box.Options.Processed));
        Assert.Empty(box.Names(box.Options.Rejected));

        // The database is back: the next pass imports it.
        var back = box.Processor(new PostgresExportStore(db.ConnectionString), new TestClock(AfterQ1Closed));
        var pass = await back.RunOnceAsync(CancellationToken.None);
        Assert.Equal(["office-a"], pass.Imported);
    }
}
