using Npgsql;
using NpgsqlTypes;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Store;

/// <summary>The PostgreSQL store: import an export as one batch, load the current batches back as the same
/// <see cref="PlanDataset"/> that <see cref="Csv.ContractReader"/> gives for the same files.</summary>
public static class PlanStore
{
    // ---------------------------------------------------------------------------------------- import

    /// <summary>Imports one batch in one transaction (run as <c>planlink_importer</c>): the ledger row, its files,
    /// every accepted row by binary COPY, the supersession of an older export of the same offices and period,
    /// and new versions of changed reference data. The same files again are a no-op; nothing is left behind if
    /// anything fails or the process dies (the transaction never commits).</summary>
    public static async Task<ImportOutcome> ImportAsync(NpgsqlConnection connection, BatchSource batch, string command,
        CancellationToken ct = default)
    {
        if (!batch.HasContractFiles)
            throw new StoreException($"契約ファイルがありません / no contract files in {batch.Folder}");
        await using var tx = await connection.BeginTransactionAsync(ct);

        // One importer at a time per office set and period; other offices run in parallel.
        await Exec(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ct, $"{batch.BatchKey}|{batch.PeriodText}");

        if (await FindByContentAsync(connection, batch.ContentSha256, ct) is { } existing)
        {
            await tx.RollbackAsync(ct);
            return new ImportOutcome(ImportStatus.AlreadyImported, existing, [], 0, 0);
        }

        var superseded = new List<long>();
        if (batch.BatchKey != BatchSource.ReferenceKey)
        {
            await using var find = new NpgsqlCommand(
                "SELECT batch_id FROM planlink.current_batch WHERE batch_key = $1 AND period = $2 ORDER BY batch_id", connection);
            find.Parameters.Add(new() { Value = batch.BatchKey });
            find.Parameters.Add(new() { Value = batch.PeriodText! });
            await using var r = await find.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) superseded.Add(r.GetInt64(0));
        }

