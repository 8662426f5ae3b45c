using System.Globalization;
using System.Text;
using CsvHelper;
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
        var session = new Session(roots, options);
        // Reference data first, so that the providers named by plans can be checked against it.
        var offices = session.Read(ContractSchema.Offices, MapOffice, o => (o.OfficeId, o.Service));
        var municipalities = session.Read(ContractSchema.Municipalities, MapMunicipality, m => m.Code);
        var officeIds = offices.Select(o => o.OfficeId).ToHashSet(StringComparer.Ordinal);
        // Free text may name an office by its (public) number: that is not a 受給者証番号.
        session.PublicNumbers = officeIds;
        if (officeIds.Count == 0)
            session.Warnings.Add("offices.csv がないため提供事業所番号を照合していません / no offices.csv read: provider office numbers were not checked");

        var plans = session.Read(ContractSchema.Plans, MapPlan, p => p.PlanId, CheckPlanDates);
        var planIds = plans.Select(p => p.PlanId).ToHashSet(StringComparer.Ordinal);
        var needs = session.Read(ContractSchema.Needs, MapNeed, n => (n.PlanId, n.Priority), r => CheckPlan(r, planIds));
        var services = session.Read(ContractSchema.Services, MapService, s => (s.PlanId, s.Priority, s.Service, s.Since), r =>
        {
            CheckPlan(r, planIds);
            CheckProvider(r, officeIds);
        });
        var supportPlans = session.Read(ContractSchema.SupportPlans, MapSupportPlan, s => s.SupportPlanId);
        var supportPlanById = supportPlans.ToDictionary(s => s.SupportPlanId, StringComparer.Ordinal);
        var currentPlans = new CurrentPlanIndex(plans, needs);
        var goals = session.Read(ContractSchema.SupportGoals, MapGoal, g => (g.SupportPlanId, g.GoalNo), (r, g) =>
        {
            if (!supportPlanById.TryGetValue(g.SupportPlanId, out var supportPlan))
            {
                if (g.SupportPlanId.Length > 0)
                    r.Fail("support_plan_id", g.SupportPlanId, "個別支援計画がありません", "no such support plan in support_plans.csv");
                return;
            }
            if (g.LinkedPriority is not { } priority) return;
            if (currentPlans.CurrentPlan(supportPlan.PersonKey, supportPlan.PlanDate) is not { } plan)
                r.Fail("linked_priority", priority.ToString(CultureInfo.InvariantCulture), "本人のサービス等利用計画がありません",
                    "the person of this support plan has no service use plan in plans.csv");
            else if (!currentPlans.HasPriority(plan.PlanId, priority))
                r.Fail("linked_priority", priority.ToString(CultureInfo.InvariantCulture), $"本人の現在の計画（{plan.PlanId}）にこの優先順位の課題がありません",
                    $"no need with this priority in the person's current plan {plan.PlanId}");
        });
        var monitoring = session.Read(ContractSchema.Monitoring, MapMonitoring, m => (m.PlanId, m.MonitoringDate, m.Priority), r => CheckPlan(r, planIds));

        var dataset = new PlanDataset(plans, needs, services, supportPlans, goals, monitoring, offices, municipalities)
        {
            IsSynthetic = roots.Any(r => Directory.EnumerateFiles(r, SyntheticMarker, SearchOption.AllDirectories).Any()),
        };
        return new ReadResult(dataset, session.Errors, session.Tallies, session.Warnings);
    }

    private static void CheckPlanDates(RowFields r, Plan p)
    {
        if (p.EndDate is { } end && p.PlanDate != default && end < p.PlanDate)
            r.Fail("end_date", r.Raw("end_date"), "終了日が作成日より前です", "end date is before the plan date");
    }

    private static void CheckProvider(RowFields r, HashSet<string> officeIds)
    {
        var id = r.Raw("provider_office_id");
        if (id is null || officeIds.Count == 0) return;
        var normalized = FieldParser.Normalize(id);
        if (normalized.Length == 10 && !officeIds.Contains(normalized))
            r.Fail("provider_office_id", id, "offices.csv にない事業所番号です", "provider office is not in offices.csv");
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
    private sealed class Session(IReadOnlyList<string> roots, ReadOptions options)
    {
        public List<RowError> Errors { get; } = [];
        public List<FileTally> Tallies { get; } = [];
        public List<string> Warnings { get; } = [];
        /// <summary>10-digit numbers free text may hold: the office numbers read so far.</summary>
        public IReadOnlySet<string>? PublicNumbers { get; set; }

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
            where T : class where TKey : notnull =>
            Read(spec, map, key, check is null ? null : (r, _) => check(r));

        public List<T> Read<T, TKey>(FileSpec spec, Func<RowFields, T> map, Func<T, TKey> key, Action<RowFields, T>? check)
            where T : class where TKey : notnull
        {
            var kept = new Dictionary<TKey, T>();
            var order = new List<T>();
            foreach (var path in Find(spec))
            {
                var tally = new FileReader<T, TKey>(path, Display(path), spec, options, this).Read(map, key, check, kept, order);
                Tallies.Add(tally);
            }
            return order;
        }
    }

    /// <summary>Reads one file: every data row ends up accepted, a duplicate, or rejected with its
    /// errors, so that read = accepted + rejected whatever the file holds.</summary>
    private sealed class FileReader<T, TKey>(string path, string file, FileSpec spec, ReadOptions options, Session session)
        where T : class where TKey : notnull
    {
        private long _read, _accepted, _rejected, _duplicates;

        private void FileError(long line, string reasonJa, string reasonEn) =>
            session.Errors.Add(new RowError(file, line, "", "", $"{reasonJa} / {reasonEn}"));

        private FileTally Tally() => new(file, _read, _accepted, _rejected, _duplicates);

        public FileTally Read(Func<RowFields, T> map, Func<T, TKey> key, Action<RowFields, T>? check, Dictionary<TKey, T> kept, List<T> order)
        {
            if (new FileInfo(path).Length == 0)
            {
                FileError(1, "空のファイルです（ヘッダー行もありません）", "empty file (0 bytes, not even a header line)");
                return Tally();
            }
            if (BinarySniffer.LooksBinary(path))
            {
                FileError(1, "CSVのテキストではありません（バイナリ）", "not a CSV text file (binary content)");
                return Tally();
            }
            var malformed = new Dictionary<long, CsvMalformedReason>();
            var csvOptions = CsvReaderOptions.Default with
            {
                Encoding = options.EncodingFor(path), TrackLineNumbers = true,
                IncludeValuesInExceptions = false, Separator = ',', PoolStrings = true, MaxRecordSize = options.MaxRecordBytes,
                OnMalformedRecord = m => malformed.TryAdd(m.LineNumber, m.Reason),
            };
            long line = 1, nextLine = 2;
            try
            {
                using var csv = CsvReader.FromFile(path, csvOptions);
                var headers = csv.Headers;
                if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
                {
                    FileError(1, "ヘッダー行がありません", "no header line");
                    return Tally();
                }
                var fields = new RowFields(csv, file, spec, headers, session.Warnings);
                var anyRow = false;
                while (csv.Read())
                {
                    anyRow = true;
                    _read++;
                    fields.Reset();
                    line = fields.Line;
                    nextLine = line + csv.RawRecord.Count((byte)'\n') + 1;
                    var swallowed = CheckShape(csv, fields, malformed);
                    // A record a broken quote ran into holds other rows' codes and office numbers as "text":
                    // it is rejected whole and its values are never echoed, so it is not screened as free text.
                    if (swallowed == 0) Screen(csv, fields, session.PublicNumbers);
                    if (fields.MissingRequired.Count > 0)
                    {
                        fields.Fail(fields.MissingRequired[0], null, $"必須列がヘッダーにありません（{string.Join(", ", fields.MissingRequired)}）",
                            $"required columns missing from the header: {string.Join(", ", fields.MissingRequired)}");
                    }
                    else if (!fields.HasErrors)
                    {
                        var record = map(fields);
                        if (!fields.HasErrors) check?.Invoke(fields, record);
                        if (!fields.HasErrors)
                        {
                            var k = key(record);
                            if (!kept.TryGetValue(k, out var existing))
                            {
                                kept.Add(k, record);
                                order.Add(record);
                            }
                            else if (existing.Equals(record)) _duplicates++;
                            else fields.Fail(spec.Columns[0].Name, k.ToString(), "同じキーで内容が異なる行があります", "duplicate key with different content");
                        }
                    }
                    if (fields.HasErrors)
                    {
                        _rejected++;
                        session.Errors.AddRange(fields.Errors);
                    }
                    else _accepted++;
                    for (var i = 1; i <= swallowed; i++)
                    {
                        // Lines a broken quote joined to this record: counted, so no row goes missing.
                        _read++;
                        _rejected++;
                        FileError(line + i, $"{line}行目の壊れた引用符に取り込まれた行です", $"line swallowed by the malformed quote on line {line}");
                    }
                }
                if (!anyRow)
                    session.Warnings.Add($"{file}: データ行がありません（ヘッダーのみ） / header only, no data rows");
            }
            catch (CsvFormatException e)
            {
                // Malformed beyond recovery (a record too large to buffer, usually an unclosed quote): every
                // line from that record on is counted and reported, so nothing goes missing from the tally.
                // Count from the line after the last record returned: the reader may fail while scanning ahead.
                var from = e.LineNumber > 0 ? e.LineNumber : nextLine;
                foreach (var lost in NonEmptyLinesFrom(path, Math.Min(from, nextLine)))
                {
                    _read++;
                    _rejected++;
                    FileError(lost, lost == from ? "CSVの形式が壊れています（この行以降は読めません）" : $"{from}行目以降が読めないため却下しました",
                        lost == from ? $"malformed CSV, unreadable from here on: {e.Message}" : $"unreadable after the malformed record on line {from}");
                }
            }
            return Tally();
        }

        /// <summary>Throws when a free-text (or unknown) column holds a direct identifier.</summary>
        private static void Screen(CsvReader csv, RowFields fields, IReadOnlySet<string>? publicNumbers)
        {
            if (IdentifierScreen.IsCertificateLike(fields.Raw("person_key")))
                throw new IdentifierFoundException(fields.File, fields.Line, "person_key", IdentifierKind.CertificateNumber, inHeader: false);
            foreach (var (index, column) in fields.ScreenedColumns)
            {
                if (index >= csv.FieldCount) continue;
                if (IdentifierScreen.Find(csv.GetString(index), publicNumbers) is { } kind)
                    throw new IdentifierFoundException(fields.File, fields.Line, column, kind, inHeader: false);
            }
        }

        /// <summary>Checks quoting, field count, field length and undecodable bytes; returns the number of
        /// extra lines a malformed quote made part of this record.</summary>
        private int CheckShape(CsvReader csv, RowFields fields, Dictionary<long, CsvMalformedReason> malformed)
        {
            var swallowed = 0;
            if (malformed.Remove(fields.Line, out var reason))
            {
                fields.Fail(QuotedColumn(csv, fields), null, "引用符（\"）の使い方が壊れています", $"malformed quoting ({reason})");
                swallowed = ExtraLines(csv.RawRecord);
            }
            if (csv.FieldCount < fields.HeaderCount)
                fields.Fail(fields.Headers[csv.FieldCount], null, $"列が足りません（{csv.FieldCount}/{fields.HeaderCount}、行が途中で切れている可能性）",
                    $"fewer fields than the header ({csv.FieldCount}/{fields.HeaderCount}): truncated line?");
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var bytes = csv.GetSpan(i);
                if (i >= fields.HeaderCount)
                {
                    if (!bytes.IsEmpty)
                    {
                        fields.Fail($"#{i + 1}", null, $"ヘッダーより列が多いです（{csv.FieldCount}/{fields.HeaderCount}）",
                            $"more fields than the header ({csv.FieldCount}/{fields.HeaderCount}): unquoted comma?");
                        break;
                    }
                    continue;
                }
                if (bytes.Length > options.MaxFieldLength && Encoding.UTF8.GetCharCount(bytes) > options.MaxFieldLength)
                    fields.Fail(fields.Headers[i], null, $"項目が長すぎます（{options.MaxFieldLength}文字まで）", $"field longer than {options.MaxFieldLength} characters");
                else if (!System.Text.Unicode.Utf8.IsValid(bytes) || bytes.IndexOf(ReplacementCharacter) >= 0)
                    fields.Fail(fields.Headers[i], csv.GetString(i), "文字化けしています（--encoding で文字コードを指定してください）",
                        "undecodable characters: wrong encoding? (use --encoding utf-8|cp932)");
            }
            return swallowed;
        }

        /// <summary>The column of the first field holding a quote: where the malformed quoting is.</summary>
        private static string QuotedColumn(CsvReader csv, RowFields fields)
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                if (csv.GetRawSpan(i).Contains((byte)'"')) return i < fields.HeaderCount ? fields.Headers[i] : $"#{i + 1}";
            }
            return fields.Headers[0];
        }

        /// <summary>The numbers of the non-empty lines from <paramref name="from"/> to the end of the file, counted
        /// on bytes (a line feed is never part of a UTF-8 or CP932 character), streaming.</summary>
        private static IEnumerable<long> NonEmptyLinesFrom(string path, long from)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var buffer = new byte[1 << 16];
            long number = 1;
            var content = false;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (b == (byte)'\n')
                    {
                        if (content && number >= from) yield return number;
                        number++;
                        content = false;
                    }
                    else if (b != (byte)'\r') content = true;
                }
            }
            if (content && number >= from) yield return number;
        }

        /// <summary>The non-empty lines after the first in a record's raw bytes.</summary>
        private static int ExtraLines(ReadOnlySpan<byte> raw)
        {
            var count = 0;
            var first = raw.IndexOf((byte)'\n');
            if (first < 0) return 0;
            foreach (var range in raw[(first + 1)..].Split((byte)'\n'))
            {
                var line = raw[(first + 1)..][range];
                if (line.TrimEnd((byte)'\r').Length > 0) count++;
            }
            return count;
        }

        private static ReadOnlySpan<byte> ReplacementCharacter => [0xEF, 0xBF, 0xBD];
    }
}
