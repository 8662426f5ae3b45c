using Npgsql;
using NpgsqlTypes;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Store;

/// <summary>The PostgreSQL store: import an export as one batch, load the current batches back as the same
/// <see cref="PlanDataset"/> that <see cref="Csv.ContractReader"/> gives for the same files.</summary>
public static partial class PlanStore
{
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

    // Shared plumbing of import, ledger and load.

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
