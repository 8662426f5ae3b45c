// Import rate of `planlink import` (PlanStore.ImportAsync on an already read batch) against a raw binary COPY of
// the same rows into the same tables, each into a fresh database. Target: import ≥ 80 % of raw COPY.
// Usage: dotnet run -c Release --project bench/ImportBench -- "Host=127.0.0.1;Port=55433;Username=postgres" [plans] [runs]
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Store;

var server = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("PLANLINK_TEST_DB")
    ?? throw new ArgumentException("give a connection string to a server (database postgres)");
var plans = args.Length > 1 ? int.Parse(args[1]) : 20_000;
var runs = args.Length > 2 ? int.Parse(args[2]) : 3;

var folder = Path.Combine(Path.GetTempPath(), $"planlink-bench-{Environment.ProcessId}", "office");
var generated = Generate(plans);
ContractWriter.Write(generated, folder);
var clock = Stopwatch.StartNew();
var batch = BatchSource.Open(folder);
var readTime = clock.Elapsed;
var d = batch.Dataset;
long rows = d.Plans.Count + d.Needs.Count + d.Services.Count + d.SupportPlans.Count + d.SupportGoals.Count + d.Monitoring.Count
    + d.Offices.Count + d.Municipalities.Count;
Console.WriteLine($"dataset: {rows:N0} rows ({d.Services.Count:N0} service rows); hash + read + validate CSV: {readTime.TotalSeconds:F2} s");

var import = new List<double>();
var raw = new List<double>();
// Run 0 warms the JIT for both paths and is discarded; the order alternates so neither always goes first.
for (var run = 0; run <= runs; run++)
{
    var rawFirst = run % 2 == 0;
    Task<double> Raw() => WithFreshDatabase(server, async cs =>
    {
        await using var c = await StoreConnection.OpenAsync(cs, StoreRole.Owner);
        var t = Stopwatch.StartNew();
        await RawCopy(c, d);
        return t.Elapsed.TotalSeconds;
    });
    Task<double> Import() => WithFreshDatabase(server, async cs =>
    {
        await using var c = await StoreConnection.OpenAsync(cs, StoreRole.Importer);
        var t = Stopwatch.StartNew();
        await PlanStore.ImportAsync(c, batch, "bench");
        var seconds = t.Elapsed.TotalSeconds;
        t.Restart();
        var loaded = await PlanStore.LoadAsync(cs);
        Console.WriteLine($"  load back as planlink_analyst: {t.Elapsed.TotalSeconds:F2} s ({loaded.Services.Count:N0} service rows)");
        return seconds;
    });
    double r, i;
    if (rawFirst) { r = await Raw(); i = await Import(); }
    else { i = await Import(); r = await Raw(); }
    if (run == 0) continue;
    raw.Add(r);
    import.Add(i);
}
double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
Console.WriteLine($"raw binary COPY : {Median(raw):F2} s  ({rows / Median(raw):N0} rows/s)  runs: {string.Join(", ", raw.Select(x => x.ToString("F2")))}");
Console.WriteLine($"planlink import : {Median(import):F2} s  ({rows / Median(import):N0} rows/s)  runs: {string.Join(", ", import.Select(x => x.ToString("F2")))}");
Console.WriteLine($"import rate / raw COPY rate: {Median(raw) / Median(import):P0} (target ≥ 80 %)");
Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);

