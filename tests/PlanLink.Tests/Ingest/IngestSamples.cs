using PlanLink.Tests.Support;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>Small, valid contract data for the ingest tests, built by hand from domain.md §3 and §7
/// (Aさん's plan: four needs, a group home and an A型 with linked goals).</summary>
public static class IngestSamples
{
    public const string ConsultOffice = "1310100011";
    public const string GroupHome = "1310100022";
    public const string EmploymentA = "1310100033";
    public const string Muni1 = "131016";
    public const string Muni2 = "131024";

    public static string CorpusPath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Corpus", .. parts]);

    public static PlanDataset Dataset()
    {
        var d = new DateOnly(2026, 4, 1);
        Plan[] plans =
        [
            new("P1", "pk-a", ConsultOffice, Muni1, d, PlanKind.Final, "30-39", DisabilityType.Intellectual, 1, 3, null,
                "A型で働き続けて給料で暮らしたい。いつか一人暮らしをして結婚したい"),
            new("P2", "pk-b", ConsultOffice, Muni2, d.AddDays(14), PlanKind.Draft, "50-59", DisabilityType.Physical | DisabilityType.Mental, 3, 6, null, null),
            new("P3", "pk-b", ConsultOffice, Muni2, d.AddMonths(3), PlanKind.Change, "50-59", DisabilityType.Physical, 4, 6, d.AddMonths(12), "自宅で暮らしたい"),
        ];
        PlanNeed[] needs =
        [
            new("P1", 1, "就労A型で働いて生活力をつける（給料で暮らす）", LifeDomain.DaytimeActivity, "毎日A型に通う", 12, "毎日通う"),
            new("P1", 2, "余暇とのバランス", LifeDomain.Leisure, "休日を無理なく楽しむ", 6, null),
            new("P1", 3, "バスケットを続けたい", null, "月2回練習に行く", 12, null),
            new("P1", 4, "一人で暮らしたい", LifeDomain.Housing, "一人暮らしの準備", 24, "お金の使い方を覚える"),
            new("P2", 1, "入浴が難しい", LifeDomain.DailyLiving, "週3回の入浴支援", 6, null),
            new("P3", 1, "入浴が難しい", LifeDomain.DailyLiving, "週3回の入浴支援", 6, null),
        ];
        PlannedService[] services =
        [
            new("P1", 1, ServiceType.EmploymentA, 22m, "日/月", EmploymentA, ServiceStatus.InUse, d),
            new("P1", 3, ServiceType.MobilitySupport, 8m, "時間/月", null, ServiceStatus.NoResource, d),
            new("P1", 4, ServiceType.GroupHome, null, null, GroupHome, ServiceStatus.InUse, d),
            new("P2", 1, ServiceType.HomeCare, 20.5m, "時間/月", null, ServiceStatus.Waiting, d.AddDays(14)),
        ];
        SupportPlan[] supportPlans =
        [
            new("S1", "pk-a", GroupHome, ServiceType.GroupHome, d.AddDays(9), "一人暮らしに向けて生活力をつける", "休日を無理なく楽しむ"),
            new("S2", "pk-a", EmploymentA, ServiceType.EmploymentA, d.AddDays(9), "働き続ける", ""),
        ];
        SupportGoal[] goals =
        [
            new("S1", 1, "休日を無理なく楽しむ（週末の予定確認）", 2, 6, "世話人"),
            new("S1", 2, "お金の使い方", 4, 6, "サビ管"),
            new("S2", 1, "毎日通う", 1, 6, "支援員"),
            new("S2", 2, "困ったら相談", null, 6, null),
        ];
        MonitoringRecord[] monitoring =
        [
            new("P1", d.AddMonths(3), 1, Achievement.PartlyAchieved, false, false, true, "通勤の練習が必要"),
            new("P1", d.AddMonths(3), 2, Achievement.Achieved, false, false, false, null),
        ];
        Office[] offices =
        [
            new(ConsultOffice, "架空相談支援センター", Muni1, ServiceType.PlanConsultation, 40m, new DateOnly(2015, 4, 1), null),
            new(GroupHome, "グループホーム架空", Muni1, ServiceType.GroupHome, 10m, new DateOnly(2018, 4, 1), null),
            new(EmploymentA, "架空ワークスA", Muni1, ServiceType.EmploymentA, 20m, null, new DateOnly(2030, 3, 31)),
        ];
        Municipality[] municipalities =
        [
            new(Muni1, "架空区", "東京都", "架空圏域", 67_000),
            new(Muni2, "想像区", "東京都", "架空圏域", 170_000),
        ];
        return new PlanDataset(plans, needs, services, supportPlans, goals, monitoring, offices, municipalities);
    }

    /// <summary>Writes <see cref="Dataset"/> (or another) as contract files into a new sub-folder.</summary>
    internal static string Write(TempFolder temp, string name = "export", PlanDataset? data = null)
    {
        var folder = temp.Sub(name);
        ContractWriter.Write(data ?? Dataset(), folder);
        return folder;
    }

    /// <summary>Asserts two datasets hold the same rows in the same order, list by list.</summary>
    public static void AssertSame(PlanDataset expected, PlanDataset actual)
    {
        Assert.Equal(expected.Plans, actual.Plans);
        Assert.Equal(expected.Needs, actual.Needs);
        Assert.Equal(expected.Services, actual.Services);
        Assert.Equal(expected.SupportPlans, actual.SupportPlans);
        Assert.Equal(expected.SupportGoals, actual.SupportGoals);
        Assert.Equal(expected.Monitoring, actual.Monitoring);
        Assert.Equal(expected.Offices, actual.Offices);
        Assert.Equal(expected.Municipalities, actual.Municipalities);
    }

    /// <summary>read = accepted + rejected for every file.</summary>
    public static void AssertReconciles(ReadResult result)
    {
        foreach (var t in result.Tallies) Assert.True(t.Read == t.Accepted + t.Rejected, $"{t.File}: {t.Read} != {t.Accepted} + {t.Rejected}");
    }
}
