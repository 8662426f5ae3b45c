using PlanLink.Tests.Support;
using PlanLink.Analytics.Periods;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Store;

namespace PlanLink.Tests;

/// <summary>How an export folder becomes a batch: folder discovery, batch key, period and content hash (no database).</summary>
public sealed class StoreBatchSourceTests
{
    [Fact]
    public void FiscalQuarterOf_EveryDayOfTwoYears_AgreesWithAnalyticsFiscalQuarter()
    {
        for (var d = new DateOnly(2025, 1, 1); d < new DateOnly(2027, 1, 1); d = d.AddDays(1))
        {
            var expected = FiscalQuarter.Of(d);
            Assert.Equal((expected.FiscalYear, expected.Quarter), BatchSource.FiscalQuarterOf(d));
        }
    }

    [Fact]
    public void FindBatchFolders_RootOfOfficeFolders_OneBatchPerOffice()
    {
        using var temp = new TempFolder();
        var a = StoreTestData.Write(Path.Combine(temp.Path, "2026Q1"), "office-a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 2));
        var b = StoreTestData.Write(Path.Combine(temp.Path, "2026Q1"), "office-b", StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 2));

        Assert.Equal([a, b], BatchSource.FindBatchFolders([temp.Path]));
        Assert.Equal([a], BatchSource.FindBatchFolders([a]));
    }

    [Fact]
    public void Open_ExportOfTwoOffices_KeyIsTheSortedSetAndPeriodTheLatestQuarter()
    {
        using var temp = new TempFolder();
        var a = StoreTestData.Export(StoreTestData.OfficeB, StoreTestData.CityB, "B", 3);
        var b = StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 3);
        var late = a.Monitoring[0] with { MonitoringDate = new DateOnly(2026, 10, 2) }; // 2026Q3
        var both = a with
        {
            Plans = [.. a.Plans, .. b.Plans], Needs = [.. a.Needs, .. b.Needs], Services = [.. a.Services, .. b.Services],
            Monitoring = [late, .. a.Monitoring.Skip(1), .. b.Monitoring],
        };
        var folder = StoreTestData.Write(temp.Path, "joint", both);

        var batch = BatchSource.Open(folder);

        Assert.Equal($"{StoreTestData.OfficeA}+{StoreTestData.OfficeB}", batch.BatchKey);
        Assert.Equal("2026Q3", batch.PeriodText);
        Assert.Empty(batch.Read.Errors);
    }

    [Fact]
    public void Open_SameFilesInAnotherFolder_SameContentHash_ChangedFile_DifferentHash()
    {
        using var temp = new TempFolder();
        var data = StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 3);
        var one = BatchSource.Open(StoreTestData.Write(temp.Path, "one", data));
        var two = BatchSource.Open(StoreTestData.Write(temp.Path, "two", data));
        var changed = BatchSource.Open(StoreTestData.Write(temp.Path, "three",
            data with { Plans = [data.Plans[0] with { Wishes = "変更" }, .. data.Plans.Skip(1)] }));

        Assert.Equal(one.ContentSha256, two.ContentSha256);
        Assert.NotEqual(one.ContentSha256, changed.ContentSha256);
        Assert.Equal(8, one.Files.Count);
        Assert.Equal(3, one.Files.Single(f => f.FileName == "plans.csv").RowsAccepted);
    }

    [Fact]
    public void Open_ReferenceDataOnly_ReferenceKeyWithoutPeriod()
    {
        using var temp = new TempFolder();
        var folder = StoreTestData.Write(temp.Path, "ref", PlanDataset.Empty with
        {
            Offices = StoreTestData.Offices, Municipalities = StoreTestData.Municipalities,
        });

        var batch = BatchSource.Open(folder);

        Assert.Equal(BatchSource.ReferenceKey, batch.BatchKey);
        Assert.Null(batch.PeriodText);
    }
}