static async Task<double> WithFreshDatabase(string server, Func<string, Task<double>> body)
{
    var name = "planlink_bench_" + Guid.NewGuid().ToString("N")[..8];
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
    }
    try
    {
        return await body(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}

// The same rows into the same tables (keys, foreign keys), one transaction, no ledger logic.
static async Task RawCopy(NpgsqlConnection c, PlanDataset d)
{
    await using var tx = await c.BeginTransactionAsync();
    var id = (long)(await new NpgsqlCommand(
        "INSERT INTO planlink.import_batch (batch_key, office_ids, source, content_sha256, command) VALUES ('raw', '{}', 'raw', repeat('0', 64), 'raw') RETURNING batch_id", c)
        .ExecuteScalarAsync())!;
    var muni = d.Plans.ToDictionary(p => p.PlanId, p => p.MunicipalityCode);
    Copy(c, "plan (batch_id, plan_id, person_key, office_id, municipality_code, plan_date, plan_kind, age_band, disability_types, support_category, monitoring_months, end_date, wishes)", d.Plans, (w, p) =>
    {
        w.Write(id); w.Write(p.PlanId); w.Write(p.PersonKey); w.Write(p.OfficeId, NpgsqlDbType.Char); w.Write(p.MunicipalityCode, NpgsqlDbType.Char);
        w.Write(p.PlanDate); w.Write(Codes.PlanKind.Code(p.Kind)); w.Write(p.AgeBand); w.Write(new[] { "intellectual" });
        w.Write((short)p.SupportCategory); w.Write((short)p.MonitoringMonths);
        if (p.EndDate is { } e) w.Write(e); else w.WriteNull();
        if (p.Wishes is { } s) w.Write(s); else w.WriteNull();
    });
    Copy(c, "plan_need (municipality_code, batch_id, plan_id, priority, need_text, domain, goal_text, target_months, person_role)", d.Needs, (w, n) =>
    {
        w.Write(muni[n.PlanId], NpgsqlDbType.Char); w.Write(id); w.Write(n.PlanId); w.Write((short)n.Priority); w.Write(n.NeedText);
        if (n.Domain is { } dom) w.Write(Codes.Domain.Code(dom)); else w.WriteNull();
        w.Write(n.GoalText);
        if (n.TargetMonths is { } t) w.Write((short)t); else w.WriteNull();
        if (n.PersonRole is { } r) w.Write(r); else w.WriteNull();
    });
    Copy(c, "plan_service (municipality_code, batch_id, plan_id, priority, service, since, amount, unit, provider_office_id, status)", d.Services, (w, s) =>
    {
        w.Write(muni[s.PlanId], NpgsqlDbType.Char); w.Write(id); w.Write(s.PlanId); w.Write((short)s.Priority);
        w.Write(ServiceCatalog.Get(s.Service).Code); w.Write(s.Since);
        if (s.Amount is { } a) w.Write(a); else w.WriteNull();
        if (s.Unit is { } u) w.Write(u); else w.WriteNull();
        if (s.ProviderOfficeId is { } o) w.Write(o, NpgsqlDbType.Char); else w.WriteNull();
        w.Write(Codes.Status.Code(s.Status));
    });
    Copy(c, "support_plan (batch_id, support_plan_id, person_key, provider_office_id, service, plan_date, long_goal, short_goal)", d.SupportPlans, (w, s) =>
    {
        w.Write(id); w.Write(s.SupportPlanId); w.Write(s.PersonKey); w.Write(s.ProviderOfficeId, NpgsqlDbType.Char);
        w.Write(ServiceCatalog.Get(s.Service).Code); w.Write(s.PlanDate); w.Write(s.LongGoal); w.Write(s.ShortGoal);
    });
    Copy(c, "support_goal (batch_id, support_plan_id, goal_no, goal_text, linked_priority, period_months, staff_role)", d.SupportGoals, (w, g) =>
    {
        w.Write(id); w.Write(g.SupportPlanId); w.Write((short)g.GoalNo); w.Write(g.GoalText);
        if (g.LinkedPriority is { } l) w.Write((short)l); else w.WriteNull();
        if (g.PeriodMonths is { } m) w.Write((short)m); else w.WriteNull();
        if (g.StaffRole is { } r) w.Write(r); else w.WriteNull();
    });
    Copy(c, "monitoring (municipality_code, batch_id, plan_id, monitoring_date, priority, achievement, change_service_type, change_amount, change_weekly_schedule, new_issue)", d.Monitoring, (w, m) =>
    {
        w.Write(muni[m.PlanId], NpgsqlDbType.Char); w.Write(id); w.Write(m.PlanId); w.Write(m.MonitoringDate); w.Write((short)m.Priority);
        w.Write(Codes.Achievement.Code(m.Achievement)); w.Write(m.ChangeServiceType); w.Write(m.ChangeAmount); w.Write(m.ChangeWeeklySchedule);
        if (m.NewIssue is { } i) w.Write(i); else w.WriteNull();
    });
    await tx.CommitAsync();
}

static void Copy<T>(NpgsqlConnection c, string table, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write)
{
    using var w = c.BeginBinaryImport($"COPY planlink.{table} FROM STDIN (FORMAT BINARY)");
    foreach (var r in rows)
    {
        w.StartRow();
        write(w, r);
    }
    w.Complete();
}

static PlanDataset Generate(int n)
{
    var muni = LocalGovernmentCode.WithCheckDigit("13101");
    var plans = new List<Plan>(); var needs = new List<PlanNeed>(); var services = new List<PlannedService>();
    var sps = new List<SupportPlan>(); var goals = new List<SupportGoal>(); var mon = new List<MonitoringRecord>();
    var start = new DateOnly(2026, 4, 1);
    for (var i = 1; i <= n; i++)
    {
        var id = $"P{i:000000}";
        var date = start.AddDays(i % 60);
        plans.Add(new Plan(id, $"K{i:000000}", "1310100011", muni, date, PlanKind.Final, "30-39", DisabilityType.Intellectual,
            (byte)(i % 7), 6, null, i % 3 == 0 ? null : "一人で暮らしたい"));
        for (var p = 1; p <= 2; p++)
        {
            needs.Add(new PlanNeed(id, p, "就労A型で働いて生活力をつける", LifeDomain.DaytimeActivity, "給料で暮らす", 6, null));
            for (var k = 0; k < 5; k++)
                services.Add(new PlannedService(id, p, ServiceType.EmploymentA, 20 + k, "日/月", "2310100033", (ServiceStatus)(k % 6), date.AddDays(k)));
        }
        if (i % 2 == 0)
        {
            sps.Add(new SupportPlan($"S{i:000000}", $"K{i:000000}", "2310100033", ServiceType.GroupHome, date, "地域で暮らす", "休日を楽しむ"));
            goals.Add(new SupportGoal($"S{i:000000}", 1, "お金の使い方", 1, 6, "世話人"));
        }
        mon.Add(new MonitoringRecord(id, date.AddDays(30), 1, Achievement.PartlyAchieved, false, false, false, null));
    }
    return new PlanDataset(plans, needs, services, sps, goals, mon, [], []);
}
