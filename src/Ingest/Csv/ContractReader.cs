using System.Runtime.ExceptionServices;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Privacy;
using PlanLink.Ingest.Validation;

namespace PlanLink.Ingest.Csv;

/// <summary>Reads the contract files found in one or more folders (and every folder below them)
/// into one <see cref="PlanDataset"/>. Each file type is read across all folders before the next,
/// so references (a need's plan) can be checked; identical re-sent rows count once.</summary>
public static class ContractReader
{
    /// <summary>The marker file the generator writes beside synthetic data (合成データ).</summary>
    public const string SyntheticMarker = "SYNTHETIC.txt";

    /// <summary>Reads and checks every contract file under <paramref name="folders"/>, detecting each file's encoding.</summary>
    /// <exception cref="IdentifierFoundException">A file holds a direct identifier (domain.md §6): nothing from this read may be used.</exception>
    public static ReadResult ReadFolders(IEnumerable<string> folders) => ReadFolders(folders, ReadOptions.Default);

    /// <summary>Reads and checks every contract file under <paramref name="folders"/>.</summary>
    /// <exception cref="IdentifierFoundException">A file holds a direct identifier (domain.md §6): nothing from this read may be used.</exception>
    public static ReadResult ReadFolders(IEnumerable<string> folders, ReadOptions options)
    {
        var roots = folders.Select(Path.GetFullPath).ToList();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"入力フォルダがありません / input folder not found: {root}");
        }
        var session = new ReadSession(roots, options);
        // Reference data first, so that the providers named by plans can be checked against it.
        var offices = session.Read(ContractSchema.Offices, MapOffice, o => (o.OfficeId, o.Service));
        var municipalities = session.Read(ContractSchema.Municipalities, MapMunicipality, m => m.Code);
        var supportCenters = session.Read(ContractSchema.SupportCenters, MapSupportCenter, c => c.MunicipalityCode);
        var officeIds = offices.Select(o => o.OfficeId).ToHashSet(StringComparer.Ordinal);
        // Free text may name an office by its (public) number: that is not a 受給者証番号.
        session.PublicNumbers = officeIds;
        if (officeIds.Count == 0)
            session.Warnings.Add("offices.csv がないため提供事業所番号を照合していません / no offices.csv read: provider office numbers were not checked");

        // The six person-level files are read in parallel, each file type on its own thread, as soon as what its
        // checks need has been read (plan ids, needs, support plans). Each keeps its own errors, tallies and
        // warnings, merged back in the sequential order below; files are announced (OnFile) in that order too.
        // A refusal (or any failure) is reported as the sequential read reports it: the one of the earliest file
        // type in that order, since a file type's result never depends on a later one.
        var plansRead = session.Fork(Task.CompletedTask);
        var needsRead = session.Fork(plansRead.Announced!.Task);
        var servicesRead = session.Fork(needsRead.Announced!.Task);
        var supportPlansRead = session.Fork(servicesRead.Announced!.Task);
        var goalsRead = session.Fork(supportPlansRead.Announced!.Task);
        var monitoringRead = session.Fork(goalsRead.Announced!.Task);

        var plansTask = Run(plansRead, () =>
        {
            var plans = plansRead.Read(ContractSchema.Plans, MapPlan, p => p.PlanId, ReferenceChecks.PlanDates);
            return (Plans: plans, Ids: plans.Select(p => p.PlanId).ToHashSet(StringComparer.Ordinal));
        });
        var needsTask = Run(needsRead, () =>
        {
            var planIds = plansTask.Result.Ids;
            return needsRead.Read(ContractSchema.Needs, MapNeed, n => (n.PlanId, n.Priority), r => ReferenceChecks.PlanExists(r, planIds));
        });
        var servicesTask = Run(servicesRead, () =>
        {
            var planIds = plansTask.Result.Ids;
            return servicesRead.Read(ContractSchema.Services, MapService, s => (s.PlanId, s.Priority, s.Service, s.Since), r =>
            {
                ReferenceChecks.PlanExists(r, planIds);
                ReferenceChecks.ProviderKnown(r, officeIds);
            });
        });
        var supportPlansTask = Run(supportPlansRead, () =>
        {
            var supportPlans = supportPlansRead.Read(ContractSchema.SupportPlans, MapSupportPlan, s => s.SupportPlanId);
            return (SupportPlans: supportPlans, ById: supportPlans.ToDictionary(s => s.SupportPlanId, StringComparer.Ordinal));
        });
        var goalsTask = Run(goalsRead, () =>
        {
            var supportPlanById = supportPlansTask.Result.ById;
            var currentPlans = new CurrentPlanIndex(plansTask.Result.Plans, needsTask.Result);
            return goalsRead.Read(ContractSchema.SupportGoals, MapGoal, g => (g.SupportPlanId, g.GoalNo),
                (r, g) => ReferenceChecks.GoalLinked(r, g, supportPlanById, currentPlans));
        });
        var monitoringTask = Run(monitoringRead, () =>
        {
            var planIds = plansTask.Result.Ids;
            return monitoringRead.Read(ContractSchema.Monitoring, MapMonitoring, m => (m.PlanId, m.MonitoringDate, m.Priority), r => ReferenceChecks.PlanExists(r, planIds));
        });

        Task[] inOrder = [plansTask, needsTask, servicesTask, supportPlansTask, goalsTask, monitoringTask];
        try
        {
            Task.WaitAll(inOrder);
        }
        catch (AggregateException)
        {
            // Rethrown below: the failure of the earliest file type, as a sequential read would have thrown it.
        }
        foreach (var task in inOrder)
        {
            if (task.IsCompletedSuccessfully) continue;
            var failure = task.Exception?.InnerException ?? new OperationCanceledException();
            while (failure is AggregateException { InnerException: { } inner }) failure = inner;
            ExceptionDispatchInfo.Throw(failure);
        }
        foreach (var read in (ReadSession[])[plansRead, needsRead, servicesRead, supportPlansRead, goalsRead, monitoringRead])
            session.Merge(read);
        var plans = plansTask.Result.Plans;
        var needs = needsTask.Result;
        var services = servicesTask.Result;
        var supportPlans = supportPlansTask.Result.SupportPlans;
        var goals = goalsTask.Result;
        var monitoring = monitoringTask.Result;

        var dataset = new PlanDataset(plans, needs, services, supportPlans, goals, monitoring, offices, municipalities)
        {
            IsSynthetic = roots.Any(r => Directory.EnumerateFiles(r, SyntheticMarker, SearchOption.AllDirectories).Any()),
            SupportCenters = supportCenters,
        };
        return new ReadResult(dataset, session.Errors, session.Tallies, session.Warnings);
    }

    /// <summary>Runs a file type's read on its own thread (it may wait for the reads it depends on); when it fails,
    /// the file types after it stop announcing and reading.</summary>
    private static Task<T> Run<T>(ReadSession read, Func<T> body) => Task.Factory.StartNew(() =>
    {
        try
        {
            return body();
        }
        catch
        {
            read.Announced?.TrySetCanceled();
            throw;
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static SupportCenterArea MapSupportCenter(RowFields r) => new(
        r.Text("center_id"), r.Text("center_name"), r.MunicipalityCode("municipality_code"));

    private static Plan MapPlan(RowFields r) => new(
        r.Text("plan_id"), r.Text("person_key"), r.OfficeNumber("office_id"), r.MunicipalityCode("municipality_code"),
        r.Date("plan_date"), r.Coded("plan_kind", Codes.PlanKind), r.Code("age_band"), DisabilityTypes(r),
        SupportCategory(r), r.Int("monitoring_months", 1, 12), r.OptionalDate("end_date"), r.OptionalText("wishes"));

    private static readonly char[] DisabilitySeparators = [';', '・', '、', ','];

    private static DisabilityType DisabilityTypes(RowFields r)
    {
        var raw = r.Code("disability_types");
        var types = DisabilityType.None;
        foreach (var part in raw.Split(DisabilitySeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
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
}
