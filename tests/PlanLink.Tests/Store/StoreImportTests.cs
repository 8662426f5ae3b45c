using PlanLink.Tests.Support;
using Npgsql;
using PlanLink.Host;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Store;

namespace PlanLink.Tests;

/// <summary>Import and load against a real PostgreSQL: what goes in through COPY comes back record by record as
/// ContractReader reads the same files; re-imports, supersession, refusals and concurrent imports.</summary>
public sealed class StoreImportTests(StoreDatabase db) : IClassFixture<StoreDatabase>, IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    public async Task InitializeAsync()
    {
        if (TestServer.SkipReason is not null) return;
        // Every test starts from an empty store: the class shares one database.
        await using var c = await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("DROP SCHEMA IF EXISTS planlink CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private async Task<ImportOutcome> ImportAsync(string folder)
    {
        await using var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Importer);
        return await PlanStore.ImportAsync(c, BatchSource.Open(folder), "test");
    }

    private static void AssertSameRecords(PlanDataset expected, PlanDataset actual)
    {
        AssertList(expected.Plans, actual.Plans);
        AssertList(expected.Needs, actual.Needs);
        AssertList(expected.Services, actual.Services);
        AssertList(expected.SupportPlans, actual.SupportPlans);
        AssertList(expected.SupportGoals, actual.SupportGoals);
        AssertList(expected.Monitoring, actual.Monitoring);
        AssertList(expected.Offices, actual.Offices);
        AssertList(expected.Municipalities, actual.Municipalities);
        Assert.Equal(expected.IsSynthetic, actual.IsSynthetic);
    }

    private static void AssertList<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    private static PlanDataset ReadCsv(params string[] folders)
    {
        var read = ContractReader.ReadFolders(folders);
        Assert.Empty(read.Errors);
        return PlanStore.Canonical(read.Dataset);
    }

    [DbFact]
    public async Task ImportThenLoad_TwoOffices_EqualsContractReaderRecordByRecord()
    {
        var a = StoreTestData.Write(_temp.Path, "a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 40));
        var b = StoreTestData.Write(_temp.Path, "b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 25));
        File.WriteAllText(Path.Combine(b, ContractReader.SyntheticMarker), "合成データ");

        var first = await ImportAsync(a);
        var second = await ImportAsync(b);

        Assert.Equal(ImportStatus.Imported, first.Status);
        Assert.Equal(StoreTestData.OfficeA, first.Batch.BatchKey);
        Assert.Equal("2026Q1", first.Batch.Period);
        Assert.Equal(40, first.Batch.Rows.Plans);
        Assert.Equal(8, first.Batch.Files.Count);
        Assert.All(first.Batch.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Equal(3, first.NewOfficeVersions);
        Assert.Equal(0, second.NewOfficeVersions); // the same reference data again adds no version
        var loaded = await PlanStore.LoadAsync(db.ConnectionString);
        AssertSameRecords(ReadCsv(a, b), loaded);
        Assert.True(loaded.IsSynthetic);
    }

    [DbFact]
    public async Task Load_FilteredByDateAndMunicipality_MatchesTheSameFilterInMemory()
    {
        var a = StoreTestData.Write(_temp.Path, "a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 30));
        var b = StoreTestData.Write(_temp.Path, "b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 30));
        await ImportAsync(a);
        await ImportAsync(b);
        var upTo = new DateOnly(2026, 4, 15);

        var loaded = await PlanStore.LoadAsync(db.ConnectionString, upTo, [StoreTestData.CityA]);

        // The documented filter, applied by hand to the CSV read.
        var all = ReadCsv(a, b);
        var plans = all.Plans.Where(p => p.PlanDate <= upTo && p.MunicipalityCode == StoreTestData.CityA).ToList();
        var ids = plans.Select(p => p.PlanId).ToHashSet();
        var persons = plans.Select(p => p.PersonKey).ToHashSet();
        var supportPlans = all.SupportPlans.Where(s => s.PlanDate <= upTo && persons.Contains(s.PersonKey)).ToList();
        var spIds = supportPlans.Select(s => s.SupportPlanId).ToHashSet();
        var expected = all with
        {
            Plans = plans,
            Needs = all.Needs.Where(n => ids.Contains(n.PlanId)).ToList(),
            Services = all.Services.Where(s => ids.Contains(s.PlanId) && s.Since <= upTo).ToList(),
            SupportPlans = supportPlans,
            SupportGoals = all.SupportGoals.Where(g => spIds.Contains(g.SupportPlanId)).ToList(),
            Monitoring = all.Monitoring.Where(m => ids.Contains(m.PlanId) && m.MonitoringDate <= upTo).ToList(),
            Offices = all.Offices.Where(o => o.MunicipalityCode == StoreTestData.CityA && (o.Opened is null || o.Opened <= upTo)).ToList(),
            Municipalities = all.Municipalities.Where(m => m.Code == StoreTestData.CityA).ToList(),
        };
        Assert.NotEmpty(expected.Plans);
        Assert.True(expected.Plans.Count < all.Plans.Count);
        AssertSameRecords(expected, loaded);
    }

    [DbFact]
    public async Task Import_SameFilesAgain_IsANoOpThatSaysSo()
    {
        var data = StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 10);
        var a = StoreTestData.Write(_temp.Path, "a", data);
        var copy = StoreTestData.Write(_temp.Path, "copy-elsewhere", data);
        var first = await ImportAsync(a);
        var before = await db.AllCountsAsync();

        var again = await ImportAsync(a);
        var elsewhere = await ImportAsync(copy);

        Assert.Equal(ImportStatus.AlreadyImported, again.Status);
        Assert.Equal(ImportStatus.AlreadyImported, elsewhere.Status);
        Assert.Equal(first.Batch.BatchId, again.Batch.BatchId);
        Assert.Contains("already imported", again.Describe());
        Assert.Equal(before, await db.AllCountsAsync());
    }

    [DbFact]
    public async Task Import_NewerExportOfSameOfficeAndPeriod_SupersedesOlderKeptInLedger()
    {
        var v1 = StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 12);
        // The corrected export: plan 1 dropped, plan 2's wishes changed, one more plan.
        var v2Full = StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 13);
        var dropped = "A-P00001";
        var v2 = v2Full with
        {
            Plans = v2Full.Plans.Where(p => p.PlanId != dropped)
                .Select(p => p.PlanId == "A-P00002" ? p with { Wishes = "訂正: 一人暮らしの練習をしたい" } : p).ToList(),
            Needs = v2Full.Needs.Where(n => n.PlanId != dropped).ToList(),
            Services = v2Full.Services.Where(s => s.PlanId != dropped).ToList(),
            Monitoring = v2Full.Monitoring.Where(m => m.PlanId != dropped).ToList(),
        };
        var other = StoreTestData.Write(_temp.Path, "b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 5));
        var f1 = StoreTestData.Write(_temp.Path, "a-v1", v1);
        var f2 = StoreTestData.Write(_temp.Path, "a-v2", v2);
        await ImportAsync(other);
        var old = await ImportAsync(f1);

        var newer = await ImportAsync(f2);

        Assert.Equal([old.Batch.BatchId], newer.Superseded);
        Assert.Contains("supersedes", newer.Describe());
        var loaded = await PlanStore.LoadAsync(db.ConnectionString);
        AssertSameRecords(ReadCsv(other, f2), loaded);
        Assert.DoesNotContain(loaded.Plans, p => p.PlanId == dropped);
        Assert.Equal("訂正: 一人暮らしの練習をしたい", loaded.Plans.Single(p => p.PlanId == "A-P00002").Wishes);

        await using var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Importer);
        var ledger = await PlanStore.ListBatchesAsync(c);
        Assert.Equal(3, ledger.Count);
        Assert.Equal(newer.Batch.BatchId, ledger.Single(b => b.BatchId == old.Batch.BatchId).SupersededBy);
        Assert.Null(ledger.Single(b => b.BatchId == newer.Batch.BatchId).SupersededBy);
        Assert.Equal(12 + 12 + 5, await db.CountAsync("plan")); // the old rows are kept for audit

        // Re-importing the superseded files changes nothing: the correction stays current.
        Assert.Equal(ImportStatus.AlreadyImported, (await ImportAsync(f1)).Status);
        AssertSameRecords(ReadCsv(other, f2), await PlanStore.LoadAsync(db.ConnectionString));
    }

    [DbFact]
    public async Task Import_TwoOfficesAtTheSameTime_BothLandNothingDuplicated()
    {
        var a = StoreTestData.Write(_temp.Path, "a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 300));
        var b = StoreTestData.Write(_temp.Path, "b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 300));
        await using (await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Owner)) { } // migrate once up front
        var sources = new[] { BatchSource.Open(a), BatchSource.Open(b) };

        var outcomes = await Task.WhenAll(sources.Select(s => Task.Run(async () =>
        {
            await using var c = await StoreConnection.OpenAsync(db.ConnectionString, StoreRole.Importer);
            return await PlanStore.ImportAsync(c, s, "concurrent test");
        })));

        Assert.All(outcomes, o => Assert.Equal(ImportStatus.Imported, o.Status));
        Assert.Equal(2, await db.CountAsync("import_batch"));
        Assert.Equal(600, await db.CountAsync("plan"));
        Assert.Equal(StoreTestData.Offices.Count, await db.CountAsync("office_version"));
        Assert.Equal(StoreTestData.Municipalities.Count, await db.CountAsync("municipality_version"));
        AssertSameRecords(ReadCsv(a, b), await PlanStore.LoadAsync(db.ConnectionString));
    }

    [DbFact]
    public async Task ImportCommand_FolderWithoutContractFiles_RefusedAndWritesNothing()
    {
        var good = StoreTestData.Write(_temp.Path, "good", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 5));
        var empty = Directory.CreateDirectory(Path.Combine(_temp.Path, "empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "readme.txt"), "not an export");
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["import", "--input", good, empty, "--db", db.ConnectionString, "--out", _temp.Path],
            TextWriter.Null, error);
        var missing = await PlanLinkCli.RunAsync(["import", "--input", Path.Combine(_temp.Path, "nope"), "--db", db.ConnectionString, "--out", _temp.Path],
            TextWriter.Null, TextWriter.Null);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal(ExitCodes.Refused, missing);
        Assert.Contains("no contract files", error.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        // The good folder was read and validated too, but nothing reached the database.
        Assert.Equal(0, await db.CountAsync("import_batch"));
        Assert.Equal(0, await db.CountAsync("plan"));
    }

    [DbFact]
    public async Task ImportCommand_IdentifierInOneExport_RefusedAndWritesNothing()
    {
        var good = StoreTestData.Write(_temp.Path, "good", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 5));
        var data = StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 5);
        var leaky = data with { Plans = data.Plans.Select((p, i) => i == 2 ? p with { Wishes = "連絡先 090-1234-5678 まで" } : p).ToList() };
        var bad = StoreTestData.Write(_temp.Path, "bad", leaky);
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["import", "--input", good, bad, "--db", db.ConnectionString, "--out", _temp.Path],
            TextWriter.Null, error);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.DoesNotContain("090-1234-5678", error.ToString());
        Assert.Equal(0, await db.CountAsync("import_batch"));
        Assert.Equal(0, await db.CountAsync("plan"));
    }

    [DbFact]
    public async Task ImportCommand_RowsRejectedByValidation_NotImportedExitOneWithErrorsCsv()
    {
        var data = StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 6);
        var bad = data with { Plans = data.Plans.Select(p => p.PlanId == "A-P00003" ? p with { MunicipalityCode = "131019" } : p).ToList() };
        var folder = StoreTestData.Write(_temp.Path, "a", bad);
        var outDir = Path.Combine(_temp.Path, "out");

        var exit = await PlanLinkCli.RunAsync(["import", "--input", folder, "--db", db.ConnectionString, "--out", outDir],
            TextWriter.Null, TextWriter.Null);

        Assert.Equal(ExitCodes.RowsRejected, exit);
        var errors = File.ReadAllText(Path.Combine(outDir, "errors.csv"));
        Assert.Contains("municipality_code", errors);
        var loaded = await PlanStore.LoadAsync(db.ConnectionString);
        Assert.Equal(5, loaded.Plans.Count);
        Assert.DoesNotContain(loaded.Plans, p => p.PlanId == "A-P00003");
        // Its needs, services and monitoring were rejected with it (no such plan).
        Assert.DoesNotContain(loaded.Needs, n => n.PlanId == "A-P00003");
        await using var owner = await db.OpenAsync();
        var batch = (await PlanStore.ListBatchesAsync(owner)).Single();
        Assert.True(batch.Rows.Rejected > 0);
    }
}