        var d = batch.Dataset;
        var counts = new ImportCounts(d.Plans.Count, d.Needs.Count, d.Services.Count, d.SupportPlans.Count,
            d.SupportGoals.Count, d.Monitoring.Count, d.Offices.Count, d.Municipalities.Count, (int)batch.Read.RowsRejected);
        long batchId;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO planlink.import_batch (batch_key, office_ids, period, fiscal_year, quarter, source, content_sha256,
              is_synthetic, plans, needs, services, support_plans, support_goals, monitoring, offices, municipalities,
              rows_rejected, os_user, command)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            RETURNING batch_id
            """, connection))
        {
            object?[] values =
            [
                batch.BatchKey, batch.OfficeIds.ToArray(), batch.PeriodText, batch.Period?.FiscalYear, (short?)batch.Period?.Quarter,
                batch.Folder, batch.ContentSha256, d.IsSynthetic, counts.Plans, counts.Needs, counts.Services,
                counts.SupportPlans, counts.SupportGoals, counts.Monitoring, counts.Offices, counts.Municipalities,
                counts.Rejected, Environment.UserName, command,
            ];
            insert.Parameters.AddRange(values.Select(v => new NpgsqlParameter { Value = v ?? DBNull.Value }).ToArray());
            insert.Parameters[2].NpgsqlDbType = NpgsqlDbType.Text;
            insert.Parameters[3].NpgsqlDbType = NpgsqlDbType.Integer;
            insert.Parameters[4].NpgsqlDbType = NpgsqlDbType.Smallint;
            batchId = (long)(await insert.ExecuteScalarAsync(ct))!;
        }

        Copy(connection, "import_file (batch_id, file_name, sha256, bytes, rows_read, rows_accepted, rows_rejected)", batch.Files, (w, f) =>
        {
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(f.FileName, NpgsqlDbType.Text);
            w.Write(f.Sha256, NpgsqlDbType.Text);
            w.Write(f.Bytes, NpgsqlDbType.Bigint);
            w.Write((int)f.RowsRead, NpgsqlDbType.Integer);
            w.Write((int)f.RowsAccepted, NpgsqlDbType.Integer);
            w.Write((int)f.RowsRejected, NpgsqlDbType.Integer);
        }, ct);
        CopyPersonRows(connection, batchId, d, ct);

        foreach (var old in superseded)
            await Exec(connection, "INSERT INTO planlink.batch_supersession (superseded_batch_id, by_batch_id) VALUES ($1, $2)", ct, old, batchId);

        // Reference data last, under one region-wide lock held to commit: concurrent importers serialise only here.
        await Exec(connection, "SELECT pg_advisory_xact_lock(hashtextextended('planlink reference data', 0))", ct);
        var (newOffices, newMunicipalities) = await AddReferenceVersionsAsync(connection, batchId, d, ct);

        await tx.CommitAsync(ct);
        var stored = await FindByContentAsync(connection, batch.ContentSha256, ct)
            ?? throw new StoreException($"取り込んだバッチが見つかりません / imported batch #{batchId} not found after commit");
        return new ImportOutcome(ImportStatus.Imported, stored, superseded, newOffices, newMunicipalities);
    }

    private static void CopyPersonRows(NpgsqlConnection c, long batchId, PlanDataset d, CancellationToken ct)
    {
        // Child rows carry their plan's municipality (the distribution column on Citus, docs/postgresql.md).
        var municipalityOf = d.Plans.ToDictionary(p => p.PlanId, p => p.MunicipalityCode, StringComparer.Ordinal);
        Copy(c, "plan (batch_id, plan_id, person_key, office_id, municipality_code, plan_date, plan_kind, age_band, disability_types, support_category, monitoring_months, end_date, wishes)", d.Plans, (w, p) =>
        {
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(p.PlanId, NpgsqlDbType.Text);
            w.Write(p.PersonKey, NpgsqlDbType.Text);
            w.Write(p.OfficeId, NpgsqlDbType.Char);
            w.Write(p.MunicipalityCode, NpgsqlDbType.Char);
            w.Write(p.PlanDate, NpgsqlDbType.Date);
            w.Write(Codes.PlanKind.Code(p.Kind), NpgsqlDbType.Text);
            w.Write(p.AgeBand, NpgsqlDbType.Text);
            w.Write(DisabilityCodes(p.DisabilityTypes), NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write((short)p.SupportCategory, NpgsqlDbType.Smallint);
            w.Write((short)p.MonitoringMonths, NpgsqlDbType.Smallint);
            WriteDate(w, p.EndDate);
            WriteText(w, p.Wishes);
        }, ct);
        Copy(c, "plan_need (municipality_code, batch_id, plan_id, priority, need_text, domain, goal_text, target_months, person_role)", d.Needs, (w, n) =>
        {
            w.Write(municipalityOf[n.PlanId], NpgsqlDbType.Char);
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(n.PlanId, NpgsqlDbType.Text);
            w.Write((short)n.Priority, NpgsqlDbType.Smallint);
            w.Write(n.NeedText, NpgsqlDbType.Text);
            WriteText(w, n.Domain is { } dom ? Codes.Domain.Code(dom) : null);
            w.Write(n.GoalText, NpgsqlDbType.Text);
            WriteShort(w, n.TargetMonths);
            WriteText(w, n.PersonRole);
        }, ct);
        Copy(c, "plan_service (municipality_code, batch_id, plan_id, priority, service, since, amount, unit, provider_office_id, status)", d.Services, (w, s) =>
        {
            w.Write(municipalityOf[s.PlanId], NpgsqlDbType.Char);
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(s.PlanId, NpgsqlDbType.Text);
            w.Write((short)s.Priority, NpgsqlDbType.Smallint);
            w.Write(ServiceCatalog.Get(s.Service).Code, NpgsqlDbType.Text);
            w.Write(s.Since, NpgsqlDbType.Date);
            if (s.Amount is { } a) w.Write(a, NpgsqlDbType.Numeric); else w.WriteNull();
            WriteText(w, s.Unit);
            if (s.ProviderOfficeId is { } o) w.Write(o, NpgsqlDbType.Char); else w.WriteNull();
            w.Write(Codes.Status.Code(s.Status), NpgsqlDbType.Text);
        }, ct);
        Copy(c, "support_plan (batch_id, support_plan_id, person_key, provider_office_id, service, plan_date, long_goal, short_goal)", d.SupportPlans, (w, s) =>
        {
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(s.SupportPlanId, NpgsqlDbType.Text);
            w.Write(s.PersonKey, NpgsqlDbType.Text);
            w.Write(s.ProviderOfficeId, NpgsqlDbType.Char);
            w.Write(ServiceCatalog.Get(s.Service).Code, NpgsqlDbType.Text);
            w.Write(s.PlanDate, NpgsqlDbType.Date);
            w.Write(s.LongGoal, NpgsqlDbType.Text);
            w.Write(s.ShortGoal, NpgsqlDbType.Text);
        }, ct);
        Copy(c, "support_goal (batch_id, support_plan_id, goal_no, goal_text, linked_priority, period_months, staff_role)", d.SupportGoals, (w, g) =>
        {
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(g.SupportPlanId, NpgsqlDbType.Text);
            w.Write((short)g.GoalNo, NpgsqlDbType.Smallint);
            w.Write(g.GoalText, NpgsqlDbType.Text);
            WriteShort(w, g.LinkedPriority);
            WriteShort(w, g.PeriodMonths);
            WriteText(w, g.StaffRole);
        }, ct);
        Copy(c, "monitoring (municipality_code, batch_id, plan_id, monitoring_date, priority, achievement, change_service_type, change_amount, change_weekly_schedule, new_issue)", d.Monitoring, (w, m) =>
        {
            w.Write(municipalityOf[m.PlanId], NpgsqlDbType.Char);
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(m.PlanId, NpgsqlDbType.Text);
            w.Write(m.MonitoringDate, NpgsqlDbType.Date);
            w.Write((short)m.Priority, NpgsqlDbType.Smallint);
            w.Write(Codes.Achievement.Code(m.Achievement), NpgsqlDbType.Text);
            w.Write(m.ChangeServiceType, NpgsqlDbType.Boolean);
            w.Write(m.ChangeAmount, NpgsqlDbType.Boolean);
            w.Write(m.ChangeWeeklySchedule, NpgsqlDbType.Boolean);
            WriteText(w, m.NewIssue);
        }, ct);
    }

    /// <summary>Adds a version of each office line and municipality that is new or changed; identical
    /// re-sent reference data adds nothing.</summary>
    private static async Task<(int Offices, int Municipalities)> AddReferenceVersionsAsync(
        NpgsqlConnection c, long batchId, PlanDataset d, CancellationToken ct)
    {
        var newMunicipalities = new List<Municipality>();
        if (d.Municipalities.Count > 0)
        {
            var current = new Dictionary<string, Municipality>(StringComparer.Ordinal);
            await foreach (var m in Query(c, "SELECT municipality_code, name, prefecture, region, population FROM planlink.municipality",
                               ReadMunicipality, ct))
                current[m.Code] = m;
            newMunicipalities.AddRange(d.Municipalities.Where(m => !current.TryGetValue(m.Code, out var old) || old != m));
        }
        var newOffices = new List<Office>();
        if (d.Offices.Count > 0)
        {
            var current = new Dictionary<(string, ServiceType), Office>();
            await foreach (var o in Query(c, "SELECT office_id, office_name, municipality_code, service, capacity, opened, closed FROM planlink.office",
                               ReadOffice, ct))
                current[(o.OfficeId, o.Service)] = o;
            newOffices.AddRange(d.Offices.Where(o => !current.TryGetValue((o.OfficeId, o.Service), out var old) || old != o));
        }
        Copy(c, "municipality_version (batch_id, municipality_code, name, prefecture, region, population)", newMunicipalities, (w, m) =>
        {
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(m.Code, NpgsqlDbType.Char);
            w.Write(m.Name, NpgsqlDbType.Text);
            w.Write(m.Prefecture, NpgsqlDbType.Text);
            w.Write(m.Region, NpgsqlDbType.Text);
            w.Write(m.Population, NpgsqlDbType.Integer);
        }, ct);
        Copy(c, "office_version (batch_id, office_id, service, office_name, municipality_code, capacity, opened, closed)", newOffices, (w, o) =>
        {
            w.Write(batchId, NpgsqlDbType.Bigint);
            w.Write(o.OfficeId, NpgsqlDbType.Char);
            w.Write(ServiceCatalog.Get(o.Service).Code, NpgsqlDbType.Text);
            w.Write(o.OfficeName, NpgsqlDbType.Text);
            w.Write(o.MunicipalityCode, NpgsqlDbType.Char);
            w.Write(o.Capacity, NpgsqlDbType.Numeric);
            WriteDate(w, o.Opened);
            WriteDate(w, o.Closed);
        }, ct);
        return (newOffices.Count, newMunicipalities.Count);
    }

    /// <summary>Binary COPY of rows into one table. Synchronous on purpose: the writes are the hot path and
    /// almost never block (Npgsql buffers), so async per value only adds state-machine cost.</summary>
    private static void Copy<T>(NpgsqlConnection c, string tableAndColumns, IReadOnlyCollection<T> rows,
        Action<NpgsqlBinaryImporter, T> write, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        using var writer = c.BeginBinaryImport($"COPY planlink.{tableAndColumns} FROM STDIN (FORMAT BINARY)");
        var n = 0;
        foreach (var row in rows)
        {
            if ((++n & 0x3FFF) == 0) ct.ThrowIfCancellationRequested();
            writer.StartRow();
            write(writer, row);
        }
        writer.Complete();
    }

    private static void WriteText(NpgsqlBinaryImporter w, string? v)
    {
        if (v is null) w.WriteNull(); else w.Write(v, NpgsqlDbType.Text);
    }

    private static void WriteDate(NpgsqlBinaryImporter w, DateOnly? v)
    {
        if (v is { } d) w.Write(d, NpgsqlDbType.Date); else w.WriteNull();
    }

    private static void WriteShort(NpgsqlBinaryImporter w, int? v)
    {
        if (v is { } n) w.Write((short)n, NpgsqlDbType.Smallint); else w.WriteNull();
    }

    private static string[] DisabilityCodes(DisabilityType t) =>
        Codes.Disability.Values.Where(v => v != DisabilityType.None && t.HasFlag(v)).Select(Codes.Disability.Code).ToArray();

    // ---------------------------------------------------------------------------------------- ledger

    /// <summary>Every batch of the ledger, oldest first (importer or analyst role, or the owner).</summary>
    public static async Task<IReadOnlyList<ImportBatch>> ListBatchesAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        var ids = new List<long>();
        await foreach (var id in Query(connection, "SELECT batch_id FROM planlink.import_batch ORDER BY batch_id", r => r.GetInt64(0), ct))
            ids.Add(id);
        var list = new List<ImportBatch>();
        foreach (var id in ids) list.Add((await FindAsync(connection, "batch_id = $1", id, ct))!);
        return list;
    }

    private static Task<ImportBatch?> FindByContentAsync(NpgsqlConnection c, string sha, CancellationToken ct) =>
        FindAsync(c, "content_sha256 = $1", sha, ct);

    private static async Task<ImportBatch?> FindAsync(NpgsqlConnection c, string where, object key, CancellationToken ct)
    {
        ImportBatch? batch = null;
        await using (var cmd = new NpgsqlCommand($"""
            SELECT b.batch_id, b.batch_key, b.office_ids, b.period, b.source, b.content_sha256, b.imported_at, b.imported_by,
                   b.command, b.plans, b.needs, b.services, b.support_plans, b.support_goals, b.monitoring, b.offices,
                   b.municipalities, b.rows_rejected,
                   (SELECT s.by_batch_id FROM planlink.batch_supersession s WHERE s.superseded_batch_id = b.batch_id)
            FROM planlink.import_batch b WHERE b.{where}
            """, c))
        {
            cmd.Parameters.Add(new() { Value = key });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                batch = new ImportBatch(r.GetInt64(0), r.GetString(1), r.GetFieldValue<string[]>(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetString(5),
                    r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.GetString(8),
                    new ImportCounts(r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13),
                        r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17)),
                    [], r.IsDBNull(18) ? null : r.GetInt64(18));
            }
        }
        if (batch is null) return null;
        var files = new List<ImportedFile>();
        await foreach (var f in Query(c, $"SELECT file_name, sha256, bytes, rows_read, rows_accepted, rows_rejected FROM planlink.import_file WHERE batch_id = {batch.BatchId} ORDER BY file_name",
                           r => new ImportedFile(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)), ct))
            files.Add(f);
        return batch with { Files = files };
    }

    // ---------------------------------------------------------------------------------------- load

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

    private static async IAsyncEnumerable<T> Query<T>(NpgsqlConnection c, string sql, Func<NpgsqlDataReader, T> map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return map(r);
    }

    private static async Task Exec(NpgsqlConnection c, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static Office ReadOffice(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2),
        ParseService(r.GetString(3)), r.GetDecimal(4), OptDate(r, 5), OptDate(r, 6));

    private static Municipality ReadMunicipality(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2),
        r.GetString(3), r.GetInt32(4));

    private static string? OptText(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateOnly? OptDate(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
    private static int? OptShort(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt16(i);

    private static T Parse<T>(CodeList<T> codes, string code) where T : struct, Enum =>
        codes.TryParse(code, out var v) ? v : throw new StoreException($"未知のコード「{code}」がデータベースにあります / unknown code '{code}' in the database");

    private static ServiceType ParseService(string code) =>
        ServiceCatalog.TryParse(code, out var s) ? s : throw new StoreException($"未知のサービス種類「{code}」がデータベースにあります / unknown service '{code}' in the database");

    private static DisabilityType ParseDisabilities(string[] codes) =>
        codes.Aggregate(DisabilityType.None, (t, code) => t | Parse(Codes.Disability, code));
}
