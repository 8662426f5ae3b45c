using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>A hand-made region small enough to compute every figure by hand (see AnalyticsTests for
/// the expected values and how each was worked out). As of 2026-09-30 (FY2026 Q2):
/// K1 (A): GH waiting since 05-01, B型 in use at O2 in B, B型 goal linked; monitored 06-15 and 09-15.
/// K2 (A): 居宅介護 in use at O3 (linked), a leisure need with no support; never monitored (overdue).
/// K3 (B): GH arranging since 06-01 (121 days). K4 (C): plan ended 08-31. K5 (C): informal + declined.</summary>
public static class TinyRegion
{
    public static readonly string A = LocalGovernmentCode.WithCheckDigit("99201");
    public static readonly string B = LocalGovernmentCode.WithCheckDigit("99202");
    public static readonly string C = LocalGovernmentCode.WithCheckDigit("99301");
    public const string O1 = "9910000001", O2 = "9910000002", O3 = "9910000003", O4 = "9910000004", Consult = "9920000001";
    public static readonly DateOnly AsOf = new(2026, 9, 30);

    private static DateOnly D(string s) => DateOnly.Parse(s);

    public static PlanDataset Build()
    {
        Plan P(string id, string person, string muni, string date, int months, string? end = null) =>
            new(id, person, Consult, muni, D(date), PlanKind.Final, "30-39", DisabilityType.Intellectual, 2, months, end is null ? null : D(end), null);
        PlanNeed N(string plan, int priority, LifeDomain domain) => new(plan, priority, "課題", domain, "目標", 6, null);
        PlannedService S(string plan, int priority, ServiceType service, ServiceStatus status, string since, decimal? amount = null, string? provider = null) =>
            new(plan, priority, service, amount, null, provider, status, D(since));

        return new PlanDataset(
            Plans: [P("P1", "K1", A, "2026-04-01", 3), P("P2", "K2", A, "2026-01-10", 6), P("P3", "K3", B, "2025-10-01", 6),
                    P("P4", "K4", C, "2026-02-01", 6, "2026-08-31"), P("P5", "K5", C, "2026-03-01", 12)],
            Needs: [N("P1", 1, LifeDomain.Housing), N("P1", 2, LifeDomain.DaytimeActivity), N("P2", 1, LifeDomain.DailyLiving),
                    N("P2", 2, LifeDomain.Leisure), N("P3", 1, LifeDomain.Housing), N("P4", 1, LifeDomain.Health),
                    N("P5", 1, LifeDomain.Money), N("P5", 2, LifeDomain.Health)],
            Services: [S("P1", 1, ServiceType.GroupHome, ServiceStatus.Waiting, "2026-05-01", 1),
                       S("P1", 2, ServiceType.EmploymentB, ServiceStatus.InUse, "2026-04-01", 20, O2),
                       S("P2", 1, ServiceType.HomeCare, ServiceStatus.InUse, "2026-01-10", 30, O3),
                       S("P3", 1, ServiceType.GroupHome, ServiceStatus.Arranging, "2026-06-01", 1),
                       S("P4", 1, ServiceType.GroupHome, ServiceStatus.Waiting, "2026-02-01", 1),
                       S("P5", 1, ServiceType.Informal, ServiceStatus.Informal, "2026-03-01"),
                       S("P5", 2, ServiceType.EmploymentB, ServiceStatus.Declined, "2026-03-01", 20)],
            SupportPlans: [new("SP1", "K1", O2, ServiceType.EmploymentB, D("2026-04-20"), "毎日通う", "困ったら相談"),
                           new("SP2", "K2", O3, ServiceType.HomeCare, D("2026-02-01"), "家事", "掃除")],
            SupportGoals: [new("SP1", 1, "毎日通う", 2, 6, "支援員"), new("SP2", 1, "掃除を一緒に", 1, 6, "サビ管"),
                           new("SP2", 2, "買い物", 5, 6, "サビ管")],
            Monitoring: [new("P1", D("2026-06-15"), 1, Achievement.NotAchieved, false, false, false, null),
                         new("P1", D("2026-09-15"), 1, Achievement.NotAchieved, true, false, false, "GHの空き待ち"),
                         new("P1", D("2026-09-15"), 2, Achievement.Achieved, false, false, false, null),
                         new("P3", D("2026-04-01"), 1, Achievement.PartlyAchieved, false, false, false, null)],
            Offices: [new(O1, "GHひかり", A, ServiceType.GroupHome, 10, D("2020-04-01"), null),
                      new(O2, "B型あおば", B, ServiceType.EmploymentB, 20, D("2020-04-01"), null),
                      new(O3, "ヘルパーうみ", A, ServiceType.HomeCare, 300, D("2020-04-01"), null),
                      new(O4, "GHやま", C, ServiceType.GroupHome, 5, D("2020-04-01"), D("2026-06-30")),
                      new(Consult, "相談支援センターみらい", A, ServiceType.PlanConsultation, 100, D("2020-04-01"), null)],
            Municipalities: [new(A, "A市", "テスト県", "北圏域", 100_000), new(B, "B町", "テスト県", "北圏域", 50_000),
                             new(C, "C村", "テスト県", "南圏域", 30_000)]);
    }
}
