using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Gaps;
using PlanLink.Analytics.Monitoring;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using static PlanLink.Tests.TinyRegion;

namespace PlanLink.Tests;

/// <summary>Every measure on <see cref="TinyRegion"/>, with the expected values worked out by hand
/// from the rows (the comments say how).</summary>
public class AnalyticsTests
{
    private static readonly FiscalQuarter Q = FiscalQuarter.Of(AsOf);
    private static readonly PlanSnapshot Snapshot = PlanSnapshot.At(new DatasetIndex(Build()), AsOf);
    private static readonly AreaHierarchy Areas = Snapshot.Index.Areas;
    private static string Pref => Areas.At(AreaLevel.Prefecture).Single().Code;
    private static string North => Areas.At(AreaLevel.Region).Single(r => r.Name == "北圏域").Code;

    private static decimal V(ResultTable t, AreaLevel level, string area, string category, string measure) =>
        t.Cells.Single(c => c.Level == level && c.AreaCode == area && c.Category == category && c.Measure == measure).Value;

    private static ResultTable Table(IEnumerable<ResultTable> tables, string id) => tables.Single(t => t.Id == id);

    [Fact]
    public void SupportCenterAreas_WhenConfigured_SumTheirMunicipalities_AndResistTheAttack()
    {
        var data = Build() with
        {
            SupportCenters = [new("C1", "北基幹相談支援センター", A), new("C1", "北基幹相談支援センター", B), new("C2", "南基幹相談支援センター", C)],
        };
        var snapshot = PlanSnapshot.At(new DatasetIndex(data), AsOf);
        var summary = Table(UnmetFigures.Compute(snapshot, Q), "unmet_needs_summary");
        // C1 covers A (K1, K2) and B (K3): 3 plans, 3 unmet. C2 covers C (K5): 1 plan, 0 unmet.
        Assert.Equal(3, V(summary, AreaLevel.SupportCenter, "C1", Cell.Total, Measures.Plans));
        Assert.Equal(3, V(summary, AreaLevel.SupportCenter, "C1", Cell.Total, Measures.PersonsUnmet));
        Assert.Equal(0, V(summary, AreaLevel.SupportCenter, "C2", Cell.Total, Measures.PersonsUnmet));
        var analysis = QuarterlyAnalysis.Compute(data, Q, inferDomains: false);
        DisclosureTests.AssertSafe(analysis, global::PlanLink.Analytics.Disclosure.DisclosureRules.WithK(3));
    }

    [Fact]
    public void Snapshot_EndedPlan_IsNotCurrent() =>
        Assert.Equal(["K1", "K2", "K3", "K5"], Snapshot.Plans.Select(p => p.PersonKey));

    [Fact]
    public void UnmetSummary_CountsPersonsAndNeedsPerArea()
    {
        var t = Table(UnmetFigures.Compute(Snapshot, Q), "unmet_needs_summary");
        // Plans: A has K1, K2; B has K3; C has K5 (K4 ended).
        Assert.Equal(2, V(t, AreaLevel.Municipality, A, Cell.Total, Measures.Plans));
        Assert.Equal(4, V(t, AreaLevel.Prefecture, Pref, Cell.Total, Measures.Plans));
        // Unmet persons: K1 (waiting), K2 (no support), K3 (arranging 121 days).
        Assert.Equal(2, V(t, AreaLevel.Municipality, A, Cell.Total, Measures.PersonsUnmet));
        Assert.Equal(1, V(t, AreaLevel.Municipality, B, Cell.Total, Measures.PersonsUnmet));
        Assert.Equal(0, V(t, AreaLevel.Municipality, C, Cell.Total, Measures.PersonsUnmet));
        Assert.Equal(3, V(t, AreaLevel.Region, North, Cell.Total, Measures.PersonsUnmet));
        // Needs: 2 + 2 + 1 + 2 = 7, of which 3 unmet.
        Assert.Equal(7, V(t, AreaLevel.Prefecture, Pref, Cell.Total, Measures.Needs));
        Assert.Equal(3, V(t, AreaLevel.Prefecture, Pref, Cell.Total, Measures.NeedsUnmet));
        // Rates: 3 of 4 = 75 %; per 10,000: 3 / 180,000 × 10,000 = 0.17.
        Assert.Equal(75, V(t, AreaLevel.Prefecture, Pref, Cell.Total, Measures.UnmetRate));
        Assert.Equal(0.17m, V(t, AreaLevel.Prefecture, Pref, Cell.Total, Measures.UnmetPer10000));
    }

