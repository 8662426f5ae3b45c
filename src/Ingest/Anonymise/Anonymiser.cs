using CsvHelper;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Privacy;

namespace PlanLink.Ingest.Anonymise;

/// <summary>What anonymising gave: the rows written per file, the raw rows that could not be
/// anonymised (and were left out), and warnings (dropped columns).</summary>
public sealed record AnonymiseResult(IReadOnlyList<FileTally> Tallies, IReadOnlyList<RowError> Errors, IReadOnlyList<string> Warnings);

/// <summary>Turns an office's raw export (<see cref="RawSchema"/>) into the anonymised contract:
/// person_key from the 受給者証番号 with the council's key, age band from the birth date as of the
/// plan date, names, addresses and phones dropped, and free text scrubbed of identifier patterns
/// and of the person's own name. Streams every file; only the person look-ups are held in memory.</summary>
public static class Anonymiser
{
    /// <summary>Anonymises <paramref name="rawFolder"/> and each folder below it into the same layout under <paramref name="outFolder"/>.</summary>
    public static AnonymiseResult Run(string rawFolder, string outFolder, CouncilKey key, ReadOptions options = default)
    {
        if (!Directory.Exists(rawFolder)) throw new DirectoryNotFoundException($"入力フォルダがありません / input folder not found: {rawFolder}");
        var job = new Job(key, options);
        foreach (var dir in Directory.EnumerateDirectories(rawFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Prepend(rawFolder))
        {
            var target = Path.Combine(outFolder, Path.GetRelativePath(rawFolder, dir));
            job.Folder(dir, target, Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(rawFolder)) ?? rawFolder, dir).Replace('\\', '/'));
        }
        return new AnonymiseResult(job.Tallies, job.Errors, job.Warnings);
    }

    /// <summary>A raw row: its values by contract column name, and where it came from.</summary>
    private sealed class RawRow(Dictionary<string, string> values, string file, long line)
    {
        public string File { get; } = file;
        public long Line { get; } = line;
        public string? this[string column] => values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
    }

    private sealed class Job(CouncilKey key, ReadOptions options)
    {
        public List<FileTally> Tallies { get; } = [];
        public List<RowError> Errors { get; } = [];
        public List<string> Warnings { get; } = [];

        public void Folder(string dir, string target, string display)
        {
            // The person behind each plan and support plan, for scrubbing their own name from free text.
            var namesByPlan = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var namesByCertificate = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var namesBySupportPlan = new Dictionary<string, string[]>(StringComparer.Ordinal);

            Transform(dir, target, display, ContractSchema.Plans, row =>
            {
                var certificate = Certificate(row);
                var planDate = row["plan_date"];
                var birth = row["birth_date"];
                if (!FieldParser.TryDate(birth ?? "", out var birthDate))
                    return Fail(row, "birth_date", "生年月日が読めません", "birth date missing or not a date");
                if (!FieldParser.TryDate(planDate ?? "", out var asOf))
                    return Fail(row, "plan_date", "作成日が読めません", "plan date missing or not a date");
                if (certificate is null) return Fail(row, "certificate_no", "受給者証番号が空です", "certificate number is empty");
                var age = AgeBands.Age(birthDate, asOf);
                if (age < 0) return Fail(row, "birth_date", "生年月日が作成日より後です", "birth date after the plan date");
                var names = PersonalStrings(row);
                namesByCertificate.TryAdd(CouncilKey.NormalizeCertificate(certificate), names);
                if (row["plan_id"] is { } planId) namesByPlan.TryAdd(planId, names);
                return new()
                {
                    ["person_key"] = key.PersonKey(certificate),
                    ["age_band"] = AgeBands.Of(age),
                    ["wishes"] = Scrub(row["wishes"], names),
                };
            });
            Transform(dir, target, display, ContractSchema.SupportPlans, row =>
            {
                if (Certificate(row) is not { } certificate)
                    return Fail(row, "certificate_no", "受給者証番号が空です", "certificate number is empty");
                var names = PersonalStrings(row);
                if (namesByCertificate.TryGetValue(CouncilKey.NormalizeCertificate(certificate), out var fromPlans)) names = [.. names, .. fromPlans];
                if (row["support_plan_id"] is { } id) namesBySupportPlan.TryAdd(id, names);
                return new()
                {
                    ["person_key"] = key.PersonKey(certificate),
                    ["long_goal"] = Scrub(row["long_goal"], names),
                    ["short_goal"] = Scrub(row["short_goal"], names),
                };
            });
            string[] ByPlan(RawRow row) => row["plan_id"] is { } id && namesByPlan.TryGetValue(id, out var n) ? n : [];
            Transform(dir, target, display, ContractSchema.Needs, row => new()
            {
                ["need_text"] = Scrub(row["need_text"], ByPlan(row)),
                ["goal_text"] = Scrub(row["goal_text"], ByPlan(row)),
                ["person_role"] = Scrub(row["person_role"], ByPlan(row)),
            });
            Transform(dir, target, display, ContractSchema.Services, _ => []);
            Transform(dir, target, display, ContractSchema.SupportGoals, row =>
            {
                var names = row["support_plan_id"] is { } id && namesBySupportPlan.TryGetValue(id, out var n) ? n : [];
                return new()
                {
                    ["goal_text"] = Scrub(row["goal_text"], names),
                    ["staff_role"] = Scrub(row["staff_role"], names),
                };
            });
            Transform(dir, target, display, ContractSchema.Monitoring, row => new() { ["new_issue"] = Scrub(row["new_issue"], ByPlan(row)) });
            Transform(dir, target, display, ContractSchema.Offices, _ => []);
            Transform(dir, target, display, ContractSchema.Municipalities, _ => []);
        }

        private static string? Certificate(RawRow row) => row["certificate_no"] is { } c && CouncilKey.NormalizeCertificate(c).Length > 0 ? c : null;

        /// <summary>The person's own strings that must not survive in free text: the name (whole and
        /// each part of two or more characters), certificate number, phone and address.</summary>
        private static string[] PersonalStrings(RawRow row)
        {
            var list = new List<string>();
            foreach (var name in new[] { row["name"], row["name_kana"] }.OfType<string>())
            {
                var n = FieldParser.Normalize(name);
                list.Add(n);
                list.Add(string.Concat(n.Where(c => !char.IsWhiteSpace(c))));
                list.AddRange(n.Split([' ', '　', '・'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 2));
            }
            foreach (var column in new[] { "certificate_no", "phone", "address" })
            {
                if (row[column] is { } v) list.Add(v);
            }
            return [.. list.Distinct()];
        }

        private static string? Scrub(string? text, string[] names) => text is null ? null : IdentifierScreen.Scrub(text, names);

        private Dictionary<string, string?>? Fail(RawRow row, string column, string ja, string en)
        {
            Errors.Add(new RowError(row.File, row.Line, column, "", $"{ja}（この行は出力しません） / {en}: row left out"));
            return null;
        }

        /// <summary>Streams one raw file into its contract file. <paramref name="transform"/> gives the
        /// computed or scrubbed values (other contract columns are copied), or null to leave the row out.</summary>
        private void Transform(string dir, string target, string display, FileSpec contract, Func<RawRow, Dictionary<string, string?>?> transform)
        {
            var path = Directory.EnumerateFiles(dir, contract.FileName, new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).FirstOrDefault();
            if (path is null) return;
            var file = $"{display}/{contract.FileName}";
            var raw = RawSchema.For(contract);
            if (new FileInfo(path).Length == 0)
            {
                Errors.Add(new RowError(file, 1, "", "", "空のファイルです / empty file"));
                return;
            }
            var csvOptions = CsvReaderOptions.Default with { Encoding = options.EncodingFor(path), TrackLineNumbers = true, Separator = ',' };
            using var csv = CsvReader.FromFile(path, csvOptions);
            var columns = MapHeader(csv.Headers, raw, file);
            var missing = raw.Columns.Where(c => c.Required && !columns.Values.Contains(c.Name)).Select(c => c.Name).ToList();
            if (missing.Count > 0)
                throw new InputRefusedException($"{file}: 必須列がありません（{string.Join(", ", missing)}） / required columns missing from the raw export: {string.Join(", ", missing)} (see docs/anonymiser.md)");
            Directory.CreateDirectory(target);
            long read = 0, written = 0;
            ContractWriter.WriteFile(target, contract, Rows(), values => values);
            Tallies.Add(new FileTally(file, read, written, read - written, 0));

            IEnumerable<string?[]> Rows()
            {
                while (csv.Read())
                {
                    read++;
                    var values = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (index, column) in columns)
                    {
                        if (index < csv.FieldCount) values[column] = csv.GetString(index);
                    }
                    var row = new RawRow(values, file, csv.LineNumber);
                    if (transform(row) is not { } computed) continue;
                    written++;
                    yield return contract.Columns.Select(c => computed.TryGetValue(c.Name, out var v) ? v : row[c.Name]).ToArray();
                }
            }
        }

        /// <summary>Header index → raw column name; unknown columns are dropped (never copied) with a warning.</summary>
        private Dictionary<int, string> MapHeader(IReadOnlyList<string> headers, FileSpec raw, string file)
        {
            var known = raw.Columns.SelectMany(c => c.Aliases.Prepend(c.Name).Select(n => (Name: n, Column: c.Name)))
                .ToDictionary(p => p.Name, p => p.Column, StringComparer.OrdinalIgnoreCase);
            var map = new Dictionary<int, string>();
            for (var i = 0; i < headers.Count; i++)
            {
                if (known.TryGetValue(FieldParser.Normalize(headers[i]), out var column) && !map.ContainsValue(column)) map[i] = column;
                else Warnings.Add($"{file}: 列「{headers[i]}」は出力しません / column '{headers[i]}' dropped");
            }
            return map;
        }
    }
}
