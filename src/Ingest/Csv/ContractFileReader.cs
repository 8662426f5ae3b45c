using System.Text;
using CsvHelper;
using PlanLink.Ingest.Privacy;

namespace PlanLink.Ingest.Csv;

/// <summary>Reads one file: every data row ends up accepted, a duplicate, or rejected with its
/// errors, so that read = accepted + rejected whatever the file holds.</summary>
internal sealed class ContractFileReader<T, TKey>(string path, string file, FileSpec spec, ReadOptions options, ReadSession session)
    where T : class where TKey : notnull
{
    private long _read, _accepted, _rejected, _duplicates;
    // Free-text values the screen found clean in this file (the screen is a pure function of the value and
    // of the public numbers, fixed for the file): phrases repeat, and need not be screened twice. Bounded.
    private readonly HashSet<string> _clean = new(StringComparer.Ordinal);
    private const int MaxClean = 1 << 16, MaxCleanLength = 256;

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
                if (swallowed == 0) Screen(fields, session.PublicNumbers);
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
    private void Screen(RowFields fields, IReadOnlySet<string>? publicNumbers)
    {
        if (IdentifierScreen.IsCertificateLike(fields.Raw("person_key")))
            throw new IdentifierFoundException(fields.File, fields.Line, "person_key", IdentifierKind.CertificateNumber, inHeader: false);
        foreach (var (index, column) in fields.ScreenedColumns)
        {
            // Null when the row has no such field or it is blank: nothing to screen.
            if (fields.RawAt(index) is not { } text || _clean.Contains(text)) continue;
            if (IdentifierScreen.Find(text, publicNumbers) is { } kind)
                throw new IdentifierFoundException(fields.File, fields.Line, column, kind, inHeader: false);
            if (text.Length <= MaxCleanLength && _clean.Count < MaxClean) _clean.Add(text);
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
