using Npgsql;
using NpgsqlTypes;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Store;

public static partial class PlanStore
{
    /// <summary>Loads the current (non-superseded) batches as a <see cref="PlanDataset"/> in
    /// <see cref="Canonical"/> order: the same records <see cref="Csv.ContractReader"/> gives for the same files.
    /// Opens its own connection as <c>planlink_analyst</c> (migrating first if needed).</summary>
    /// <param name="upTo">Only what is dated on or before this day: plans by plan_date (and their needs),
    /// service rows by since, monitoring by date, support plans by plan_date, offices opened by then.</param>
    /// <param name="municipalityCodes">Only plans of these municipalities (and their rows), the support plans
    /// of their persons, the offices and municipalities themselves.</param>
    public static async Task<PlanDataset> LoadAsync(string connectionString, DateOnly? upTo = null,
        IReadOnlyCollection<string>? municipalityCodes = null, CancellationToken ct = default)
    {
        await using var connection = await StoreConnection.OpenAsync(connectionString, StoreRole.Analyst, ct);
        return await LoadAsync(connection, upTo, municipalityCodes, ct);
    }

    /// <summary>Synchronous <see cref="LoadAsync(string, DateOnly?, IReadOnlyCollection{string}?, CancellationToken)"/>.</summary>
    public static PlanDataset Load(string connectionString, DateOnly? upTo = null, IReadOnlyCollection<string>? municipalityCodes = null) =>
        LoadAsync(connectionString, upTo, municipalityCodes).GetAwaiter().GetResult();

    /// <summary>Loads on an open connection (analyst role or the owner).</summary>
    public static async Task<PlanDataset> LoadAsync(NpgsqlConnection c, DateOnly? upTo, IReadOnlyCollection<string>? municipalityCodes,
        CancellationToken ct = default)
    {
        var areas = municipalityCodes?.ToArray();
        // Conditions are added only when a filter is given, so the unfiltered load is plain scans of the views.
        var planWhere = Where(upTo is null ? null : "p.plan_date <= @upto", areas is null ? null : "p.municipality_code = ANY(@areas)");
        var filtered = planWhere.Length > 0;
        var planFilter = filtered ? $"plan_id IN (SELECT p.plan_id FROM planlink.plan_current p {planWhere})" : null;

        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var plans = await List(c, $"SELECT p.plan_id, p.person_key, p.office_id, p.municipality_code, p.plan_date, p.plan_kind, p.age_band, p.disability_types, p.support_category, p.monitoring_months, p.end_date, p.wishes FROM planlink.plan_current p {planWhere}",
            r => new Plan(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                Parse(Codes.PlanKind, r.GetString(5)), r.GetString(6), ParseDisabilities(r.GetFieldValue<string[]>(7)),
                (byte)r.GetInt16(8), r.GetInt16(9), OptDate(r, 10), OptText(r, 11)), upTo, areas, ct);
        var needs = await List(c, $"SELECT plan_id, priority, need_text, domain, goal_text, target_months, person_role FROM planlink.plan_need_current {Where(planFilter)}",
            r => new PlanNeed(r.GetString(0), r.GetInt16(1), r.GetString(2), r.IsDBNull(3) ? null : Parse(Codes.Domain, r.GetString(3)),
                r.GetString(4), OptShort(r, 5), OptText(r, 6)), upTo, areas, ct);
        var services = await List(c, $"SELECT plan_id, priority, service, amount, unit, provider_office_id, status, since FROM planlink.plan_service_current {Where(planFilter, upTo is null ? null : "since <= @upto")}",
            r => new PlannedService(r.GetString(0), r.GetInt16(1), ParseService(r.GetString(2)), r.IsDBNull(3) ? null : r.GetDecimal(3),
                OptText(r, 4), OptText(r, 5), Parse(Codes.Status, r.GetString(6)), r.GetFieldValue<DateOnly>(7)), upTo, areas, ct);
        var supportWhere = Where(upTo is null ? null : "s.plan_date <= @upto",
            areas is null ? null : "s.person_key IN (SELECT p.person_key FROM planlink.plan_current p " + planWhere + ")");
        var supportPlans = await List(c, $"SELECT s.support_plan_id, s.person_key, s.provider_office_id, s.service, s.plan_date, s.long_goal, s.short_goal FROM planlink.support_plan_current s {supportWhere}",
            r => new SupportPlan(r.GetString(0), r.GetString(1), r.GetString(2), ParseService(r.GetString(3)), r.GetFieldValue<DateOnly>(4),
                r.GetString(5), r.GetString(6)), upTo, areas, ct);
        var goalWhere = supportWhere.Length > 0 ? $"WHERE support_plan_id IN (SELECT s.support_plan_id FROM planlink.support_plan_current s {supportWhere})" : "";
        var goals = await List(c, $"SELECT support_plan_id, goal_no, goal_text, linked_priority, period_months, staff_role FROM planlink.support_goal_current {goalWhere}",
            r => new SupportGoal(r.GetString(0), r.GetInt16(1), r.GetString(2), OptShort(r, 3), OptShort(r, 4), OptText(r, 5)), upTo, areas, ct);
        var monitoring = await List(c, $"SELECT plan_id, monitoring_date, priority, achievement, change_service_type, change_amount, change_weekly_schedule, new_issue FROM planlink.monitoring_current {Where(planFilter, upTo is null ? null : "monitoring_date <= @upto")}",
            r => new MonitoringRecord(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetInt16(2), Parse(Codes.Achievement, r.GetString(3)),
                r.GetBoolean(4), r.GetBoolean(5), r.GetBoolean(6), OptText(r, 7)), upTo, areas, ct);
        var offices = await List(c, $"SELECT office_id, office_name, municipality_code, service, capacity, opened, closed FROM planlink.office {Where(upTo is null ? null : "(opened IS NULL OR opened <= @upto)", areas is null ? null : "municipality_code = ANY(@areas)")}",
            ReadOffice, upTo, areas, ct);
        var municipalities = await List(c, $"SELECT municipality_code, name, prefecture, region, population FROM planlink.municipality {Where(areas is null ? null : "municipality_code = ANY(@areas)")}",
            ReadMunicipality, upTo, areas, ct);
        bool synthetic;
        await using (var cmd = new NpgsqlCommand("SELECT coalesce(bool_or(is_synthetic), false) FROM planlink.current_batch", c))
            synthetic = (bool)(await cmd.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);

        return Canonical(new PlanDataset(plans, needs, services, supportPlans, goals, monitoring, offices, municipalities) { IsSynthetic = synthetic });
    }

