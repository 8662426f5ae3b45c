using PlanLink.Tests.Support;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>The reader parses plain fields from their bytes and remembers what each distinct value of a column
/// parsed to: a value must parse the same whether it comes first or after others, written plainly or oddly
/// (full-width, spaced, quoted, other date formats), and a bad value must be reported on every row that has it.
/// Reference checks run after parsing and must still report errors in line order, quoting the values as written.</summary>
public class IngestFastPathTests
{
    private const string PlansHeader =
        "plan_id,person_key,office_id,municipality_code,plan_date,plan_kind,age_band,disability_types,support_category,monitoring_months,end_date,wishes\n";

    private static string Folder(TempFolder temp, params (string File, string Text)[] files)
    {
        var folder = temp.Sub("export");
        foreach (var (file, text) in files) File.WriteAllText(Path.Combine(folder, file), text);
        return folder;
    }

    [Fact]
    public void ReadFolders_OddSpellingsBeforeAndAfterPlainOnes_ParseToTheSameValues()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp, ("plans.csv", PlansHeader +
            "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n" +
            "P2,pk-a,１３１０１０００１１,１３１０１６,２０２６-０４-０１,本計画,30-39,知的,1,３,,\n" +
            "\" P3 \",pk-a,\" 1310100011 \",131016,2026/4/1,final,30-39,知的,区分１, 3 ,,\n" +
            "P4,pk-a,1310100011,131016,R8.4.1,本計画,30-39,知的,1,3,2026-4-1,\n" +
            "P5,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n" +
            "P6,pk-a,１３１０１０００１１,１３１０１６,２０２６-０４-０１,本計画,30-39,知的,1,３,,\n" +
            "P7,pk-a,1310100011,131016,令和8年4月1日,本計画 ,30-39, 知的 ,区分１,03,R8.4.1,\"\"\n"));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Empty(result.Errors);
        var plans = result.Dataset.Plans;
        Assert.Equal(["P1", "P2", "P3", "P4", "P5", "P6", "P7"], plans.Select(p => p.PlanId));
        var date = new DateOnly(2026, 4, 1);
        foreach (var p in plans)
        {
            Assert.Equal(("pk-a", "1310100011", "131016", date, PlanKind.Final), (p.PersonKey, p.OfficeId, p.MunicipalityCode, p.PlanDate, p.Kind));
            Assert.Equal((DisabilityType.Intellectual, (byte)1, 3, (string?)null), (p.DisabilityTypes, p.SupportCategory, p.MonitoringMonths, p.Wishes));
        }
        Assert.Equal([null, null, null, date, null, null, date], plans.Select(p => p.EndDate));
    }

    [Fact]
    public void ReadFolders_TheSameBadValueOnSeveralRows_IsReportedOnEachRow()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp, ("plans.csv", PlansHeader +
            "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,13,,\n" +
            "P2,pk-a,1310100011,131016,2026-02-30,本計画,30-39,知的,1,3,,\n" +
            "P3,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n" +
            "P4,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,13,,\n" +
            "P5,pk-a,1310100011,131016,2026-02-30,本計画,30-39,知的,1,3,,\n" +
            "P6,pk-a,131010001,131016,2026-04-01,本計画,30-39,知的,1,3,,\n" +
            "P7,pk-a,131010001,131017,2026-04-01,未知,30-39,知的,1,3,,\n" +
            "P8,pk-a,1310100011,131016,1900-01-01,本計画,30-39,知的,1,3,,\n"));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Equal(["P3"], result.Dataset.Plans.Select(p => p.PlanId));
        Assert.Equal(
            [
                (2L, "monitoring_months", "13"), (3L, "plan_date", "2026-02-30"), (5L, "monitoring_months", "13"),
                (6L, "plan_date", "2026-02-30"), (7L, "office_id", "131010001"), (8L, "office_id", "131010001"),
                (8L, "municipality_code", "131017"), (8L, "plan_kind", "未知"), (9L, "plan_date", "1900-01-01"),
            ],
            result.Errors.Select(e => (e.Line, e.Column, e.Value)));
        IngestSamples.AssertReconciles(result);
    }

    [Fact]
    public void ReadFolders_ReferenceAndParseErrorsInOneFile_ComeInLineOrderQuotingTheValuesAsWritten()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp,
            ("offices.csv", "office_id,office_name,municipality_code,service,capacity,opened,closed\n1310100011,A,131016,group_home,5,,\n"),
            ("plans.csv", PlansHeader + "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n"),
            ("plan_needs.csv", "plan_id,priority,need_text,domain,goal_text,target_months,person_role\n" +
                "P9,1,a,,b,,\n" +
                "P1,x,a,,b,,\n" +
                "\" P9 \",1,a,,b,,\n" +
                "P1,1,a,,b,,\n" +
                "P1,1,a,,b,,\n" +
                "P1,1,c,,b,,\n" +
                "P1,2,a,,b,,\n"),
            ("plan_services.csv", "plan_id,priority,service,amount,unit,provider_office_id,status,since\n" +
                "P1,1,group_home,,,１３１０１０００９９,in_use,2026-04-01\n" +
                "P1,1,group_home,,,1310100011,in_use,2026-04-02\n" +
                "P8,1,group_home,,,1310100099,in_use,2026-04-03\n"));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Equal(
            [
                ("export/plan_needs.csv", 2L, "plan_id", "P9"), ("export/plan_needs.csv", 3L, "priority", "x"),
                ("export/plan_needs.csv", 4L, "plan_id", " P9 "), ("export/plan_needs.csv", 7L, "plan_id", "(P1, 1)"),
                ("export/plan_services.csv", 2L, "provider_office_id", "１３１０１０００９９"),
                ("export/plan_services.csv", 4L, "plan_id", "P8"), ("export/plan_services.csv", 4L, "provider_office_id", "1310100099"),
            ],
            result.Errors.Select(e => (e.File, e.Line, e.Column, e.Value)));
        Assert.Equal([(1, "a"), (2, "a")], result.Dataset.Needs.Select(n => (n.Priority, n.NeedText)));
        var needs = result.Tallies.Single(t => t.File == "export/plan_needs.csv");
        Assert.Equal((7L, 3L, 4L, 1L), (needs.Read, needs.Accepted, needs.Rejected, needs.Duplicates));
        Assert.Equal([new DateOnly(2026, 4, 2)], result.Dataset.Services.Select(s => s.Since));
        IngestSamples.AssertReconciles(result);
    }

    [Fact]
    public void ReadFolders_RowsKeptFromSeveralFiles_ComeInFileOrderWithNoneLeftOver()
    {
        // The rows kept overwrite the first file's parsed rows in place; the second file's rows follow them, and the
        // first file's rejected and duplicate rows (beyond the rows kept) must not survive at the end.
        using var temp = new TempFolder();
        const string needsHeader = "plan_id,priority,need_text,domain,goal_text,target_months,person_role\n";
        var first = temp.Sub("2026Q1");
        File.WriteAllText(Path.Combine(first, "plans.csv"), PlansHeader +
            "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\nP2,pk-b,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n");
        File.WriteAllText(Path.Combine(first, "plan_needs.csv"), needsHeader +
            "P1,1,a,,b,,\nP9,1,x,,b,,\nP1,1,a,,b,,\nP1,2,c,,b,,\nP1,x,x,,b,,\nP2,1,d,,b,,\nP2,1,d,,b,,\nP2,1,e,,b,,\n");
        var second = temp.Sub("2026Q2");
        File.WriteAllText(Path.Combine(second, "plan_needs.csv"), needsHeader + "P1,2,c,,b,,\nP2,2,f,,b,,\nP1,3,g,,b,,\n");

        var result = ContractReader.ReadFolders([temp.Path]);

        Assert.Equal([("P1", 1, "a"), ("P1", 2, "c"), ("P2", 1, "d"), ("P2", 2, "f"), ("P1", 3, "g")],
            result.Dataset.Needs.Select(n => (n.PlanId, n.Priority, n.NeedText)));
        var tallies = result.Tallies.Where(t => t.File.EndsWith("plan_needs.csv", StringComparison.Ordinal)).ToList();
        Assert.Equal([(8L, 5L, 3L, 2L), (3L, 3L, 0L, 1L)], tallies.Select(t => (t.Read, t.Accepted, t.Rejected, t.Duplicates)));
        IngestSamples.AssertReconciles(result);
    }

    [Fact]
    public void ReadFolders_DuplicatesAfterOtherPlansOrAmongManyNeeds_AreFoundWherever()
    {
        using var temp = new TempFolder();
        var needs = new System.Text.StringBuilder("plan_id,priority,need_text,domain,goal_text,target_months,person_role\n");
        // P1's needs come back after P2's (a re-sent export appended), and P2 has more needs than are compared one by one.
        needs.Append("P1,1,a,,b,,\nP2,1,a,,b,,\nP1,1,a,,b,,\nP1,2,a,,b,,\nP1,2,c,,b,,\n");
        for (var p = 1; p <= 40; p++) needs.Append($"P2,{p},a,,b,,\n");
        needs.Append("P2,30,c,,b,,\nP1,1,a,,b,,\n");
        var folder = Folder(temp, ("plans.csv", PlansHeader +
            "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\nP2,pk-b,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n"),
            ("plan_needs.csv", needs.ToString()));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Equal([(6L, "(P1, 2)"), (47L, "(P2, 30)")], result.Errors.Select(e => (e.Line, e.Value)));
        Assert.Equal(42, result.Dataset.Needs.Count);
        var tally = result.Tallies.Single(t => t.File == "export/plan_needs.csv");
        Assert.Equal((47L, 45L, 2L, 3L), (tally.Read, tally.Accepted, tally.Rejected, tally.Duplicates));
    }

    [Fact]
    public void ReadFolders_ServiceAndMonitoringRowsOfOnePlan_AreOneKeyPerPriorityServiceAndDate()
    {
        // Within a plan a service row's key is its priority, service and date, a monitoring row's its date and priority
        // (KeyTable compares them packed side by side, without the plan id): rows differing in any one part are kept,
        // the same key again is a duplicate or a conflict, before and after the plan's keys outgrow the side-by-side
        // comparison (P2 has 20) and when the plan comes back after another.
        using var temp = new TempFolder();
        var services = new System.Text.StringBuilder("plan_id,priority,service,amount,unit,provider_office_id,status,since\n");
        services.Append("P1,1,group_home,,,,in_use,2026-04-01\nP1,1,group_home,,,,in_use,2026-04-02\nP1,1,home_care,,,,in_use,2026-04-01\n");
        services.Append("P1,2,group_home,,,,in_use,2026-04-01\nP1,1,group_home,,,,in_use,2026-04-01\nP1,1,home_care,,,,waiting,2026-04-01\n");
        var day = new DateOnly(2026, 4, 1);
        for (var d = 0; d < 20; d++) services.Append($"P2,1,group_home,,,,in_use,{day.AddDays(d):yyyy-MM-dd}\n");
        services.Append("P2,1,group_home,,,,in_use,2026-04-03\nP2,1,group_home,,,,waiting,2026-04-20\nP2,1,home_care,,,,in_use,2026-04-20\n");
        services.Append("P1,2,group_home,,,,waiting,2026-04-01\nP1,3,group_home,,,,in_use,2026-04-01\n");
        var monitoring = "plan_id,monitoring_date,priority,achievement,change_service_type,change_amount,change_weekly_schedule,new_issue\n" +
            "P1,2026-07-01,1,達成,無,無,無,\nP1,2026-07-01,2,達成,無,無,無,\nP1,2026-10-01,1,達成,無,無,無,\n" +
            "P1,2026-10-01,1,達成,無,無,無,\nP1,2026-07-01,2,未達成,無,無,無,\n";
        var folder = Folder(temp, ("plans.csv", PlansHeader +
            "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\nP2,pk-b,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n"),
            ("plan_services.csv", services.ToString()), ("monitoring.csv", monitoring));

        var result = ContractReader.ReadFolders([folder]);

        // The keys quoted as the contract writes them, whatever the culture.
        Assert.Equal([("export/plan_services.csv", 7L, "(P1, 1, home_care, 2026-04-01)"), ("export/plan_services.csv", 29L, "(P2, 1, group_home, 2026-04-20)"),
            ("export/plan_services.csv", 31L, "(P1, 2, group_home, 2026-04-01)"), ("export/monitoring.csv", 6L, "(P1, 2026-07-01, 2)")],
            result.Errors.Select(e => (e.File, e.Line, e.Value)));
        Assert.Equal([("P1", 1, ServiceType.GroupHome, 1), ("P1", 1, ServiceType.GroupHome, 2), ("P1", 1, ServiceType.HomeCare, 1), ("P1", 2, ServiceType.GroupHome, 1),
            .. Enumerable.Range(1, 20).Select(d => ("P2", 1, ServiceType.GroupHome, d)), ("P2", 1, ServiceType.HomeCare, 20), ("P1", 3, ServiceType.GroupHome, 1)],
            result.Dataset.Services.Select(s => (s.PlanId, s.Priority, s.Service, s.Since.Day)));
        Assert.Equal([(7, 1), (7, 2), (10, 1)], result.Dataset.Monitoring.Select(m => (m.MonitoringDate.Month, m.Priority)));
        var tally = result.Tallies.Single(t => t.File == "export/plan_services.csv");
        Assert.Equal((31L, 28L, 3L, 2L), (tally.Read, tally.Accepted, tally.Rejected, tally.Duplicates));
    }

    [Fact]
    public void ReadFolders_ValuesSharingTheirFirstBytes_ParseToTheirOwnValues()
    {
        using var temp = new TempFolder();
        // Repeated and interleaved, so that each is also read from the column's cache; some differ only after 16 bytes
        // or by one byte more, some are empty (an optional code, a required text).
        string[] texts = ["abcdefghijklmnop", "abcdefghijklmnopX", "abcdefghijklmno", "abcdefghijklmnopY", "長い課題の文章その一", "長い課題の文章その二"];
        var needs = new System.Text.StringBuilder("plan_id,priority,need_text,domain,goal_text,target_months,person_role\n");
        var priority = 0;
        for (var round = 0; round < 3; round++)
        {
            foreach (var text in texts) needs.Append($"P1,{++priority},{text},{(priority % 2 == 0 ? "leisure" : "")},{text}!,,\n");
        }
        needs.Append($"P1,{++priority},abcdefghijklmnop,,,,\n");
        var folder = Folder(temp, ("plans.csv", PlansHeader + "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n"),
            ("plan_needs.csv", needs.ToString()));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Equal([(20L, "goal_text")], result.Errors.Select(e => (e.Line, e.Column)));
        string[] expected = [.. texts, .. texts, .. texts];
        Assert.Equal(expected, result.Dataset.Needs.Select(n => n.NeedText));
        Assert.Equal(expected.Select(t => t + "!"), result.Dataset.Needs.Select(n => n.GoalText));
        Assert.Equal(Enumerable.Range(1, 18).Select(p => p % 2 == 0 ? LifeDomain.Leisure : (LifeDomain?)null), result.Dataset.Needs.Select(n => n.Domain));
    }

    [Fact]
    public void ReadFolders_FlagsWrittenAnyAcceptedWay_ParseAlikeBeforeAndAfterThePlainOnes()
    {
        using var temp = new TempFolder();
        // 有 and 無 are read from their bytes; every other spelling takes the cache and the string path, on its first row
        // and on its later ones, and a bad value fails on each row that has it.
        (string Text, bool? Value)[] flags =
        [
            ("あり", true), ("有", true), ("Y", true), ("yes", true), ("TRUE", true), ("1", true), ("Ｙ", true), (" 有 ", true), ("\"有\"", true),
            ("なし", false), ("無", false), ("N", false), ("no", false), ("false", false), ("0", false), ("０", false), ("無 ", false),
            ("多分", null), ("有無", null), ("有り無し", null),
        ];
        var monitoring = new System.Text.StringBuilder(
            "plan_id,monitoring_date,priority,achievement,change_service_type,change_amount,change_weekly_schedule,new_issue\n");
        var priority = 0;
        for (var round = 0; round < 2; round++)
        {
            foreach (var (text, _) in flags) monitoring.Append($"P1,2026-07-01,{++priority},達成,{text},無,有,\n");
        }
        var folder = Folder(temp, ("plans.csv", PlansHeader + "P1,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n"),
            ("monitoring.csv", monitoring.ToString()));

        var result = ContractReader.ReadFolders([folder]);

        var expected = flags.Concat(flags).ToList();
        Assert.Equal(expected.Select((f, i) => (f, i)).Where(p => p.f.Value is null).Select(p => (p.i + 2L, "change_service_type")),
            result.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(expected.Where(f => f.Value is not null).Select(f => f.Value!.Value), result.Dataset.Monitoring.Select(m => m.ChangeServiceType));
        Assert.All(result.Dataset.Monitoring, m => Assert.Equal((false, true), (m.ChangeAmount, m.ChangeWeeklySchedule)));
    }

    [Fact]
    public void ReadFolders_GoalLinkedPriorities_AreCheckedAgainstThePlanCurrentAtTheSupportPlanDate()
    {
        using var temp = new TempFolder();
        // The person's plans out of date order, two on one day (the later id is current), priorities across the whole range.
        var folder = Folder(temp,
            ("plans.csv", PlansHeader +
                "P2,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n" +
                "P1,pk-a,1310100011,131016,2025-04-01,本計画,30-39,知的,1,3,,\n" +
                "P10,pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n"),
            ("plan_needs.csv", "plan_id,priority,need_text,domain,goal_text,target_months,person_role\n" +
                "P2,99,a,,b,,\nP2,64,a,,b,,\nP10,1,a,,b,,\nP1,63,a,,b,,\nP2,2,a,,b,,\n"),
            ("support_plans.csv", "support_plan_id,person_key,provider_office_id,service,plan_date,long_goal,short_goal\n" +
                "S1,pk-a,1310100011,group_home,2026-05-01,,\nS2,pk-a,1310100011,group_home,2025-06-01,,\n"),
            ("support_goals.csv", "support_plan_id,goal_no,goal_text,linked_priority,period_months,staff_role\n" +
                "S1,1,g,99,,\nS1,2,g,64,,\nS1,3,g,1,,\nS1,4,g,2,,\nS2,1,g,63,,\nS2,2,g,99,,\n"));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Equal([(4L, "linked_priority", "1"), (7L, "linked_priority", "99")], result.Errors.Select(e => (e.Line, e.Column, e.Value)));
        Assert.Contains("（P2）", result.Errors[0].Reason);
        Assert.Contains("（P1）", result.Errors[1].Reason);
        Assert.Equal([("S1", 1), ("S1", 2), ("S1", 4), ("S2", 1)], result.Dataset.SupportGoals.Select(g => (g.SupportPlanId, g.GoalNo)));
    }

    [Fact]
    public void ReadFolders_OfficeNumbers_KeepTheirLeadingZerosAndBadOnesFailOnEveryRow()
    {
        using var temp = new TempFolder();
        // Numbers equal as values but not as text (leading zeros), near misses of 9 and 11 digits, a letter, each twice.
        string[] offices = ["0000000001", "0000000010", "1310100011", "0000000001", "000000001", "00000000011", "131010001a", "000000001", "１３１０１０００１１",
            "131010001:", "/310100011"];
        var plans = new System.Text.StringBuilder(PlansHeader);
        for (var i = 0; i < offices.Length; i++) plans.Append($"P{i + 1},pk-a,{offices[i]},131016,2026-04-01,本計画,30-39,知的,1,3,,\n");
        var folder = Folder(temp, ("plans.csv", plans.ToString()));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Equal([(6L, "000000001"), (7L, "00000000011"), (8L, "131010001a"), (9L, "000000001"), (11L, "131010001:"), (12L, "/310100011")],
            result.Errors.Select(e => (e.Line, e.Value)));
        Assert.All(result.Errors, e => Assert.Equal("office_id", e.Column));
        var kept = result.Dataset.Plans;
        Assert.Equal(["0000000001", "0000000010", "1310100011", "0000000001", "1310100011"], kept.Select(p => p.OfficeId));
        // A number read again is the string read first.
        Assert.Same(kept[0].OfficeId, kept[3].OfficeId);
    }

    [Fact]
    public void ReadFolders_ProvidersOfOfficesCsv_AreKnownHoweverWrittenAndShareTheOfficesNumbers()
    {
        using var temp = new TempFolder();
        var folder = Folder(temp,
            ("offices.csv", "office_id,office_name,municipality_code,service,capacity,opened,closed\n" +
                "0000000001,A,131016,group_home,5,,\n1310100011,B,131016,group_home,5,,\n"),
            ("plans.csv", PlansHeader + "P1,pk-a,0000000001,131016,2026-04-01,本計画,30-39,知的,1,3,,\n"),
            ("plan_services.csv", "plan_id,priority,service,amount,unit,provider_office_id,status,since\n" +
                "P1,1,group_home,,,0000000001,in_use,2026-04-01\n" +
                "P1,1,group_home,,,０００００００００１,in_use,2026-04-02\n" +
                "P1,1,group_home,,,0000000002,in_use,2026-04-03\n" +
                "P1,1,group_home,,,1310100011,in_use,2026-04-04\n" +
                "P1,1,group_home,,,000000001,in_use,2026-04-05\n" +
                "PX,1,group_home,,,0000000002,in_use,2026-04-06\n" +
                "P1,1,group_home,,,０００００００００２,in_use,2026-04-07\n" +
                "P1,1,group_home,,,0000000002,in_use,2026-04-08\n"));

        var result = ContractReader.ReadFolders([folder]);

        // An unknown provider is found as the number is read, and reported after the row's plan check, quoted as written.
        Assert.Equal([(4L, "provider_office_id", "0000000002"), (6L, "provider_office_id", "000000001"), (7L, "plan_id", "PX"),
            (7L, "provider_office_id", "0000000002"), (8L, "provider_office_id", "０００００００００２"), (9L, "provider_office_id", "0000000002")],
            result.Errors.Select(e => (e.Line, e.Column, e.Value)));
        var services = result.Dataset.Services;
        Assert.Equal(["0000000001", "0000000001", "1310100011"], services.Select(s => s.ProviderOfficeId));
        var office = result.Dataset.Offices[0].OfficeId;
        Assert.Same(office, result.Dataset.Plans[0].OfficeId);
        Assert.Same(office, services[0].ProviderOfficeId);
    }

    [Fact]
    public void ReadFolders_UndecodableBytesAnywhereInALargeFile_FailTheirOwnFieldOnly()
    {
        using var temp = new TempFolder();
        // Enough rows for many reads of the file, some longer than a read's carry-over, with bad bytes (an invalid
        // byte, a cut character, U+FFFD) in any column, at a field's end, on the last line (without a line feed), in CRLF lines.
        var random = new Random(5);
        var file = new MemoryStream();
        void Write(string text) => file.Write(System.Text.Encoding.UTF8.GetBytes(text));
        Write("\uFEFFplan_id,priority,need_text,domain,goal_text,target_months,person_role\n");
        string[] columns = ["plan_id", "priority", "need_text", "domain", "goal_text", "target_months", "person_role"];
        byte[][] bad = [[0xFF], [0xE6, 0x97], [0xEF, 0xBF, 0xBD]];
        var expected = new List<(long, string)>();
        const int rows = 3000;
        for (var row = 1; row <= rows; row++)
        {
            string[] cells = [$"P{row}", "1", row % 97 == 0 ? new string('長', 2000) : "自分で買い物をしたい", "", "週に二回は外出する", "", "本人"];
            var spoiled = row == rows || random.Next(40) == 0 ? random.Next(cells.Length) : -1;
            for (var c = 0; c < cells.Length; c++)
            {
                if (c > 0) Write(",");
                Write(cells[c]);
                if (c == spoiled) file.Write(bad[random.Next(bad.Length)]);
            }
            if (spoiled >= 0) expected.Add((row + 1, columns[spoiled]));
            if (row < rows) Write(row % 5 == 0 ? "\r\n" : "\n");
        }
        var plans = new System.Text.StringBuilder(PlansHeader);
        for (var p = 1; p <= rows; p++) plans.Append($"P{p},pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n");
        var folder = Folder(temp, ("plans.csv", plans.ToString()));
        File.WriteAllBytes(Path.Combine(folder, "plan_needs.csv"), file.ToArray());

        var result = ContractReader.ReadFolders([folder]);

        Assert.True(expected.Count > 50);
        Assert.Equal(expected, result.Errors.Select(e => (e.Line, e.Column)));
        Assert.All(result.Errors, e => Assert.Contains("文字化け", e.Reason));
        Assert.Equal(rows - expected.Count, result.Dataset.Needs.Count);
    }

    [Fact]
    public void ReadFolders_TextsOfEveryLengthDifferingInTheirLastByte_ParseToTheirOwnValues()
    {
        using var temp = new TempFolder();
        var texts = new List<string>();
        for (var length = 1; length <= 40; length++)
        {
            texts.Add(new string('a', length - 1) + "b");
            texts.Add(new string('a', length - 1) + "c");
        }
        var needs = new System.Text.StringBuilder("plan_id,priority,need_text,domain,goal_text,target_months,person_role\n");
        var priority = 0;
        for (var round = 0; round < 2; round++)
        {
            foreach (var text in texts) needs.Append($"P{++priority},1,{text},,{text},,\n");
        }
        var plans = new System.Text.StringBuilder(PlansHeader);
        for (var p = 1; p <= priority; p++) plans.Append($"P{p},pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n");
        var folder = Folder(temp, ("plans.csv", plans.ToString()), ("plan_needs.csv", needs.ToString()));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Empty(result.Errors);
        Assert.Equal([.. texts, .. texts], result.Dataset.Needs.Select(n => n.NeedText));
    }

    [Fact]
    public void ReadFolders_ChildrenInAnotherOrderThanTheirParents_AreCheckedAndDeduplicatedAlike()
    {
        using var temp = new TempFolder();
        // Needs and goals out of their parents' order, a parent without children, a dangling id between runs,
        // parents coming back, duplicates and conflicts in each.
        var plans = new System.Text.StringBuilder(PlansHeader);
        foreach (var p in new[] { "P1", "P2", "P3", "P4" }) plans.Append($"{p},pk-a,1310100011,131016,2026-04-01,本計画,30-39,知的,1,3,,\n");
        var folder = Folder(temp, ("plans.csv", plans.ToString()),
            ("plan_needs.csv", "plan_id,priority,need_text,domain,goal_text,target_months,person_role\n" +
                "P3,1,a,,b,,\nP1,1,a,,b,,\nPX,1,a,,b,,\nP1,2,a,,b,,\nP4,1,a,,b,,\nP3,1,a,,b,,\nP3,2,a,,b,,\nP1,2,c,,b,,\nP4,1,a,,b,,\n"),
            ("support_plans.csv", "support_plan_id,person_key,provider_office_id,service,plan_date,long_goal,short_goal\n" +
                "S1,pk-a,1310100011,group_home,2026-05-01,,\nS2,pk-a,1310100011,group_home,2026-05-01,,\nS3,pk-a,1310100011,group_home,2026-05-01,,\n"),
            ("support_goals.csv", "support_plan_id,goal_no,goal_text,linked_priority,period_months,staff_role\n" +
                "S3,1,g,,,\nS1,1,g,,,\nSX,1,g,,,\nS1,1,g,,,\nS3,1,h,,,\nS3,2,g,,,\n"));

        var result = ContractReader.ReadFolders([folder]);

        Assert.Equal([(4L, "plan_id"), (9L, "plan_id"), (4L, "support_plan_id"), (6L, "support_plan_id")],
            result.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal([("P3", 1), ("P1", 1), ("P1", 2), ("P4", 1), ("P3", 2)], result.Dataset.Needs.Select(n => (n.PlanId, n.Priority)));
        Assert.Equal([("S3", 1), ("S1", 1), ("S3", 2)], result.Dataset.SupportGoals.Select(g => (g.SupportPlanId, g.GoalNo)));
        var needs = result.Tallies.Single(t => t.File == "export/plan_needs.csv");
        Assert.Equal((9L, 7L, 2L, 2L), (needs.Read, needs.Accepted, needs.Rejected, needs.Duplicates));
    }

    [Fact]
    public void ReadFolders_ThousandsOfPlansInAnyOrder_AreDeduplicatedFoundByTheirChildrenAndLinkedToEachPersonsCurrentPlan()
    {
        // Enough plans for the tables of millions to probe, collide and fetch ahead (KeyTable's flat index), in an order of
        // their own; children naming them in other orders (KnownIds beyond its look-ahead) or skipping some (within it);
        // persons whose plans lie apart (CurrentPlanIndex), and support plans in an order of their own.
        using var temp = new TempFolder();
        var random = new Random(11);
        var ids = Enumerable.Range(0, 3000).OrderBy(_ => random.Next()).ToList();
        string Person(int n) => $"pk-{n % 700:D4}";
        DateOnly Date(int n) => new DateOnly(2020, 1, 1).AddDays(n % 997);
        string PlanRow(int n, string kind = "本計画") => $"P{n},{Person(n)},1310100011,131016,{Date(n):yyyy-MM-dd},{kind},30-39,知的,1,3,,\n";
        var plans = new System.Text.StringBuilder(PlansHeader);
        foreach (var n in ids) plans.Append(PlanRow(n));
        plans.Append(PlanRow(ids[17])).Append(PlanRow(ids[2500], "計画案"));
        // Every third plan has a need (priority 1), named from the last id to the first; and one plan no file has.
        var needs = new System.Text.StringBuilder("plan_id,priority,need_text,domain,goal_text,target_months,person_role\n");
        foreach (var n in Enumerable.Range(0, 3000).Reverse().Where(n => n % 3 == 0)) needs.Append($"P{n},1,a,,b,,\n");
        needs.Append("PZ,1,a,,b,,\n");
        // Monitoring in the plans' order, skipping one or two plans here and there, and jumping far once.
        var monitored = ids.Where((_, i) => i % 4 != 1 && i % 7 != 3).ToList();
        monitored.Insert(100, ids[2900]);
        var monitoring = new System.Text.StringBuilder("plan_id,monitoring_date,priority,achievement,change_service_type,change_amount,change_weekly_schedule,new_issue\n");
        foreach (var n in monitored) monitoring.Append($"P{n},{Date(n).AddMonths(3):yyyy-MM-dd},1,達成,無,無,無,\n");
        // A support plan per person, in a shuffled order, each with a goal linked to priority 1.
        var persons = Enumerable.Range(0, 700).OrderBy(_ => random.Next()).ToList();
        var supportPlans = new System.Text.StringBuilder("support_plan_id,person_key,provider_office_id,service,plan_date,long_goal,short_goal\n");
        var goals = new System.Text.StringBuilder("support_plan_id,goal_no,goal_text,linked_priority,period_months,staff_role\n");
        foreach (var k in persons)
        {
            supportPlans.Append($"S{k},pk-{k:D4},1310100011,group_home,2021-06-01,,\n");
            goals.Append($"S{k},1,g,1,,\n");
        }
        var folder = Folder(temp, ("plans.csv", plans.ToString()), ("plan_needs.csv", needs.ToString()), ("monitoring.csv", monitoring.ToString()),
            ("support_plans.csv", supportPlans.ToString()), ("support_goals.csv", goals.ToString()));

        var result = ContractReader.ReadFolders([folder]);

        // Expected, worked out here without the reader: each person's current plan on 2021-06-01 is the latest dated on
        // or before it (the later id on one day), else the earliest; its goal fails when that plan has no need.
        var currentPlan = Enumerable.Range(0, 700).ToDictionary(k => k, k =>
        {
            var own = Enumerable.Range(0, 3000).Where(n => n % 700 == k).OrderBy(Date).ThenBy(n => $"P{n}", StringComparer.Ordinal).ToList();
            var before = own.Where(n => Date(n) <= new DateOnly(2021, 6, 1)).ToList();
            return before.Count > 0 ? before[^1] : own[0];
        });
        var unlinked = persons.Select((k, i) => (Line: i + 2L, Plan: currentPlan[k])).Where(x => x.Plan % 3 != 0).ToList();
        Assert.Equal([("export/plans.csv", 3003L, "plan_id"), ("export/plan_needs.csv", 1002L, "plan_id"),
            .. unlinked.Select(x => ("export/support_goals.csv", x.Line, "linked_priority"))],
            result.Errors.Select(e => (e.File, e.Line, e.Column)));
        Assert.All(unlinked.Zip(result.Errors.Skip(2)), x => Assert.Contains($"（P{x.First.Plan}）", x.Second.Reason));
        Assert.Equal(ids.Select(n => $"P{n}"), result.Dataset.Plans.Select(p => p.PlanId));
        Assert.Equal(1000, result.Dataset.Needs.Count);
        // The plan jumped to comes again in its place: the same row, counted once.
        Assert.Equal(monitored.Distinct().Select(n => $"P{n}"), result.Dataset.Monitoring.Select(m => m.PlanId));
        Assert.Equal(1, result.Tallies.Single(t => t.File == "export/monitoring.csv").Duplicates);
        Assert.Equal(700 - unlinked.Count, result.Dataset.SupportGoals.Count);
        var plansTally = result.Tallies.Single(t => t.File == "export/plans.csv");
        Assert.Equal((3002L, 3001L, 1L, 1L), (plansTally.Read, plansTally.Accepted, plansTally.Rejected, plansTally.Duplicates));
    }

    [Fact]
    public void ReadFolders_AnIdNamedInSeveralFiles_IsOneStringInstance()
    {
        // Nationally every plan id is written in four files: the read keeps one string per id, not one per file.
        var read = ContractReader.ReadFolders([RepoRoot.Combine("data-samples", "region")]);
        var d = read.Dataset;
        var plans = d.Plans.GroupBy(p => p.PlanId).ToDictionary(g => g.Key, g => g.First().PlanId);
        Assert.All(d.Needs, n => Assert.Same(plans[n.PlanId], n.PlanId));
        Assert.All(d.Services, s => Assert.Same(plans[s.PlanId], s.PlanId));
        Assert.All(d.Monitoring, m => Assert.Same(plans[m.PlanId], m.PlanId));
        var supportPlans = d.SupportPlans.GroupBy(p => p.SupportPlanId).ToDictionary(g => g.Key, g => g.First().SupportPlanId);
        Assert.All(d.SupportGoals, g => Assert.Same(supportPlans[g.SupportPlanId], g.SupportPlanId));
        // A person's adjacent rows share one key string within a file (a person's keys are not shared across files: ~24 MB nationally).
        Assert.All(d.SupportPlans.GroupBy(s => s.PersonKey), g => Assert.All(g, s => Assert.Same(g.First().PersonKey, s.PersonKey)));
        Assert.Contains(d.SupportPlans.GroupBy(s => s.PersonKey), g => g.Count() > 1);
    }
}
