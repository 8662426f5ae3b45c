using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>The unmet-need rules of domain.md §3, status by status, on hand-made rows.</summary>
public class UnmetRulesTests
{
    private static readonly DateOnly AsOf = new(2026, 9, 30);
    private static readonly Plan Plan = new("P1", "K1", "9900000001", "992011", new(2026, 4, 1), PlanKind.Final, "30-39",
        DisabilityType.Intellectual, 1, 6, null, null);
    private static readonly PlanNeed Need = new("P1", 1, "一人で暮らしたい", LifeDomain.Housing, "GHで生活する", 12, null);

    private static NeedState NeedWith(params ServiceState[] services) => new(Plan, Need, services);
    private static ServiceState S(ServiceStatus status, DateOnly? since = null, ServiceType service = ServiceType.GroupHome) =>
        new(service, status, since ?? new DateOnly(2026, 9, 1), 1, null);

    [Theory]
    [InlineData(ServiceStatus.InUse, false)]
    [InlineData(ServiceStatus.Waiting, true)]
    [InlineData(ServiceStatus.NoResource, true)]
    [InlineData(ServiceStatus.Declined, false)]
    [InlineData(ServiceStatus.Informal, false)]
    [InlineData(ServiceStatus.Arranging, false)] // since 2026-09-01: 29 days
    public void NeedUnmet_SingleServiceStatus_FollowsTheContract(ServiceStatus status, bool unmet) =>
        Assert.Equal(unmet, UnmetRules.NeedUnmet(NeedWith(S(status)), AsOf).Count > 0);

    [Fact]
    public void NeedUnmet_ArrangingFor90Days_IsMet_AndFor91Days_IsUnmet()
    {
        // 2026-07-02 → 2026-09-30 is 90 days; one day earlier is 91.
        Assert.Empty(UnmetRules.NeedUnmet(NeedWith(S(ServiceStatus.Arranging, new DateOnly(2026, 7, 2))), AsOf));
        Assert.Equal([UnmetReason.LongArranging], UnmetRules.NeedUnmet(NeedWith(S(ServiceStatus.Arranging, new DateOnly(2026, 7, 1))), AsOf));
    }

    [Fact]
    public void NeedUnmet_NoServiceAtAll_IsUnmetForLackOfSupport() =>
        Assert.Equal([UnmetReason.NoSupport], UnmetRules.NeedUnmet(NeedWith(), AsOf));

    [Fact]
    public void NeedUnmet_OneUnmetServiceBesideOneInUse_IsUnmet() =>
        Assert.Equal([UnmetReason.Waiting],
            UnmetRules.NeedUnmet(NeedWith(S(ServiceStatus.InUse, service: ServiceType.EmploymentA), S(ServiceStatus.Waiting)), AsOf));

    [Fact]
    public void StatesAt_TakesLatestStatusOnOrBeforeTheDate_PerService()
    {
        PlannedService Row(ServiceType s, ServiceStatus st, int month) => new("P1", 1, s, 1, null, null, st, new DateOnly(2026, month, 1));
        var rows = new[]
        {
            Row(ServiceType.GroupHome, ServiceStatus.Waiting, 4), Row(ServiceType.GroupHome, ServiceStatus.InUse, 8),
            Row(ServiceType.GroupHome, ServiceStatus.Declined, 12), Row(ServiceType.MobilitySupport, ServiceStatus.NoResource, 10),
        };
        var june = PlanSnapshot.StatesAt(rows, new DateOnly(2026, 6, 30));
        Assert.Equal([(ServiceType.GroupHome, ServiceStatus.Waiting)], june.Select(s => (s.Service, s.Status)));
        var november = PlanSnapshot.StatesAt(rows, new DateOnly(2026, 11, 30));
        Assert.Equal([(ServiceType.GroupHome, ServiceStatus.InUse), (ServiceType.MobilitySupport, ServiceStatus.NoResource)],
            november.Select(s => (s.Service, s.Status)));
    }

    [Fact]
    public void CurrentPlan_EndedBeforeTheDate_IsNone_AndLatestVersionWins()
    {
        var first = Plan with { PlanId = "P1", PlanDate = new(2025, 4, 1) };
        var change = Plan with { PlanId = "P2", PlanDate = new(2026, 5, 1), Kind = PlanKind.Change };
        Assert.Equal("P1", PlanSnapshot.CurrentPlan([first, change], new(2026, 4, 30))?.PlanId);
        Assert.Equal("P2", PlanSnapshot.CurrentPlan([first, change], AsOf)?.PlanId);
        var ended = change with { EndDate = new(2026, 8, 31) };
        Assert.Null(PlanSnapshot.CurrentPlan([first, ended], AsOf));
    }
}