    [Fact]
    public void UnmetByServiceAndStatus_AttributeEachUnmetNeed()
    {
        var tables = UnmetFigures.Compute(Snapshot, Q);
        var byService = Table(tables, "unmet_needs_by_service");
        Assert.Equal(2, V(byService, AreaLevel.Prefecture, Pref, "共同生活援助", Measures.PersonsUnmet)); // K1, K3
        Assert.Equal(1, V(byService, AreaLevel.Prefecture, Pref, Breakdowns.NoService, Measures.NeedsUnmet)); // K2's leisure
        Assert.Equal(0, V(byService, AreaLevel.Prefecture, Pref, "就労継続支援B型", Measures.PersonsUnmet)); // K5 declined
        var byStatus = Table(tables, "unmet_needs_by_status");
        Assert.Equal(1, V(byStatus, AreaLevel.Prefecture, Pref, "待機（空きなし）", Measures.NeedsUnmet));
        Assert.Equal(1, V(byStatus, AreaLevel.Prefecture, Pref, "調整中（90日超）", Measures.NeedsUnmet));
        Assert.Equal(1, V(byStatus, AreaLevel.Prefecture, Pref, "支援なし", Measures.NeedsUnmet));
        Assert.Equal(0, V(byStatus, AreaLevel.Prefecture, Pref, "資源なし", Measures.NeedsUnmet));
        var byDomain = Table(tables, "unmet_needs_by_life_domain");
        Assert.Equal(2, V(byDomain, AreaLevel.Prefecture, Pref, "住まい", Measures.NeedsUnmet)); // K1 and K3 housing
    }

    [Fact]
    public void Linkage_SharesOfNeedsWithALinkedGoal()
    {
        var tables = LinkageFigures.Compute(Snapshot, Q);
        var summary = Table(tables, "plan_linkage_summary");
        // Linked: K1 need 2 (SP1 goal → 2) and K2 need 1 (SP2 goal → 1); 2 of 7 = 28.6 %. SP2's goal → 5 links to nothing.
        Assert.Equal(2, V(summary, AreaLevel.Prefecture, Pref, Cell.Total, Measures.NeedsLinked));
        Assert.Equal(28.6m, V(summary, AreaLevel.Prefecture, Pref, Cell.Total, Measures.LinkageRate));
        var byProvider = Table(tables, "plan_linkage_by_provider");
        Assert.Equal(100, V(byProvider, AreaLevel.Office, O2, Cell.Total, Measures.LinkageRate));
        Assert.Equal(1, V(byProvider, AreaLevel.Office, O3, Cell.Total, Measures.Needs));
    }

    [Fact]
    public void Linkage_UnlinkedInUseNeedsAndGoalsThatLinkToNothing()
    {
        var summary = Table(LinkageFigures.Compute(Snapshot, Q), "plan_linkage_summary");
        // Goals of current support plans: SP1 → 2, SP2 → 1 and → 5; K2's plan has no need 5.
        Assert.Equal(3, V(summary, AreaLevel.Prefecture, Pref, Cell.Total, Measures.Goals));
        Assert.Equal(1, V(summary, AreaLevel.Municipality, A, Cell.Total, Measures.GoalsUnlinked));
        // Both needs with a service in use are linked…
        Assert.Equal(0, V(summary, AreaLevel.Prefecture, Pref, Cell.Total, Measures.NeedsInUseUnlinked));
        // …until SP1's goal is gone: K1's B型 need is in use but unlinked.
        var data = Build();
        var withoutGoal = data with { SupportGoals = data.SupportGoals.Where(g => g.SupportPlanId != "SP1").ToList() };
        var snapshot = PlanSnapshot.At(new DatasetIndex(withoutGoal), AsOf);
        var unlinked = Table(LinkageFigures.Compute(snapshot, Q), "plan_linkage_summary");
        Assert.Equal(1, V(unlinked, AreaLevel.Municipality, A, Cell.Total, Measures.NeedsInUseUnlinked));
    }

    [Fact]
    public void LinkageByService_CountsNeedsInUseLinkedByThatServicesPlan()
    {
        var byService = Table(LinkageFigures.Compute(Snapshot, Q), "plan_linkage_by_service");
        Assert.Equal(1, V(byService, AreaLevel.Prefecture, Pref, "就労継続支援B型", Measures.NeedsLinked)); // SP1 is a B型 plan
        Assert.Equal(100, V(byService, AreaLevel.Prefecture, Pref, "居宅介護", Measures.LinkageRate));     // SP2 is a 居宅介護 plan
        Assert.Equal(0, V(byService, AreaLevel.Prefecture, Pref, "共同生活援助", Measures.Needs));           // no GH in use
    }

    [Fact]
    public void UnmetBySupportCategoryAndDisability_UsesThePersonsPlan()
    {
        var tables = UnmetFigures.Compute(Snapshot, Q);
        // All TinyRegion plans are 区分2 and 知的: the three unmet persons fall there.
        Assert.Equal(3, V(Table(tables, "unmet_needs_by_support_category"), AreaLevel.Prefecture, Pref, "区分2", Measures.PersonsUnmet));
        Assert.Equal(0, V(Table(tables, "unmet_needs_by_support_category"), AreaLevel.Prefecture, Pref, "区分6", Measures.PersonsUnmet));
        Assert.Equal(3, V(Table(tables, "unmet_needs_by_disability_type"), AreaLevel.Prefecture, Pref, "知的", Measures.PersonsUnmet));
    }

