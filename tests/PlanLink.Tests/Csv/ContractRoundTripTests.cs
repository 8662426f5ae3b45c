using System.Text;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Csv;

public sealed class ContractRoundTripTests
{
    private const string Key = "0123456789ABCDEF";

    /// <summary>Every field of every file, each optional one both filled and empty, with values that
    /// stress the CSV quoting (commas, quotes, line breaks) and the codes (区分 0 and 6, several 障害種別).</summary>
    private static PlanDataset Everything() => new(
        Plans:
        [
            new("P-1", Key, "4710000001", "472018", new(2024, 4, 1), PlanKind.Draft, "0-5", DisabilityType.Child | DisabilityType.Developmental,
                0, 6, null, null),
            new("P-2", Key, "4710000001", "472018", new(2026, 9, 30), PlanKind.Continuation, "65+",
                DisabilityType.Intellectual | DisabilityType.Mental | DisabilityType.Physical | DisabilityType.IntractableDisease,
                6, 1, new(2026, 12, 31), "働きたい、\"できれば\"近くで\n一人暮らしも"),
        ],
        Needs:
        [
            new("P-1", 1, "日中の居場所がほしい", LifeDomain.DaytimeActivity, "週5日通う", 6, "休まず通う"),
            new("P-1", 2, "お金の管理を手伝ってほしい", null, "やりくりできる", null, null),
            new("P-2", 1, "地域の行事に参加したい", LifeDomain.Community, "参加する", 120, null),
        ],
        Services:
        [
            new("P-1", 1, ServiceType.ChildDevelopment, 12.5m, "日/月", "4710000002", ServiceStatus.Waiting, new(2024, 4, 1)),
            new("P-1", 1, ServiceType.ChildDevelopment, 12.5m, "日/月", "4710000002", ServiceStatus.InUse, new(2024, 9, 1)),
            new("P-1", 2, ServiceType.Informal, null, null, null, ServiceStatus.Informal, new(2024, 4, 1)),
            new("P-2", 1, ServiceType.BehaviouralSupport, 1000m, "時間/月", null, ServiceStatus.NoResource, new(2023, 1, 31)),
            new("P-2", 1, ServiceType.GroupHome, 1m, "人", null, ServiceStatus.Arranging, new(2026, 9, 30)),
            new("P-2", 1, ServiceType.ShortStay, 0.25m, null, "4710000002", ServiceStatus.Declined, new(2026, 9, 30)),
        ],
        SupportPlans:
        [
            new("S-1", Key, "4710000002", ServiceType.ChildDevelopment, new(2024, 9, 15), "できることを増やす", "活動に慣れる"),
            new("S-2", Key, "4710000002", ServiceType.ShortStay, new(2026, 9, 30), "", ""),
        ],
        SupportGoals:
        [
            new("S-1", 1, "身支度を自分でする", 1, 6, "児童指導員"),
            new("S-1", 2, "友だちと遊ぶ", null, null, null),
        ],
        Monitoring:
        [
            new("P-1", new(2024, 10, 1), 1, Achievement.Achieved, true, false, true, "卒園後の進路, 検討"),
            new("P-1", new(2024, 10, 1), 2, Achievement.Discontinued, false, true, false, null),
            new("P-2", new(2026, 9, 30), 1, Achievement.NotAchieved, false, false, false, null),
            new("P-2", new(2026, 9, 30), 2, Achievement.PartlyAchieved, false, false, false, null),
        ],
        Offices:
        [
            new("4710000001", "ひまわり相談支援事業所", "472018", ServiceType.PlanConsultation, 80, new(2015, 4, 1), null),
            new("4710000001", "ひまわり相談支援事業所", "472018", ServiceType.ChildConsultation, 40, null, null),
            new("4710000002", "つくし\"多機能\",事業所", "472018", ServiceType.ChildDevelopment, 10, new(2010, 4, 1), new(2026, 3, 31)),
        ],
        Municipalities: [new("472018", "みらい市", "みらい県（合成）", "中央圏域", 352_400), new("473421", "そらの村", "みらい県（合成）", "南部圏域", 1_650)]);

    [Fact]
    public void WriteThenRead_EveryContractFile_RecordsEqual()
    {
        using var folder = new TempFolder();
        var written = Everything();

        ContractWriter.Write(written, folder.Path);
        var read = ContractReader.ReadFolders([folder.Path]);

        Assert.Empty(read.Errors);
        Assert.Empty(read.Warnings);
        Assert.Equal(8, read.Tallies.Count);
        IngestSamples.AssertSame(written, read.Dataset);
        Assert.False(read.Dataset.IsSynthetic);
    }

    [Fact]
    public void Read_JapaneseHeadersInShuffledOrder_Accepted()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("plans.csv"),
            "障害種別,計画ID,作成日,本人の希望,市町村コード,仮名ID,年齢階級,計画種別,障害支援区分,相談支援事業所番号,終了日,モニタリング頻度\n" +
            "知的;発達,P-9,令和8年4月1日,働きたい,472018,K-9,30-39,本計画,区分3,4710000001,,3\n", new UTF8Encoding(true));
        File.WriteAllText(folder.File("plan_needs.csv"),
            "支援目標,優先順位,領域,計画ID,課題\n週5日通う,１,日中活動,P-9,日中の居場所がほしい\n", new UTF8Encoding(false));

        var read = ContractReader.ReadFolders([folder.Path]);

        Assert.Empty(read.Errors);
        Assert.DoesNotContain(read.Warnings, w => w.Contains("column")); // every header was understood
        var plan = Assert.Single(read.Dataset.Plans);
        Assert.Equal(new Plan("P-9", "K-9", "4710000001", "472018", new(2026, 4, 1), PlanKind.Final, "30-39",
            DisabilityType.Intellectual | DisabilityType.Developmental, 3, 3, null, "働きたい"), plan);
        var need = Assert.Single(read.Dataset.Needs);
        Assert.Equal(new PlanNeed("P-9", 1, "日中の居場所がほしい", LifeDomain.DaytimeActivity, "週5日通う", null, null), need);
    }

    [Fact]
    public void Read_ShippedAsan_ZeroErrorsFourNeedsAllMetAndLinked()
    {
        var read = ContractReader.ReadFolders([RepoRoot.Combine("data-samples", "a-san")]);

        Assert.Empty(read.Errors);
        Assert.Empty(read.Warnings);
        var data = read.Dataset;
        var plan = Assert.Single(data.Plans);
        Assert.Equal(("30-39", DisabilityType.Intellectual, (byte)1), (plan.AgeBand, plan.DisabilityTypes, plan.SupportCategory));
        Assert.Equal([1, 2, 3, 4], data.Needs.Select(n => n.Priority));
        // domain.md §7: the GH and A型 plans have three 6-month goals each, and every need is linked.
        Assert.Equal([ServiceType.GroupHome, ServiceType.EmploymentA], data.SupportPlans.Select(s => s.Service));
        Assert.Equal(6, data.SupportGoals.Count);
        Assert.All(data.SupportGoals, g => Assert.Equal(6, g.PeriodMonths));
        Assert.Equal([1, 2, 3, 4], data.SupportGoals.Select(g => g.LinkedPriority!.Value).Distinct().Order());
        // 0 unmet needs: every planned service is in use or covered by informal support.
        Assert.All(data.Services, s => Assert.Contains(s.Status, new[] { ServiceStatus.InUse, ServiceStatus.Informal }));
        Assert.All(data.Needs, n => Assert.Contains(data.Services, s => s.Priority == n.Priority));
    }
}
