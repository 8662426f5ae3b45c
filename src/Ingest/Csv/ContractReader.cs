using CsvHelper;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Csv;

/// <summary>Reads the contract files found in one or more folders (and every folder below them)
/// into one <see cref="PlanDataset"/>. Each file type is read across all folders before the next,
/// so references (a need's plan) can be checked; identical re-sent rows count once.</summary>
public static class ContractReader
{
    /// <summary>The marker file the generator writes beside synthetic data (合成データ).</summary>
    public const string SyntheticMarker = "SYNTHETIC.txt";

    public static ReadResult ReadFolders(IEnumerable<string> folders)
    {
        var roots = folders.Select(Path.GetFullPath).ToList();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"入力フォルダがありません / input folder not found: {root}");
        }
        var session = new Session(roots);
        var plans = session.Read(ContractSchema.Plans, MapPlan, p => p.PlanId);
        var planIds = plans.Select(p => p.PlanId).ToHashSet();
        var needs = session.Read(ContractSchema.Needs, MapNeed, n => (n.PlanId, n.Priority), r => CheckPlan(r, planIds));
        var services = session.Read(ContractSchema.Services, MapService, s => (s.PlanId, s.Priority, s.Service, s.Since), r => CheckPlan(r, planIds));
        var supportPlans = session.Read(ContractSchema.SupportPlans, MapSupportPlan, s => s.SupportPlanId);
        var supportPlanIds = supportPlans.Select(s => s.SupportPlanId).ToHashSet();
        var goals = session.Read(ContractSchema.SupportGoals, MapGoal, g => (g.SupportPlanId, g.GoalNo), r =>
        {
            var id = r.Raw("support_plan_id");
            if (id is not null && !supportPlanIds.Contains(id.Trim()))
                r.Fail("support_plan_id", id, "個別支援計画がありません", "no such support plan in support_plans.csv");
        });
        var monitoring = session.Read(ContractSchema.Monitoring, MapMonitoring, m => (m.PlanId, m.MonitoringDate, m.Priority), r => CheckPlan(r, planIds));
        var offices = session.Read(ContractSchema.Offices, MapOffice, o => (o.OfficeId, o.Service));
        var municipalities = session.Read(ContractSchema.Municipalities, MapMunicipality, m => m.Code);

        var dataset = new PlanDataset(plans, needs, services, supportPlans, goals, monitoring, offices, municipalities)
        {
            IsSynthetic = roots.Any(r => Directory.EnumerateFiles(r, SyntheticMarker, SearchOption.AllDirectories).Any()),
        };
        return new ReadResult(dataset, session.Errors, session.Tallies, session.Warnings);
    }

    private static void CheckPlan(RowFields r, HashSet<string> planIds)
    {
        var id = r.Raw("plan_id");
        if (id is not null && !planIds.Contains(id.Trim()))
            r.Fail("plan_id", id, "サービス等利用計画がありません", "no such plan in plans.csv");
    }

    private static Plan MapPlan(RowFields r) => new(
        r.Text("plan_id"), r.Text("person_key"), r.OfficeNumber("office_id"), r.MunicipalityCode("municipality_code"),
        r.Date("plan_date"), r.Coded("plan_kind", Codes.PlanKind), r.Code("age_band"), DisabilityTypes(r),
        SupportCategory(r), r.Int("monitoring_months", 1, 12), r.OptionalDate("end_date"), r.OptionalText("wishes"));

    private static DisabilityType DisabilityTypes(RowFields r)
    {
        var raw = r.Code("disability_types");
        var types = DisabilityType.None;
        foreach (var part in raw.Split([';', '・', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Codes.Disability.TryParse(part, out var t)) types |= t;
            else r.Fail("disability_types", raw, $"未知の障害種別「{part}」", $"unknown disability type, expected {Codes.Disability.Expected}");
        }
        return types;
    }

    private static byte SupportCategory(RowFields r)
    {
        var raw = r.Code("support_category");
        if (raw is "非該当" or "0" or "none") return 0;
        var digits = raw.Replace("区分", "");
        if (digits.Length == 1 && digits[0] is >= '1' and <= '6') return (byte)(digits[0] - '0');
        if (raw.Length > 0) r.Fail("support_category", raw, "障害支援区分は 非該当 または 1〜6 です", "support category must be 非該当 or 1-6");
        return 0;
    }

    private static PlanNeed MapNeed(RowFields r) => new(
        r.Text("plan_id"), r.Int("priority", 1, 99), r.Text("need_text"), r.OptionalCoded("domain", Codes.Domain),
        r.Text("goal_text"), r.OptionalInt("target_months", 1, 120), r.OptionalText("person_role"));

    private static PlannedService MapService(RowFields r) => new(
        r.Text("plan_id"), r.Int("priority", 1, 99), r.Service("service"), r.OptionalDecimal("amount"),
        r.OptionalText("unit"), r.OptionalOfficeNumber("provider_office_id"), r.Coded("status", Codes.Status), r.Date("since"));

    private static SupportPlan MapSupportPlan(RowFields r) => new(
        r.Text("support_plan_id"), r.Text("person_key"), r.OfficeNumber("provider_office_id"), r.Service("service"),
        r.Date("plan_date"), r.OptionalText("long_goal") ?? "", r.OptionalText("short_goal") ?? "");

    private static SupportGoal MapGoal(RowFields r) => new(
        r.Text("support_plan_id"), r.Int("goal_no", 1, 99), r.Text("goal_text"), r.OptionalInt("linked_priority", 1, 99),
        r.OptionalInt("period_months", 1, 120), r.OptionalText("staff_role"));

    private static MonitoringRecord MapMonitoring(RowFields r) => new(
        r.Text("plan_id"), r.Date("monitoring_date"), r.Int("priority", 1, 99), r.Coded("achievement", Codes.Achievement),
        r.Flag("change_service_type"), r.Flag("change_amount"), r.Flag("change_weekly_schedule"), r.OptionalText("new_issue"));

    private static Office MapOffice(RowFields r) => new(
        r.OfficeNumber("office_id"), r.Text("office_name"), r.MunicipalityCode("municipality_code"), r.Service("service"),
        r.Decimal("capacity"), r.OptionalDate("opened"), r.OptionalDate("closed"));

    private static Municipality MapMunicipality(RowFields r) => new(
        r.MunicipalityCode("municipality_code"), r.Text("name"), r.Text("prefecture"), r.Text("region"),
        r.Int("population", 0));

    /// <summary>The state of one read: the files found, the errors and tallies so far.</summary>
    private sealed class Session(IReadOnlyList<string> roots)
    {
        public List<RowError> Errors { get; } = [];
        public List<FileTally> Tallies { get; } = [];
        public List<string> Warnings { get; } = [];

        private IEnumerable<string> Find(FileSpec spec) =>
            roots.SelectMany(root => Directory.EnumerateFiles(root, spec.FileName, new EnumerationOptions
            {
                RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive,
            })).Distinct().Order(StringComparer.Ordinal);

        private string Display(string path)
        {
            var root = roots.FirstOrDefault(r => path.StartsWith(r, StringComparison.Ordinal));
            return root is null ? path : Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, path).Replace('\\', '/');
        }

        public List<T> Read<T, TKey>(FileSpec spec, Func<RowFields, T> map, Func<T, TKey> key, Action<RowFields>? check = null)
            where T : class where TKey : notnull
        {
            var kept = new Dictionary<TKey, T>();
            var order = new List<T>();
            foreach (var path in Find(spec))
            {
                var file = Display(path);
                long read = 0, accepted = 0, rejected = 0, duplicates = 0;
                var options = CsvReaderOptions.Default with
                {
                    Encoding = EncodingDetector.Detect(path), TrackLineNumbers = true,
                    IncludeValuesInExceptions = false, Separator = ',',
                };
                try
                {
                    using var csv = CsvReader.FromFile(path, options);
                    var fields = new RowFields(csv, file, spec, csv.Headers, Warnings);
                    while (csv.Read())
                    {
                        read++;
                        fields.Reset();
                        var record = map(fields);
                        check?.Invoke(fields);
                        if (!fields.HasErrors)
                        {
                            var k = key(record);
                            if (!kept.TryGetValue(k, out var existing))
                            {
                                kept.Add(k, record);
                                order.Add(record);
                            }
                            else if (existing.Equals(record)) duplicates++;
                            else fields.Fail(spec.Columns[0].Name, k.ToString(), "同じキーで内容が異なる行があります", "duplicate key with different content");
                        }
                        if (fields.HasErrors)
                        {
                            rejected++;
                            Errors.AddRange(fields.Errors);
                        }
                        else accepted++;
                    }
                }
                catch (CsvFormatException e)
                {
                    // Malformed beyond recovery (e.g. an unclosed quote): the rest of the file is one rejected record.
                    read++;
                    rejected++;
                    Errors.Add(new RowError(file, e.LineNumber, "", "", $"CSVの形式が壊れています / malformed CSV: {e.Message}"));
                }
                Tallies.Add(new FileTally(file, read, accepted, rejected, duplicates));
            }
            return order;
        }
    }
}