    /// <summary>The dataset with every list sorted by its key (ordinal): how the store returns data, and how a
    /// test puts a dataset read from CSV before comparing record by record.</summary>
    public static PlanDataset Canonical(PlanDataset d) => new(
        d.Plans.OrderBy(p => p.PlanId, StringComparer.Ordinal).ToList(),
        d.Needs.OrderBy(n => n.PlanId, StringComparer.Ordinal).ThenBy(n => n.Priority).ToList(),
        d.Services.OrderBy(s => s.PlanId, StringComparer.Ordinal).ThenBy(s => s.Priority).ThenBy(s => s.Service).ThenBy(s => s.Since).ToList(),
        d.SupportPlans.OrderBy(s => s.SupportPlanId, StringComparer.Ordinal).ToList(),
        d.SupportGoals.OrderBy(g => g.SupportPlanId, StringComparer.Ordinal).ThenBy(g => g.GoalNo).ToList(),
        d.Monitoring.OrderBy(m => m.PlanId, StringComparer.Ordinal).ThenBy(m => m.MonitoringDate).ThenBy(m => m.Priority).ToList(),
        d.Offices.OrderBy(o => o.OfficeId, StringComparer.Ordinal).ThenBy(o => o.Service).ToList(),
        d.Municipalities.OrderBy(m => m.Code, StringComparer.Ordinal).ToList())
    { IsSynthetic = d.IsSynthetic };

    private static string Where(params string?[] conditions)
    {
        var list = conditions.Where(c => c is not null).ToList();
        return list.Count == 0 ? "" : "WHERE " + string.Join(" AND ", list);
    }

    private static async Task<List<T>> List<T>(NpgsqlConnection c, string sql, Func<NpgsqlDataReader, T> map,
        DateOnly? upTo, string[]? areas, CancellationToken ct)
    {
        var list = new List<T>();
        await using var cmd = new NpgsqlCommand(sql, c);
        if (sql.Contains("@upto", StringComparison.Ordinal)) cmd.Parameters.Add(new("upto", NpgsqlDbType.Date) { Value = upTo!.Value });
        if (sql.Contains("@areas", StringComparison.Ordinal)) cmd.Parameters.Add(new("areas", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = areas! });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(map(r));
        return list;
    }
}
