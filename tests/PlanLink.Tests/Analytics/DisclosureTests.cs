using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>Disclosure control (domain.md §6): primary suppression, complementary suppression that
/// survives an attack on the totals, and rates that go with their parts.</summary>
public class DisclosureTests
{
    private static readonly string M1 = LocalGovernmentCode.WithCheckDigit("99201");
    private static readonly string M2 = LocalGovernmentCode.WithCheckDigit("99202");
    private static readonly string M3 = LocalGovernmentCode.WithCheckDigit("99203");
    private static readonly string Tiny = LocalGovernmentCode.WithCheckDigit("99301");
    private static readonly string Small = LocalGovernmentCode.WithCheckDigit("99302");

    private static readonly AreaHierarchy Areas = new(
    [
        new Municipality(M1, "一市", "県", "北", 100_000), new Municipality(M2, "二市", "県", "北", 80_000),
        new Municipality(M3, "三市", "県", "北", 60_000), new Municipality(Tiny, "小村", "県", "南", 1_500),
        new Municipality(Small, "小町", "県", "南", 20_000),
    ]);

    private static readonly FiscalQuarter Q = new(2026, 2);

    /// <summary>A one-measure table with the given persons per municipality, summed up the hierarchy.</summary>
    private static ResultTable Persons(params (string Municipality, int Persons)[] values)
    {
        var t = new TableBuilder("test", "test", Areas, Q);
        t.EnsureMacro("total", [Cell.Total], ("persons", MeasureUnit.Persons));
        foreach (var (m, n) in values) t.AddMacro(m, "total", Cell.Total, "persons", MeasureUnit.Persons, n);
        return t.Build();
    }

    private static PublishedCell Cell1(PublishedTable t, string code) => t.Cells.Single(c => c.AreaCode == code);

    [Fact]
    public void Figures_AreTheCells_AsValues_ForPublishedAndJoinedTables()
    {
        // Disclosure control keeps its cells and a suppressed mask; writers read figures from them without PublishedCells.
        var t = DisclosureControl.Publish(Persons((M1, 9), (M2, 1), (M3, 10), (Small, 30)), new DisclosureRules(), Areas, false);
        var joined = PublishedTable.Join(t.Id, t.Title, [t, t]);
        foreach (var table in new[] { t, joined })
        {
            Assert.Equal(table.Cells.Count, table.Count);
            for (var i = 0; i < table.Count; i++)
            {
                var (f, c) = (table.Figure(i), table.Cells[i]);
                Assert.Equal((c.Level, c.AreaCode, c.AreaName, c.Period, c.Breakdown, c.Category, c.Measure, c.Unit, c.Value, c.Suppressed),
                    (f.Level, f.AreaCode, f.AreaName, f.Period, f.Breakdown, f.Category, f.Measure, f.Unit, f.Value, f.Suppressed));
            }
        }
        Assert.Contains(t.Cells, c => c.Suppressed);
        Assert.Same(t.Cells, t.Cells); // made once, on first use
    }

    [Fact]
    public void FindAndAreas_AgreeWithTheCells_WhateverStringInstancesAreAskedWith()
    {
        // The index numbers strings by reference when built, but a lookup may come with an equal string from elsewhere.
        var t = DisclosureControl.Publish(Persons((M1, 9), (M2, 1), (M3, 10), (Small, 30)), new DisclosureRules(), Areas, false);
        var joined = PublishedTable.Join(t.Id, t.Title, [t]);
        foreach (var table in new[] { t, joined })
        {
            foreach (var c in table.Cells)
            {
                var found = table.Find(c.Level, new string(c.AreaCode.AsSpan()), new string(c.Category.AsSpan()), new string(c.Measure.AsSpan()), c.Period);
                Assert.Equal(c, found);
            }
            Assert.Null(table.Find(AreaLevel.Municipality, "999999", Cell.Total, "persons", Q));
            foreach (var level in new[] { AreaLevel.Municipality, AreaLevel.Region, AreaLevel.Prefecture, AreaLevel.Office })
                Assert.Equal(table.Cells.Where(c => c.Level == level).Select(c => (c.AreaCode, c.AreaName)).Distinct().OrderBy(a => a.AreaCode, StringComparer.Ordinal),
                    table.Areas(level));
        }
    }

    [Fact]
    public void Primary_CountBelowK_IsHidden_ZeroAndKAreShown()
    {
        // Two cells below k hide each other: no complementary suppression is needed in 北.
        var t = DisclosureControl.Publish(Persons((M1, 9), (M2, 1), (M3, 10)), new DisclosureRules(), Areas, false);
        Assert.True(Cell1(t, M1).Suppressed);
        Assert.True(Cell1(t, M2).Suppressed);
        Assert.Equal(10, Cell1(t, M3).Value);
        var zero = DisclosureControl.Publish(Persons((M1, 0), (M2, 10), (M3, 20)), new DisclosureRules(), Areas, false);
        Assert.Equal(0, Cell1(zero, M1).Value);
    }

    [Fact]
    public void Primary_SmallMunicipality_UsesTwenty_TinyOneIsNotPublished()
    {
        var t = DisclosureControl.Publish(Persons((Small, 19), (Tiny, 0), (M1, 50), (M2, 50), (M3, 50)), new DisclosureRules(), Areas, false);
        Assert.True(Cell1(t, Small).Suppressed);
        Assert.True(Cell1(t, Tiny).Suppressed); // even a zero: population under 2,000
    }

