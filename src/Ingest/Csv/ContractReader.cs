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
        using var pause = CollectionPause.For(session.InputBytes());
        // Reference data first, so that the providers named by plans can be checked against it.
        var offices = session.Read(ContractSchema.Offices, BindOffice, o => (o.OfficeId, o.Service)).Kept;
        var municipalities = session.Read(ContractSchema.Municipalities, BindMunicipality, m => m.Code).Kept;
        var supportCenters = session.Read(ContractSchema.SupportCenters, BindSupportCenter, c => c.MunicipalityCode).Kept;
        var officeIds = offices.Select(o => o.OfficeId).ToHashSet(StringComparer.Ordinal);
        // Free text may name an office by its (public) number: that is not a 受給者証番号.
        session.PublicNumbers = officeIds;
        session.OfficeNumbers = RowFields.OfficeNumbersByValue(officeIds);
        if (officeIds.Count == 0)
            session.Warnings.Add("offices.csv がないため提供事業所番号を照合していません / no offices.csv read: provider office numbers were not checked");

        // The six person-level file types are read at the same time, each on its own thread: plans and support plans
        // at once, and the files that name them (needs, services, monitoring; goals) from when their parents are
        // settled, so that their rows take the parents' id strings as they are parsed. Then each runs its reference
        // checks on its parsed rows once what they need is settled (plan ids, needs, support plans). Each keeps its own errors, tallies and warnings, merged back in the
        // sequential order below; files are announced (OnFile) in that order too. A refusal (or any failure) is
        // reported as the sequential read reports it: the one of the earliest file type in that order, since a
        // file type's result never depends on a later one.
        var plansRead = session.Fork(Task.CompletedTask);
        var needsRead = session.Fork(plansRead.Announced!.Task);
        var servicesRead = session.Fork(needsRead.Announced!.Task);
        var supportPlansRead = session.Fork(servicesRead.Announced!.Task);
        var goalsRead = session.Fork(supportPlansRead.Announced!.Task);
        var monitoringRead = session.Fork(goalsRead.Announced!.Task);

        var plansTask = Run(plansRead, () =>
        {
            // The table that de-duplicated the plans is also the one their ids are checked in.
            var plans = plansRead.Read(ContractSchema.Plans, BindPlan, p => p.PlanId, ReferenceChecks.PlanDates);
            return (Plans: plans.Kept, Table: plans);
        });
        // The plan ids once plans.csv is settled: the files that name a plan wait for them before their first row, and
        // take each plan's id string as they parse (each thread asks its own: they remember the last id found).
        KnownIds PlanIds() => IdsOf(plansTask.Result.Table, p => p.PlanId);
        var needsTask = Run(needsRead, () =>
        {
            var parsed = needsRead.Parse(ContractSchema.Needs, r => BindNeed(r, PlanIds()), null, ["plan_id"]);
            var planIds = PlanIds();
            return needsRead.Settle(parsed, n => (n.PlanId, n.Priority), (n, r) => ReferenceChecks.PlanExists(r, n.PlanId, planIds),
                n => ParentKey.Of(planIds.IndexOf(n.PlanId), n.Priority), planIds.Count).Kept;
        });
        var servicesTask = Run(servicesRead, () =>
        {
            var parsed = servicesRead.Parse(ContractSchema.Services, r => BindService(r, PlanIds()),
                (r, s) => ReferenceChecks.NoteUnknownProvider(r, s.ProviderOfficeId, officeIds), ["plan_id", "provider_office_id"]);
            var planIds = PlanIds();
            return servicesRead.Settle(parsed, s => (s.PlanId, s.Priority, s.Service, s.Since), (s, r) =>
            {
                ReferenceChecks.PlanExists(r, s.PlanId, planIds);
                ReferenceChecks.ProviderKnown(r, s.ProviderOfficeId);
            }, s => ParentKey.Of(planIds.IndexOf(s.PlanId), s.Priority, (byte)s.Service, s.Since), planIds.Count).Kept;
        });
        var supportPlansTask = Run(supportPlansRead, () =>
        {
            var supportPlans = supportPlansRead.Read(ContractSchema.SupportPlans, BindSupportPlan, s => s.SupportPlanId);
            return (SupportPlans: supportPlans.Kept, Table: supportPlans);
        });
        // What the goal check asks of the plans (each person's current plan and its needs' priorities), built as soon as
        // the needs are settled, beside the goals' parse rather than after it.
        var currentPlansTask = Task.WhenAll(plansTask, needsTask).ContinueWith(_ => new CurrentPlanIndex(plansTask.Result.Plans, needsTask.Result, PlanIds()),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var goalsTask = Run(goalsRead, () =>
        {
            KnownIds SupportPlanIds() => IdsOf(supportPlansTask.Result.Table, s => s.SupportPlanId);
            var parsed = goalsRead.Parse(ContractSchema.SupportGoals, r => BindGoal(r, SupportPlanIds()), null, []);
            var links = new GoalLinks(SupportPlanIds(), supportPlansTask.Result.SupportPlans, currentPlansTask.Result);
            return goalsRead.Settle(parsed, g => (g.SupportPlanId, g.GoalNo), (g, r) => ReferenceChecks.GoalLinked(r, g, links),
                g => ParentKey.Of(links.IndexOf(g.SupportPlanId), g.GoalNo), supportPlansTask.Result.SupportPlans.Count).Kept;
        });
        var monitoringTask = Run(monitoringRead, () =>
        {
            var parsed = monitoringRead.Parse(ContractSchema.Monitoring, r => BindMonitoring(r, PlanIds()), null, ["plan_id"]);
            var planIds = PlanIds();
            return monitoringRead.Settle(parsed, m => (m.PlanId, m.MonitoringDate, m.Priority), (m, r) => ReferenceChecks.PlanExists(r, m.PlanId, planIds),
                m => ParentKey.Of(planIds.IndexOf(m.PlanId), m.Priority, date: m.MonitoringDate), planIds.Count).Kept;
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

    /// <summary>The ids of a settled file type, each with its index among the rows kept (one per checking or parsing
    /// thread: it remembers the last id found).</summary>
    private static KnownIds IdsOf<T>(KeyTable<T, string> table, Func<T, string> id)
    {
        var rows = table.Kept;
        return new(table.IndexOf, rows.Count, i => id(rows[i]), table.IndexOf);
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

    // Each Bind* resolves a file's columns once and returns the mapper of its rows; the arguments are read in
    // constructor order, so a row's errors come in column order.
    private static Func<SupportCenterArea> BindSupportCenter(RowFields r)
    {
        var (centerId, centerName, municipality) = (r.IdField("center_id"), r.TextField("center_name"), r.MunicipalityCodeField("municipality_code"));
        return () => new(centerId.Read(), centerName.Read(), municipality.Read());
    }

    private static Func<Plan> BindPlan(RowFields r)
    {
        var (planId, personKey, officeId, municipality) =
            (r.IdField("plan_id"), r.IdField("person_key"), r.OfficeNumberField("office_id"), r.MunicipalityCodeField("municipality_code"));
        var (planDate, kind, ageBand, disabilityTypes) =
            (r.DateField("plan_date"), r.CodedField("plan_kind", Codes.PlanKind), r.CodeField("age_band"), r.CachedField("disability_types", DisabilityTypes));
        var (supportCategory, monitoringMonths, endDate, wishes) =
            (r.CachedField("support_category", SupportCategory), r.IntField("monitoring_months", 1, 12), r.OptionalDateField("end_date"), r.OptionalTextField("wishes"));
        return () => new(planId.Read(), personKey.Read(), officeId.Read(), municipality.Read(), planDate.Read(), kind.Read(), ageBand.Read(),
            disabilityTypes.Read(), supportCategory.Read(), monitoringMonths.Read(), endDate.Read(), wishes.Read());
    }

    private static readonly char[] DisabilitySeparators = [';', '・', '、', ','];

    private static DisabilityType DisabilityTypes(RowFields r, string column)
    {
        var raw = r.Code(column);
        var types = DisabilityType.None;
        foreach (var part in raw.Split(DisabilitySeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Codes.Disability.TryParse(part, out var t)) types |= t;
            else r.Fail(column, raw, $"未知の障害種別「{part}」", $"unknown disability type, expected {Codes.Disability.Expected}");
        }
        return types;
    }

    private static byte SupportCategory(RowFields r, string column)
    {
        var raw = r.Code(column);
        if (raw is "非該当" or "0" or "none") return 0;
        var digits = raw.Replace("区分", "");
        if (digits.Length == 1 && digits[0] is >= '1' and <= '6') return (byte)(digits[0] - '0');
        if (raw.Length > 0) r.Fail(column, raw, "障害支援区分は 非該当 または 1〜6 です", "support category must be 非該当 or 1-6");
        return 0;
    }

    private static Func<PlanNeed> BindNeed(RowFields r, KnownIds plans)
    {
        var (planId, priority, needText, domain) =
            (r.IdField("plan_id", plans), r.IntField("priority", 1, 99), r.TextField("need_text"), r.OptionalCodedField("domain", Codes.Domain));
        var (goalText, targetMonths, personRole) =
            (r.TextField("goal_text"), r.OptionalIntField("target_months", 1, 120), r.OptionalTextField("person_role"));
        return () => new(planId.Read(), priority.Read(), needText.Read(), domain.Read(), goalText.Read(), targetMonths.Read(), personRole.Read());
    }

    private static Func<PlannedService> BindService(RowFields r, KnownIds plans)
    {
        var (planId, priority, service, amount) =
            (r.IdField("plan_id", plans), r.IntField("priority", 1, 99), r.ServiceField("service"), r.OptionalDecimalField("amount"));
        var (unit, provider, status, since) =
            (r.OptionalTextField("unit"), r.OptionalOfficeNumberField("provider_office_id"), r.CodedField("status", Codes.Status), r.DateField("since"));
        return () => new(planId.Read(), priority.Read(), service.Read(), amount.Read(), unit.Read(), provider.Read(), status.Read(), since.Read());
    }

    private static Func<SupportPlan> BindSupportPlan(RowFields r)
    {
        var (supportPlanId, personKey, provider, service) =
            (r.IdField("support_plan_id"), r.IdField("person_key"), r.OfficeNumberField("provider_office_id"), r.ServiceField("service"));
        var (planDate, longGoal, shortGoal) = (r.DateField("plan_date"), r.OptionalTextField("long_goal"), r.OptionalTextField("short_goal"));
        return () => new(supportPlanId.Read(), personKey.Read(), provider.Read(), service.Read(), planDate.Read(), longGoal.Read() ?? "", shortGoal.Read() ?? "");
    }

    private static Func<SupportGoal> BindGoal(RowFields r, KnownIds supportPlans)
    {
        var (supportPlanId, goalNo, goalText) = (r.IdField("support_plan_id", supportPlans), r.IntField("goal_no", 1, 99), r.TextField("goal_text"));
        var (linkedPriority, periodMonths, staffRole) =
            (r.OptionalIntField("linked_priority", 1, 99), r.OptionalIntField("period_months", 1, 120), r.OptionalTextField("staff_role"));
        return () => new(supportPlanId.Read(), goalNo.Read(), goalText.Read(), linkedPriority.Read(), periodMonths.Read(), staffRole.Read());
    }

    private static Func<MonitoringRecord> BindMonitoring(RowFields r, KnownIds plans)
    {
        var (planId, date, priority, achievement) =
            (r.IdField("plan_id", plans), r.DateField("monitoring_date"), r.IntField("priority", 1, 99), r.CodedField("achievement", Codes.Achievement));
        var (changeServiceType, changeAmount, changeSchedule, newIssue) =
            (r.FlagField("change_service_type"), r.FlagField("change_amount"), r.FlagField("change_weekly_schedule"), r.OptionalTextField("new_issue"));
        return () => new(planId.Read(), date.Read(), priority.Read(), achievement.Read(), changeServiceType.Read(), changeAmount.Read(),
            changeSchedule.Read(), newIssue.Read());
    }

    private static Func<Office> BindOffice(RowFields r)
    {
        var (officeId, name, municipality, service) =
            (r.OfficeNumberField("office_id"), r.TextField("office_name"), r.MunicipalityCodeField("municipality_code"), r.ServiceField("service"));
        var (capacity, opened, closed) = (r.DecimalField("capacity"), r.OptionalDateField("opened"), r.OptionalDateField("closed"));
        return () => new(officeId.Read(), name.Read(), municipality.Read(), service.Read(), capacity.Read(), opened.Read(), closed.Read());
    }

    private static Func<Municipality> BindMunicipality(RowFields r)
    {
        var (code, name, prefecture, region, population) =
            (r.MunicipalityCodeField("municipality_code"), r.TextField("name"), r.TextField("prefecture"), r.TextField("region"), r.IntField("population", 0, int.MaxValue));
        return () => new(code.Read(), name.Read(), prefecture.Read(), region.Read(), population.Read());
    }
}
