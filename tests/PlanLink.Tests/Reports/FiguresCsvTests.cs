using System.Globalization;
using CsvHelper;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Targets;
using PlanLink.Reports.Output;
using PlanLink.Tests.Analytics;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Reports;

/// <summary>figures.csv is streamed (trends published quarter by quarter into part files, rows formatted
/// straight to UTF-8); it must be byte for byte what holding every published table and writing it with
/// CsvHelper gave.</summary>
[Collection(ReportRunsCollection.Name)]
public class FiguresCsvTests(ReportRuns runs)
{
    [Fact]
    public void StreamedFiguresCsv_EqualsEveryTablePublishedWholeAndWrittenWithCsvHelper()
    {
        var analysis = QuarterlyAnalysis.Compute(SampleRegion.Read.Dataset, new FiscalQuarter(2026, 2));
        var areas = analysis.Snapshot.Index.Areas;
        PublishedTable Publish(ResultTable t) => DisclosureControl.Publish(t, new DisclosureRules(), areas, categoriesAdd: false);

        var quarters = analysis.History.Select(analysis.Trend).ToList();
        var trends = quarters[0].Tables.Select((first, t) =>
        {
            var whole = Publish(new ResultTable(first.Id, first.Title, quarters.SelectMany(q => q.Tables[t].Cells).ToList()));
            return first.Id.EndsWith("_summary", StringComparison.Ordinal) ? TrendChanges.WithChanges(whole) : whole;
        });
        var usage = new ServiceUsageSeries(analysis.History);
        foreach (var q in quarters) usage.Add(q.Quarter, q.InUse);
        var targets = PlanTargets.Compute(areas, usage, ServiceUsageSeries.Unmet(analysis.Snapshot), UnmetPhaseIn.Default);
        var published = analysis.Tables.Select(Publish).Concat(trends).Append(Publish(PlanTargets.ToTable(targets, areas, analysis.Quarter)));

        using var folder = new TempFolder();
        var expected = Path.Combine(folder.Path, "figures.csv");
        WriteWithCsvHelper(expected, published);
        Assert.Equal(0, runs.RegionExit);
        Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(runs.Region, "figures.csv"))),
            "figures.csv differs from the tables published whole");
        Assert.False(Directory.Exists(Path.Combine(runs.Region, "figures.csv.parts")), "part files left behind");
    }

    [Fact]
    public void Rows_QuoteAndFormatValuesAsCsvHelperAndDecimalToStringDo()
    {
        var areas = new AreaHierarchy([]);
        var t = new TableBuilder("t", "t", areas, new FiscalQuarter(2026, 2));
        decimal[] values = [0, -0m, 1, -1, 0.5m, -0.5m, 0.001m, -0.004m, 0.005m, -0.005m, 2.005m, 12.345m, 99.995m, -99.995m, 5.10m,
            1234567.891m, 123456789012345m, 9999999999999999.99m, -79228162514264337593543950335m, 79228162514264337593543950335m, 0.0000001m];
        for (var i = 0; i < values.Length; i++)
            t.AddDerived(AreaLevel.Prefecture, i % 2 == 0 ? $"P{i}" : $"P,\"{i}\"", "b,d", i % 3 == 0 ? "計" : "line\nbreak", "m", MeasureUnit.Ratio, values[i], null);
        var table = DisclosureControl.Publish(t.Build(), new DisclosureRules(), areas, categoriesAdd: false);
        Assert.All(table.Cells, c => Assert.False(c.Suppressed));

        using var folder = new TempFolder();
        var expected = Path.Combine(folder.Path, "expected.csv");
        var actual = Path.Combine(folder.Path, "actual.csv");
        WriteWithCsvHelper(expected, [table]);
        using (var figures = FiguresCsv.Create(actual)) figures.Write(table);
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(actual));
    }

    /// <summary>figures.csv as it was written before streaming: every table in memory, through CsvHelper.</summary>
    private static void WriteWithCsvHelper(string path, IEnumerable<PublishedTable> tables)
    {
        using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default with { WriteByteOrderMark = true, NewLine = "\n" });
        foreach (var h in FiguresCsv.Header) csv.WriteField(h);
        csv.EndRecord();
        foreach (var table in tables)
        foreach (var c in table.Cells)
        {
            foreach (var field in new[] { table.Id, c.Level.Code(), c.AreaCode, c.AreaName, c.Period.ToString(), c.Breakdown, c.Category, c.Measure,
                         c.Unit.Code(), c.Value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "", c.Suppressed ? "true" : "false" })
                csv.WriteField(field);
            csv.EndRecord();
        }
    }
}
