using PlanLink.Host.Serve;

namespace PlanLink.Tests.Host;

/// <summary>One pass of the worker without a database: exports go to the embedded store folder.</summary>
public sealed class ServeEmbeddedTests
{
    // 2026-07-20: 2026Q1 (April–June) ended 20 days ago, more than ReportAfterDays = 14.
    private static readonly DateTimeOffset AfterQ1Closed = new(2026, 7, 20, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunOnce_TwoExportsAndALooseFile_StoredMovedRejectedAndQuarterReported()
    {
        using var box = new ServeTestInbox();
        box.Drop("office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 12));
        box.Drop("office-b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 12));
        box.DropLooseFile();
        var store = new FolderExportStore(box.Options.Store);
        var processor = box.Processor(store, new TestClock(AfterQ1Closed));

        var pass = await processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(["office-a", "office-b"], pass.Imported);
        Assert.Equal(["plans.csv"], pass.Rejected);
        Assert.Empty(box.Names(box.Inbox));
        Assert.Equal(["office-a", "office-b"], box.Names(box.Options.Processed));
        Assert.Equal(["errors.csv", "plans.csv"], box.Names(Path.Combine(box.Options.Rejected, "plans.csv")));
        Assert.Contains("put each office export in the inbox as a folder", File.ReadAllText(Path.Combine(box.Options.Rejected, "plans.csv", "errors.csv")));
        Assert.Equal(2, Directory.GetDirectories(store.Current).Length);
        var report = Assert.Single(pass.Reports);
        Assert.Equal("2026-07-20_2026Q1", Path.GetFileName(report));
        Assert.True(File.Exists(Path.Combine(report, "report.html")));
        Assert.True(processor.ReportExists(new(2026, 1)));

        // The same exports sent again: already stored, nothing added; the quarter's report is not written twice.
        box.Drop("office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 12));
        var again = await processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(["office-a"], again.Imported);
        Assert.Empty(again.Reports);
        Assert.Equal(2, Directory.GetDirectories(store.Current).Length);
        Assert.Equal(["office-a", "office-a.2", "office-b"], box.Names(box.Options.Processed));
    }

    [Fact]
    public async Task RunOnce_TriggerFile_WritesThatQuarterOnDemandAndRemovesTheTrigger()
    {
        using var box = new ServeTestInbox();
        box.Drop("office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 12));
        box.Trigger("REPORT-2026Q1");
        // 2026-06-01: 2026Q1 is not closed yet, so only the trigger asks for its report.
        var processor = box.Processor(new FolderExportStore(box.Options.Store), new TestClock(new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        // The scheduled report of FY2025Q4 has no data: refused once, logged, not retried every pass.
        var pass = await processor.RunOnceAsync(CancellationToken.None);

        var report = Assert.Single(pass.Reports);
        Assert.Equal("2026-06-01_2026Q1_on-demand", Path.GetFileName(report));
        Assert.Empty(box.Names(box.Inbox));
        Assert.False(processor.ReportExists(new(2026, 1))); // on demand is not the scheduled close
    }

    [Fact]
    public async Task RunOnce_TriggerForAQuarterBeforeTheData_TriggerRejectedWithTheReason()
    {
        using var box = new ServeTestInbox();
        box.Drop("office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 12));
        box.Trigger("REPORT-2024Q1");
        var processor = box.Processor(new FolderExportStore(box.Options.Store), new TestClock(new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));

        var pass = await processor.RunOnceAsync(CancellationToken.None);

        Assert.Empty(pass.Reports);
        Assert.Empty(box.Names(box.Inbox));
        var errors = File.ReadAllText(Path.Combine(box.Options.Rejected, "REPORT-2024Q1", "errors.csv"));
        Assert.Contains("no plan dated on or before the end of 2024Q1", errors);
    }

    [Theory]
    [InlineData("REPORT", true, null)]
    [InlineData("report-2026q2.txt", true, "2026Q2")]
    [InlineData("REPORT-2026Q5", false, null)]
    [InlineData("REPORTS", false, null)]
    public void TryParseTrigger_Names(string name, bool isTrigger, string? quarter)
    {
        Assert.Equal(isTrigger, InboxProcessor.TryParseTrigger(name, out var q));
        Assert.Equal(quarter, q?.ToString());
    }

    [Fact]
    public async Task RunOnce_ExportWithAnIdentifier_RejectedWithErrorsCsvAndNotStored()
    {
        using var box = new ServeTestInbox();
        var data = StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 3);
        var folder = box.Drop("office-a", data);
        File.AppendAllText(Path.Combine(folder, "plans.csv"), "");
        var plans = File.ReadAllLines(Path.Combine(folder, "plans.csv"));
        plans[1] = plans[1].Replace("一人で暮らしたい", "電話 090-1234-5678 一人で暮らしたい");
        File.WriteAllLines(Path.Combine(folder, "plans.csv"), plans);
        var store = new FolderExportStore(box.Options.Store);

        var pass = await box.Processor(store, new TestClock(new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))).RunOnceAsync(CancellationToken.None);

        Assert.Equal(["office-a"], pass.Rejected);
        var errors = File.ReadAllText(Path.Combine(box.Options.Rejected, "office-a", "errors.csv"));
        Assert.DoesNotContain("090-1234-5678", errors);
        Assert.False(Directory.Exists(store.Current) && Directory.GetDirectories(store.Current).Length > 0);
    }

    [Fact]
    public async Task RunOnce_ExportStillBeingWritten_Waits()
    {
        using var box = new ServeTestInbox();
        box.Options.QuietSeconds = 60;
        var folder = Path.Combine(box.Inbox, "office-a");
        StoreTestData.Write(box.Inbox, "office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 3));
        var processor = box.Processor(new FolderExportStore(box.Options.Store), new TestClock(DateTimeOffset.UtcNow));

        var pass = await processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Waiting);
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public void Backoff_DoublesFromPollUpToTheMaximum()
    {
        var o = new ServeOptions { PollSeconds = 10, MaxRetrySeconds = 300 };
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], Enumerable.Range(1, 7).Select(n => InboxWorker.Backoff(n, o).TotalSeconds));
    }
}

public sealed class FolderExportStoreTests
{
    [Fact]
    public void Safe_RegionWideKey_ShortStableName()
    {
        var key = string.Join('+', Enumerable.Range(1, 30).Select(i => $"47100000{i:00}"));

        var name = FolderExportStore.Safe(key);

        Assert.StartsWith("4710000001+29more-", name);
        Assert.True(name.Length < 40);
        Assert.Equal(name, FolderExportStore.Safe(key));
        Assert.Equal("1310100011+1310200022", FolderExportStore.Safe("1310100011+1310200022"));
    }
}