    [Fact]
    public void Complementary_OneHiddenChild_HidesTheSmallestSibling_SoTheTotalRevealsNothing()
    {
        // 北 = 5 + 30 + 40 = 75: hiding only 一市 would let 75 − 30 − 40 give it away.
        var result = DisclosureControl.Publish(Persons((M1, 5), (M2, 30), (M3, 40), (Small, 25), (Tiny, 0)), new DisclosureRules(), Areas, false);
        Assert.True(Cell1(result, M1).Suppressed);
        Assert.True(Cell1(result, M2).Suppressed); // the smallest visible sibling
        Assert.Equal(40, Cell1(result, M3).Value);
        Assert.Empty(DisclosureAttack.Recoverable(result, Areas));
    }

    [Fact]
    public void Attack_WithoutComplementarySuppression_WouldRecoverTheCell()
    {
        // The attack itself must be able to fail: a table with one hidden child and a visible parent.
        var open = DisclosureControl.Publish(Persons((M1, 5), (M2, 30), (M3, 40)), new DisclosureRules { K = 3, UnpublishedPopulation = 0 }, Areas, false);
        Assert.Empty(DisclosureAttack.Recoverable(open, Areas)); // 5 ≥ 3: nothing hidden, nothing to recover
        var cells = open.Cells.Select(c => c.AreaCode == M1 ? c with { Value = null } : c).ToList();
        var leaky = TestTables.Published("leaky", cells);
        Assert.Contains(DisclosureAttack.Recoverable(leaky, Areas), c => c.AreaCode == M1);
    }

    [Fact]
    public void Rate_WithHiddenNumerator_IsHidden()
    {
        var t = new TableBuilder("r", "r", Areas, Q);
        t.EnsureMacro("total", [Cell.Total], ("plans", MeasureUnit.Persons), ("unmet", MeasureUnit.Persons));
        t.AddMacro(M1, "total", Cell.Total, "plans", MeasureUnit.Persons, 200);
        t.AddMacro(M1, "total", Cell.Total, "unmet", MeasureUnit.Persons, 4);
        t.AddRate("rate", MeasureUnit.Percent, "unmet", "plans");
        var p = DisclosureControl.Publish(t.Build(), new DisclosureRules(), Areas, false);
        var m1 = p.Cells.Where(c => c.AreaCode == M1).ToDictionary(c => c.Measure);
        Assert.Equal(200, m1["plans"].Value);
        Assert.True(m1["unmet"].Suppressed);
        Assert.True(m1["rate"].Suppressed);
    }

    [Fact]
    public void OfficeCells_SuppressBelowThree_WhateverK()
    {
        var t = new TableBuilder("o", "o", Areas, Q);
        t.Add(AreaLevel.Office, "9900000001", "total", Cell.Total, "needs", 2, MeasureUnit.Needs);
        t.Add(AreaLevel.Office, "9900000002", "total", Cell.Total, "needs", 3, MeasureUnit.Needs);
        var p = DisclosureControl.Publish(t.Build(), new DisclosureRules { K = 10 }, Areas, false);
        Assert.True(p.Cells[0].Suppressed);
        Assert.Equal(3, p.Cells[1].Value);
    }

    [Fact]
    public void WithK_BelowThree_IsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureRules.WithK(2));

    [Fact]
    public void TinyRegion_AtK3_EveryPublishedTableResistsTheAttack()
    {
        var analysis = QuarterlyAnalysis.Compute(TinyRegion.Build(), FiscalQuarter.Of(TinyRegion.AsOf), inferDomains: false);
        AssertSafe(analysis, DisclosureRules.WithK(3));
    }

    /// <summary>No hidden count recoverable from totals, no visible protected count in 1..k−1, and
    /// no visible rate whose parts are hidden.</summary>
    internal static void AssertSafe(QuarterlyAnalysis analysis, DisclosureRules rules)
    {
        var areas = analysis.Snapshot.Index.Areas;
        foreach (var raw in analysis.Tables.Concat(analysis.History.SelectMany(q => analysis.Trend(q).Tables)))
        {
            var published = DisclosureControl.Publish(raw, rules, areas, false);
            Assert.Empty(DisclosureAttack.Recoverable(published, areas).Select(c => $"{raw.Id} {c.AreaCode} {c.Category} {c.Measure} {c.Period}"));
            // Derived cells (gaps, rates) are checked below through their parts.
            foreach (var c in published.Cells.Where((c, i) => !c.Suppressed && c.Unit.IsProtectedCount() && c.Value > 0 && raw.Cells[i].RateOf is null))
            {
                var k = c.Level == AreaLevel.Office ? rules.OfficeK
                    : c.Level == AreaLevel.Municipality && areas.Municipality(c.AreaCode)!.Population < rules.SmallAreaPopulation ? rules.SmallAreaK
                    : rules.K;
                Assert.False(c.Value < k, $"{raw.Id}: visible count {c.Value} < {k} at {c.Level} {c.AreaCode} {c.Measure}");
            }
            for (var i = 0; i < raw.Cells.Count; i++)
            {
                if (raw.Cells[i].RateOf is not { } from || published.Cells[i].Suppressed) continue;
                var row = published.Cells.Where((c, j) => raw.Cells[j].RowKey == raw.Cells[i].RowKey).ToList();
                Assert.DoesNotContain(row, c => (c.Measure == from.Numerator || c.Measure == from.Denominator) && c.Suppressed);
            }
        }
    }
}
