using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>Hand-made office exports for the store tests, written as contract CSV by ContractWriter. Values
/// exercise every column kind: Japanese free text, empty optionals, decimals, several disability types.</summary>
internal static class StoreTestData
{
    public static readonly string CityA = LocalGovernmentCode.WithCheckDigit("13101");
    public static readonly string CityB = LocalGovernmentCode.WithCheckDigit("13102");
    public const string OfficeA = "1310100011";
    public const string OfficeB = "1310200022";
    public const string Provider = "2310100033";

    public static IReadOnlyList<Municipality> Municipalities =>
    [
        new(CityA, "千代田区", "東京都", "区中央部", 67_000),
        new(CityB, "中央区", "東京都", "区中央部", 170_000),
    ];

    public static IReadOnlyList<Office> Offices =>
    [
        new(Provider, "グループホームひかり", CityA, ServiceType.GroupHome, 10m, new DateOnly(2020, 4, 1), null),
        new(Provider, "グループホームひかり", CityA, ServiceType.ShortStay, 2.5m, null, null),
        new("2310200044", "就労支援センターあおば", CityB, ServiceType.EmploymentA, 20m, new DateOnly(2018, 10, 1), new DateOnly(2026, 5, 31)),
    ];

    /// <summary>One consultation office's export: <paramref name="plans"/> plans dated in 2026Q1 (April–May 2026).</summary>
    public static PlanDataset Export(string officeId, string municipality, string prefix, int plans, int servicesPerNeed = 2,
        bool withReference = true)
    {
        var planList = new List<Plan>();
        var needs = new List<PlanNeed>();
        var services = new List<PlannedService>();
        var supportPlans = new List<SupportPlan>();
        var goals = new List<SupportGoal>();
        var monitoring = new List<MonitoringRecord>();
        var start = new DateOnly(2026, 4, 1);
        for (var i = 1; i <= plans; i++)
        {
            var planId = $"{prefix}-P{i:00000}";
            var person = $"K{prefix}{i:00000}";
            var date = start.AddDays(i % 30);
            planList.Add(new Plan(planId, person, officeId, municipality, date, (PlanKind)(i % 4), i % 2 == 0 ? "30-39" : "18-29",
                i % 3 == 0 ? DisabilityType.Intellectual | DisabilityType.Mental : DisabilityType.Physical,
                (byte)(i % 7), i % 2 == 0 ? 3 : 6, i % 11 == 0 ? date.AddDays(20) : null,
                i % 5 == 0 ? null : $"一人で暮らしたい、バスケットを続けたい（{i}）"));
            for (var priority = 1; priority <= 2; priority++)
            {
                needs.Add(new PlanNeed(planId, priority, priority == 1 ? "就労A型で働いて生活力をつける" : "余暇とのバランス",
                    priority == 1 ? LifeDomain.DaytimeActivity : null, "給料で暮らす", priority == 1 ? 6 : null,
                    priority == 1 ? "毎日通う" : null));
                for (var k = 0; k < servicesPerNeed; k++)
                {
                    services.Add(new PlannedService(planId, priority, priority == 1 ? ServiceType.EmploymentA : ServiceType.MobilitySupport,
                        k % 3 == 2 ? null : 20.5m + k, k % 3 == 2 ? null : "日/月", k % 2 == 0 ? Provider : null,
                        (ServiceStatus)(k % 6), date.AddDays(k)));
                }
            }
            if (i % 2 == 0)
            {
                var sp = $"{prefix}-S{i:00000}";
                supportPlans.Add(new SupportPlan(sp, person, Provider, ServiceType.GroupHome, date.AddDays(3), "地域で安心して暮らす", "休日を無理なく楽しむ"));
                goals.Add(new SupportGoal(sp, 1, "週末の予定を確認する", 2, 6, "世話人"));
                goals.Add(new SupportGoal(sp, 2, "お金の使い方", null, null, null));
            }
            monitoring.Add(new MonitoringRecord(planId, date.AddDays(20), 1, (Achievement)(i % 4), i % 2 == 0, false, i % 3 == 0,
                i % 4 == 0 ? "通所先の変更を検討" : null));
        }
        return new PlanDataset(planList, needs, services, supportPlans, goals, monitoring,
            withReference ? Offices : [], withReference ? Municipalities : []);
    }

    /// <summary>Writes a dataset as a contract export folder under <paramref name="root"/>.</summary>
    public static string Write(string root, string name, PlanDataset data)
    {
        var folder = Path.Combine(root, name);
        ContractWriter.Write(data, folder);
        return folder;
    }
}