    [Fact]
    public void ResourceGap_DemandWhereThePersonLives_SupplyWhereTheOfficeIs()
    {
        var t = ResourceGapFigures.ByService(Snapshot, Q);
        const string gh = "共同生活援助";
        // GH demand: K1 in A (waiting), K3 in B (arranging); capacity: O1 in A = 10, O4 in C closed 06-30.
        Assert.Equal(1, V(t, AreaLevel.Municipality, A, gh, ResourceGapFigures.DemandPersons));
        Assert.Equal(1, V(t, AreaLevel.Municipality, B, gh, ResourceGapFigures.DemandPersons));
        Assert.Equal(0, V(t, AreaLevel.Municipality, C, gh, ResourceGapFigures.Capacity));
        Assert.Equal(-9, V(t, AreaLevel.Municipality, A, gh, ResourceGapFigures.Gap));
        Assert.Equal(1, V(t, AreaLevel.Municipality, B, gh, ResourceGapFigures.Gap));
        Assert.Equal(-8, V(t, AreaLevel.Prefecture, Pref, gh, ResourceGapFigures.Gap));
        // Supply per 10,000: A 10/100,000 → 1.00; 北圏域 10/150,000 → 0.667; prefecture 10/180,000 → 0.556.
        Assert.Equal(1.00m, V(t, AreaLevel.Municipality, A, gh, ResourceGapFigures.SupplyPer10000));
        Assert.Equal(1.5m, V(t, AreaLevel.Municipality, A, gh, ResourceGapFigures.RatioToRegion));
        Assert.Equal(1.8m, V(t, AreaLevel.Municipality, A, gh, ResourceGapFigures.RatioToPrefecture));
        // B型: K1 lives in A but uses O2 in B: demand in A, use in B; occupancy 1 / 20 = 5 %. K5 declined.
        const string b = "就労継続支援B型";
        Assert.Equal(1, V(t, AreaLevel.Municipality, A, b, ResourceGapFigures.DemandPersons));
        Assert.Equal(20, V(t, AreaLevel.Municipality, A, b, ResourceGapFigures.DemandVolume));
        Assert.Equal(0, V(t, AreaLevel.Municipality, C, b, ResourceGapFigures.DemandPersons));
        Assert.Equal(5, V(t, AreaLevel.Municipality, B, b, ResourceGapFigures.Occupancy));
        // 居宅介護 is planned in hours: gap 30 − 300 = −270 hours, occupancy 30 / 300 = 10 %.
        Assert.Equal(-270, V(t, AreaLevel.Municipality, A, "居宅介護", ResourceGapFigures.Gap));
        Assert.Equal(10, V(t, AreaLevel.Municipality, A, "居宅介護", ResourceGapFigures.Occupancy));
    }

    [Fact]
    public void CrossBoundaryFlows_CountPersonsUsingAnotherMunicipalitysOffice()
    {
        var flows = ResourceGapFigures.CrossBoundaryFlows(Snapshot, Q);
        var cell = Assert.Single(flows.Cells);
        Assert.Equal((A, "B町", 1m), (cell.AreaCode, cell.Category, cell.Value));
    }

    [Fact]
    public void Monitoring_OverdueAndPersistentlyUnmet()
    {
        var statuses = MonitoringStatus.Assess(Snapshot);
        // K2: planned 2026-01-10, every 6 months, never monitored → due 07-10 → overdue on 09-30.
        // K1: last monitored 09-15 (+3 months) and K3: 04-01 (+6 = 10-01) → not overdue.
        Assert.Equal(["K2"], statuses.Where(s => s.IsOverdue).Select(s => s.Plan.PersonKey));
        // K1's GH need was waiting at both monitorings (06-15, 09-15): persistent. K3 had one monitoring only.
        Assert.Equal([1], statuses.Single(s => s.Plan.PersonKey == "K1").PersistentlyUnmetPriorities);
        var summary = MonitoringFigures.Summary(Snapshot, SnapshotMonitoring.Of(Snapshot), Q);
        Assert.Equal(1, V(summary, AreaLevel.Municipality, A, Cell.Total, MonitoringFigures.PlansOverdue));
        Assert.Equal(1, V(summary, AreaLevel.Prefecture, Pref, Cell.Total, MonitoringFigures.NeedsPersistent));
        var achievement = Table(MonitoringFigures.Compute(Snapshot, Q), "monitoring_achievement_by_life_domain");
        // Latest achievement per need: K1 housing 未達成 (09-15), K1 daytime 達成, K3 housing 一部達成.
        Assert.Equal(1, V(achievement, AreaLevel.Prefecture, Pref, "住まい", "needs_not_achieved"));
        Assert.Equal(1, V(achievement, AreaLevel.Prefecture, Pref, "住まい", "needs_partly_achieved"));
        Assert.Equal(1, V(achievement, AreaLevel.Prefecture, Pref, "日中活動", "needs_achieved"));
    }
}
