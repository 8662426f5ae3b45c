using System.Globalization;
using PlanLink.Analytics.Targets;

namespace PlanLink.Tests.Reports;

/// <summary>plan-targets.xlsx: the sheets, headers and frozen header a planner expects, and values that are
/// exactly the published plan_targets cells of figures.csv (so the k rule holds in the workbook too).</summary>
[Collection(ReportRunsCollection.Name)]
public class PlanTargetWorkbookTests(ReportRuns runs)
{
    private string Workbook => Path.Combine(runs.Region, "plan-targets.xlsx");

    [Fact]
    public void Workbook_HasOneSheetPerLevel_JapaneseHeaders_FrozenHeaderRow()
    {
        var values = WorkbookReader.Values(Workbook);
        Assert.Equal(["市町村", "圏域", "都道府県", "説明"], values.Keys);
        var header = values["都道府県"][0];
        Assert.Equal(["地域コード", "地域名", "サービス種類", "指標", "単位"], header[..5]);
        foreach (var h in new[] { "見込量 R9（2027年度）", "見込量 R10（2028年度）", "見込量 R11（2029年度）", "80%区間 下限 R9", "成長率法 R11", "うち未充足（R8Q2末）", "予測方法", "前提" })
            Assert.Contains(h, header);
        Assert.Contains(header, h => h.StartsWith("実績 R", StringComparison.Ordinal));
        foreach (var sheet in new[] { "市町村", "圏域", "都道府県" })
        {
            Assert.True(WorkbookReader.HeaderFrozen(Workbook, sheet), $"{sheet}: header row not frozen");
            Assert.True(values[sheet].Count > 1, $"{sheet}: no rows");
        }
        Assert.Contains(values["説明"], r => r[0] == "データ" && r[1].Contains("合成データ"));
    }

    [Fact]
    public void WorkbookValues_EqualFiguresCsv_SuppressedAsDash()
    {
        var figures = FigureRow.Read(runs.Region).Where(f => f.Table == PlanTargets.TableId)
            .ToDictionary(f => (f.AreaCode, f.Breakdown, f.Category, f.Measure));
        var values = WorkbookReader.Values(Workbook);
        var checkedCells = 0;
        var suppressed = 0;
        foreach (var sheet in new[] { "市町村", "圏域", "都道府県" })
        {
            var header = values[sheet][0];
            foreach (var row in values[sheet].Skip(1))
            {
                var measure = row[3] == "利用者数" ? "persons" : "volume";
                for (var c = 5; c < header.Length; c++)
                {
                    if (Key(header[c], measure) is not { } key) continue;
                    if (!figures.TryGetValue((row[0], key.Breakdown, row[2], key.Measure), out var figure))
                    {
                        Assert.Equal("", row[c]); // a year before the service's series began
                        continue;
                    }
                    if (figure.Suppressed) { Assert.Equal("-", row[c]); suppressed++; }
                    else Assert.Equal(figure.Number, decimal.Parse(row[c], CultureInfo.InvariantCulture));
                    checkedCells++;
                }
            }
        }
        Assert.True(checkedCells > 500, $"{checkedCells} cells checked");
        Assert.True(suppressed > 0, "the municipality sheet of a 2,000-person sample must have suppressed cells");
    }

    [Fact]
    public void TargetsCsv_HoldsTheWorkbookRows()
    {
        var values = WorkbookReader.Values(Workbook);
        var csv = File.ReadAllLines(Path.Combine(runs.Region, "plan-targets.csv")).Select(l => l.Split(',')).ToList();
        Assert.Equal(["区分", .. values["市町村"][0][..5]], csv[0][..6]);
        var sheetRows = new[] { "市町村", "圏域", "都道府県" }.SelectMany(s => values[s].Skip(1).Select(r => (Sheet: s, Row: r))).ToList();
        Assert.Equal(sheetRows.Count, csv.Count - 1);
        for (var i = 0; i < sheetRows.Count; i++)
        {
            Assert.Equal(sheetRows[i].Sheet, csv[i + 1][0]);
            for (var c = 0; c < 5 + 3; c++) // labels and the first numbers; the free text may hold commas
            {
                var (a, b) = (sheetRows[i].Row[c], csv[i + 1][c + 1]);
                if (decimal.TryParse(a, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, CultureInfo.InvariantCulture, out var y)) Assert.Equal(x, y);
                else Assert.Equal(a, b);
            }
        }
    }

    [Fact]
    public void PersonTargets_BelowK_AreNeverShown()
    {
        foreach (var f in FigureRow.Read(runs.Region).Where(f => f.Table == PlanTargets.TableId && f.Unit == "persons" && !f.Suppressed
                                                                 && f.Measure is "persons" or "persons_actual"))
            Assert.True(f.Number == 0 || f.Number >= 10, $"{f.AreaName} {f.Category} {f.Breakdown} {f.Measure} = {f.Value}");
    }

    [Fact]
    public void Targets_WithDefaultPhaseIn_AddAllUnmetInFy2027()
    {
        // 見込量 = forecast + unmet: at the prefecture, where nothing is hidden, the 2027 target is at least the unmet persons.
        var figures = FigureRow.Read(runs.Region).Where(f => f.Table == PlanTargets.TableId && f.Level == "prefecture").ToList();
        foreach (var unmet in figures.Where(f => f.Breakdown == PlanTargets.UnmetBreakdown && f.Measure == "persons" && f.Number > 0))
        {
            var target = figures.Single(f => f.Breakdown == "fy2027" && f.Category == unmet.Category && f.Measure == "persons");
            Assert.True(target.Number >= unmet.Number, $"{unmet.Category}: target {target.Value} < unmet {unmet.Value}");
        }
    }

    /// <summary>The figures.csv breakdown and measure of a workbook column, or null for a text column.</summary>
    private static (string Breakdown, string Measure)? Key(string header, string measure)
    {
        var fy = header.Contains('（') ? header[(header.IndexOf('（') + 1)..].TrimEnd('）').Replace("年度", "") : null;
        int Reiwa() => int.Parse(header[(header.LastIndexOf('R') + 1)..], CultureInfo.InvariantCulture) + 2018;
        if (header.StartsWith("実績", StringComparison.Ordinal)) return ($"fy{fy}", measure + "_actual");
        if (header.StartsWith("見込量", StringComparison.Ordinal)) return ($"fy{fy}", measure);
        if (header.StartsWith("80%区間 下限", StringComparison.Ordinal)) return ($"fy{Reiwa()}", measure + "_lower");
        if (header.StartsWith("80%区間 上限", StringComparison.Ordinal)) return ($"fy{Reiwa()}", measure + "_upper");
        if (header.StartsWith("成長率法", StringComparison.Ordinal)) return ($"fy{Reiwa()}", measure + "_growth_rate");
        if (header.StartsWith("うち未充足", StringComparison.Ordinal)) return (PlanTargets.UnmetBreakdown, measure);
        return null;
    }
}
