using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Targets;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>The 見込量 series and targets on the hand-made TinyRegion. Expected values worked out by hand
/// from the TinyRegion summary: at the ends of FY2025 Q3 … FY2026 Q2 (2025-12-31, 2026-03-31,
/// 2026-06-30, 2026-09-30) K1 uses B型 (20 days) from 2026-04-01 and K2 居宅介護 (30 h) from 2026-01-10,
/// both living in A; K1 waits for a GH place (amount 1) at 2026-09-30; K4's plan has ended by then.</summary>
public class PlanTargetsTests
{
    private static readonly FiscalQuarter[] Quarters = [new(2025, 3), new(2025, 4), new(2026, 1), new(2026, 2)];
    private static readonly DatasetIndex Index = new(TinyRegion.Build());

    /// <summary>The use at each quarter end, added one snapshot at a time as the report does.</summary>
    private static ServiceUsageSeries Usage()
    {
        var usage = new ServiceUsageSeries(Quarters);
        foreach (var q in Quarters) usage.Add(q, ServiceUsageSeries.InUse(PlanSnapshot.At(Index, q.End)));
        return usage;
    }

    private static IReadOnlyList<PlanTargetRow> Targets(UnmetPhaseIn phaseIn) =>
        PlanTargets.Compute(Index.Areas, Usage(), ServiceUsageSeries.Unmet(PlanSnapshot.At(Index, Quarters[^1].End)), phaseIn);

    [Fact]
    public void ServiceUsageSeries_CountsPersonsInUseWhereTheyLive_WithTheirPlannedAmounts()
    {
        var series = Usage().Series();
        var b = series.Single(s => s.Level == AreaLevel.Municipality && s.AreaCode == TinyRegion.A && s.Service == ServiceType.EmploymentB);
        Assert.Equal([0, 0, 1, 1], b.Persons);
        Assert.Equal([0, 0, 20, 20], b.Volume);
        var care = series.Single(s => s.Level == AreaLevel.Municipality && s.AreaCode == TinyRegion.A && s.Service == ServiceType.HomeCare);
        Assert.Equal([0, 1, 1, 1], care.Persons);
        Assert.Equal([0, 30, 30, 30], care.Volume);
        // B型 is provided in B, but the person lives in A: nothing is counted in B, and C has no use at all.
        Assert.DoesNotContain(series, s => s.AreaCode == TinyRegion.B || s.AreaCode == TinyRegion.C);
        // The prefecture adds both: 居宅介護 from FY2025 Q4, B型 from FY2026 Q1.
        var prefecture = Enumerable.Range(0, 4).Select(i => series.Where(s => s.Level == AreaLevel.Prefecture).Sum(s => s.Persons[i])).ToArray();
        Assert.Equal([0, 1, 2, 2], prefecture);
    }

    [Fact]
    public void PlanTargets_UnmetDemand_IsPhasedInCumulatively()
    {
        var rows = Targets(new UnmetPhaseIn(50, 50, 0));
        // GH in A: nobody uses it (an all-zero series forecasts 0); K1 waits for a place.
        var gh = rows.Single(r => r.Level == AreaLevel.Municipality && r.AreaCode == TinyRegion.A && r.Service == ServiceType.GroupHome);
        Assert.Equal(TargetMeasure.Persons, gh.Measure); // 共同生活援助 is planned in persons/month only
        Assert.Equal(1, gh.UnmetLatest);
        Assert.Equal([0.5, 1, 1], gh.Years.Select(y => y.Target));
        Assert.Equal([0.5, 1, 1], gh.Years.Select(y => y.Unmet));
        Assert.Equal([2027, 2028, 2029], gh.Years.Select(y => y.FiscalYear));
        // 居宅介護 has a persons row and an hours row; its FY2026 actual is the mean of Q1 and Q2 (1 person, 30 h).
        var care = rows.Where(r => r.Level == AreaLevel.Municipality && r.AreaCode == TinyRegion.A && r.Service == ServiceType.HomeCare).ToList();
        Assert.Equal([TargetMeasure.Persons, TargetMeasure.Volume], care.Select(r => r.Measure));
        Assert.Equal(new ActualYear(2026, 1, 2), care[0].Actuals.Single(a => a.FiscalYear == 2026));
        Assert.Equal(new ActualYear(2026, 30, 2), care[1].Actuals.Single(a => a.FiscalYear == 2026));
        Assert.Equal(new ActualYear(2025, 0.5, 2), care[0].Actuals.Single(a => a.FiscalYear == 2025));
        Assert.All(care.SelectMany(r => r.Years), y => Assert.True(y.Lower <= y.Target && y.Target <= y.Upper));
    }

    [Fact]
    public void PlanTargets_Published_HideSmallPersonCountsAndTheirVolumes()
    {
        var rows = Targets(UnmetPhaseIn.Default);
        var published = DisclosureControl.Publish(PlanTargets.ToTable(rows, Index.Areas, Quarters[^1]), DisclosureRules.WithK(3), Index.Areas, categoriesAdd: false);
        var careA = published.Cells.Where(c => c.Level == AreaLevel.Municipality && c.AreaCode == TinyRegion.A && c.Category == "居宅介護").ToList();
        Assert.NotEmpty(careA);
        // One person: every count of the row is below k = 3, so persons, hours, interval and growth-rate are all hidden.
        Assert.All(careA.Where(c => c.Value != 0 && c.Breakdown == "fy2027"), c => Assert.True(c.Suppressed, $"{c.Measure} = {c.Value}"));
        Assert.All(careA.Where(c => c.Measure == "persons_actual" && c.Value is not null), c => Assert.Equal(0, c.Value));
    }

    [Fact]
    public void PlanTargets_AreasSharingASeries_EachGetTheForecastOfTheirOwnSeries()
    {
        // Each distinct series is forecast once: A and B share theirs, C's differs and must not pick up theirs.
        string a = LocalGovernmentCode.WithCheckDigit("99201"), b = LocalGovernmentCode.WithCheckDigit("99202"), c = LocalGovernmentCode.WithCheckDigit("99203");
        var areas = new AreaHierarchy([new Municipality(a, "一市", "県", "北", 1000), new Municipality(b, "二市", "県", "北", 1000), new Municipality(c, "三市", "県", "南", 1000)]);
        var quarters = FiscalQuarter.Range(new FiscalQuarter(2024, 3), new FiscalQuarter(2026, 2)).ToList();
        double[] shared = [10, 11, 12, 12, 13, 14, 14, 15], own = [3, 3, 4, 4, 5, 5, 6, 9];
        IReadOnlyList<PlanTargetRow> Rows(params (string Code, double[] Persons)[] uses)
        {
            var usage = new ServiceUsageSeries(quarters);
            for (var q = 0; q < quarters.Count; q++)
                usage.Add(quarters[q], uses.ToDictionary(u => new AreaService(AreaLevel.Municipality, u.Code, ServiceType.HomeCare),
                    u => new PersonsAndVolume(u.Persons[q], 20 * u.Persons[q])));
            return PlanTargets.Compute(areas, usage, new Dictionary<AreaService, PersonsAndVolume>(), UnmetPhaseIn.Default);
        }
        static List<TargetYear> Years(IReadOnlyList<PlanTargetRow> rows, string code, TargetMeasure measure) =>
            rows.Single(r => r.Level == AreaLevel.Municipality && r.AreaCode == code && r.Measure == measure).Years.ToList();

        var together = Rows((a, shared), (b, shared), (c, own));
        var alone = Rows((c, own));

        foreach (var measure in new[] { TargetMeasure.Persons, TargetMeasure.Volume })
        {
            Assert.Equal(Years(together, a, measure), Years(together, b, measure));
            Assert.NotEqual(Years(together, a, measure), Years(together, c, measure));
            Assert.Equal(Years(alone, c, measure), Years(together, c, measure));
        }
    }

    [Theory]
    [InlineData("100,0,0", 1.0, 1.0, 1.0)]
    [InlineData("50, 30, 20", 0.5, 0.8, 1.0)]
    [InlineData("0,0,100", 0.0, 0.0, 1.0)]
    public void UnmetPhaseIn_Parse_IsCumulative(string text, double fy2027, double fy2028, double fy2029)
    {
        var p = UnmetPhaseIn.Parse(text);
        Assert.Equal([fy2027, fy2028, fy2029], [p.ShareBy(2027), p.ShareBy(2028), p.ShareBy(2029)]);
        Assert.Equal(0, p.ShareBy(2026));
    }

    [Theory]
    [InlineData("100,0")]
    [InlineData("50,20,20")]
    [InlineData("a,b,c")]
    [InlineData("120,-20,0")]
    public void UnmetPhaseIn_Parse_RefusesWhatDoesNotAddUpTo100(string text) =>
        Assert.Throws<FormatException>(() => UnmetPhaseIn.Parse(text));
}
