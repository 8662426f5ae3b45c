using System.Text;
using CsvHelper;
using PlanLink.Ingest.Privacy;

namespace PlanLink.Ingest.Csv;

/// <summary>Parses one file: every data row ends up parsed (its reference checks and de-duplication still to
/// come, in <see cref="ParsedFile{T}.Settle"/>) or rejected with its errors, so that read = accepted + rejected
/// whatever the file holds. Parsing needs no other file, so every file type can be parsed at the same time.</summary>
internal sealed class ContractFileReader<T>(string path, string file, FileSpec spec, ReadOptions options, ReadSession session)
{
    private readonly ParsedFile<T> _parsed = new(file, spec.Columns[0].Name);
    // Values of the screened columns no field reads (unknown ones) that the screen found clean in this file, by their
    // bytes (the screen is a pure function of the value and of the public numbers, fixed for the file): phrases
    // repeat, and need not be screened twice. Bounded. The columns fields read have the fields' caches.
    private readonly FieldCache<bool> _clean = new(MaxClean, MaxCleanBytes);
    private const int MaxClean = 1 << 16, MaxCleanBytes = 512;
    private readonly int _maxFieldLength = options.MaxFieldLength;
    // The file as it is read, when it is UTF-8: which records are known to be clean.
    private Utf8CheckedStream? _utf8;

    /// <summary>An error about the file, not a row: nothing was read.</summary>
    private void FileError(long line, string reasonJa, string reasonEn) => _parsed.Error(LineError(line, reasonJa, reasonEn));

    /// <summary>Counts a line that is no row of its own (swallowed by a broken quote, or unreadable) as read and rejected.</summary>
    private void RejectLine(long line, string reasonJa, string reasonEn)
    {
        _parsed.Read++;
        _parsed.Reject([LineError(line, reasonJa, reasonEn)]);
    }

    private RowError LineError(long line, string reasonJa, string reasonEn) => new(file, line, "", "", $"{reasonJa} / {reasonEn}");

    /// <param name="bind">Makes the mapper of a row for this file's columns (resolved once, not per row).</param>
    /// <param name="rowCheck">A check of the row alone (no other file), run as the row is parsed.</param>
    /// <param name="checkedColumns">The columns the reference checks name in their errors: their raw values are
    /// kept for the rows where they differ from the record's (spaces, full-width digits).</param>
    public ParsedFile<T> Parse(Func<RowFields, Func<T>> bind, Action<RowFields, T>? rowCheck, IReadOnlyList<string> checkedColumns)
    {
        if (new FileInfo(path).Length == 0)
        {
            FileError(1, "空のファイルです（ヘッダー行もありません）", "empty file (0 bytes, not even a header line)");
            return _parsed;
        }
        if (BinarySniffer.LooksBinary(path))
        {
            FileError(1, "CSVのテキストではありません（バイナリ）", "not a CSV text file (binary content)");
            return _parsed;
        }
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var encoding = options.EncodingFor(path);
        // No string pool: the fields' caches share repeated values, and child rows take their parent's id string (RowFields.IdField).
        var csvOptions = CsvReaderOptions.Default with
        {
            Encoding = encoding, TrackLineNumbers = true,
            IncludeValuesInExceptions = false, Separator = ',', PoolStrings = false, MaxRecordSize = options.MaxRecordBytes,
            OnMalformedRecord = m => malformed.TryAdd(m.LineNumber, m.Reason),
        };
        long line = 1, nextLine = 2;
        try
        {
            // UTF-8 is checked as it is read (another encoding is decoded to UTF-8, and its records are checked one by one).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            _utf8 = encoding is UTF8Encoding ? new Utf8CheckedStream(stream) : null;
            using var csv = CsvReader.Create(_utf8 ?? (Stream)stream, csvOptions, leaveOpen: true);
            var headers = csv.Headers;
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            {
                FileError(1, "ヘッダー行がありません", "no header line");
                return _parsed;
            }
            var fields = new RowFields(csv, file, spec, headers, session.Warnings, session.OfficeNumbers);
            var map = bind(fields);
            var personKey = fields.Ordinal("person_key");
            var screened = fields.ScreenedColumns.ToArray();
            var checkedIndexes = checkedColumns.Select(c => (Column: c, Index: fields.Ordinal(c))).ToArray();
            while (csv.Read())
            {
                _parsed.Read++;
                fields.Reset();
                line = fields.Line;
                nextLine = line + csv.RawRecord.Count((byte)'\n') + 1;
                var swallowed = CheckShape(csv, fields, malformed);
                // A record a broken quote ran into holds other rows' codes and office numbers as "text":
                // it is rejected whole and its values are never echoed, so it is not screened as free text.
                if (swallowed == 0) Screen(fields, personKey, screened, session.PublicNumbers);
                if (fields.MissingRequired.Count > 0)
                {
                    fields.Fail(fields.MissingRequired[0], null, $"必須列がヘッダーにありません（{string.Join(", ", fields.MissingRequired)}）",
                        $"required columns missing from the header: {string.Join(", ", fields.MissingRequired)}");
                }
                else if (!fields.HasErrors)
                {
                    var record = map();
                    if (!fields.HasErrors) rowCheck?.Invoke(fields, record);
                    if (!fields.HasErrors)
                    {
                        foreach (var (column, index) in checkedIndexes)
                        {
                            // A plain field's raw value is the record's, and an empty one is null in both.
                            var bytes = fields.Bytes(index);
                            if (!bytes.IsEmpty && !RowFields.IsPlain(bytes)) _parsed.KeepRaw(column, fields.RawAt(index));
                        }
                        _parsed.Accept(record, line);
                    }
                }
                if (fields.HasErrors) _parsed.Reject(fields.Errors);
                for (var i = 1; i <= swallowed; i++)
                {
                    // Lines a broken quote joined to this record: counted, so no row goes missing.
                    RejectLine(line + i, $"{line}行目の壊れた引用符に取り込まれた行です", $"line swallowed by the malformed quote on line {line}");
                }
            }
            if (_parsed.Read == 0)
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
                RejectLine(lost, lost == from ? "CSVの形式が壊れています（この行以降は読めません）" : $"{from}行目以降が読めないため却下しました",
                    lost == from ? $"malformed CSV, unreadable from here on: {e.Message}" : $"unreadable after the malformed record on line {from}");
            }
        }
        return _parsed;
    }

    /// <summary>Throws when the person key is a raw certificate number, or a free-text (or unknown) column holds a direct identifier.</summary>
    private void Screen(RowFields fields, int personKey, (int Index, string Column)[] screened, IReadOnlySet<string>? publicNumbers)
    {
        // A certificate number has only digits, spaces and hyphens: an ASCII letter (a hashed key's hex) rules it out.
        var key = fields.Bytes(personKey);
        if (!key.ContainsAnyInRange((byte)'A', (byte)'Z') && !key.ContainsAnyInRange((byte)'a', (byte)'z')
            && IdentifierScreen.IsCertificateLike(personKey >= 0 ? fields.RawAt(personKey) : null))
            throw new IdentifierFoundException(fields.File, fields.Line, "person_key", IdentifierKind.CertificateNumber, inHeader: false);
        foreach (var (index, column) in screened)
        {
            var bytes = fields.Bytes(index);
            if (bytes.IsEmpty) continue;
            // A value the column's field cached has passed: a hit there also leaves it first in line for the field.
            var known = fields.ScreenedCache(index);
            if (known is not null ? known.Contains(bytes) : _clean.TryGet(bytes, out _)) continue;
            // Null when the row has no such field or it is blank: nothing to screen.
            if (fields.RawAt(index) is not { } text) continue;
            if (IdentifierScreen.Find(text, publicNumbers) is { } kind)
                throw new IdentifierFoundException(fields.File, fields.Line, column, kind, inHeader: false);
            if (known is null) _clean.Add(bytes, true);
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
        // The fields are pieces of the record (quotes aside): when the whole record is short enough, valid UTF-8 and
        // free of U+FFFD, so is every field, and only surplus fields remain to check.
        var raw = csv.RawRecord;
        var fieldsValid = raw.Length <= _maxFieldLength && (_utf8?.IsClean(csv.ByteOffset, raw.Length) == true || Utf8CheckedStream.Clean(raw));
        for (var i = fieldsValid ? fields.HeaderCount : 0; i < csv.FieldCount; i++)
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
            if (bytes.Length > _maxFieldLength && Encoding.UTF8.GetCharCount(bytes) > _maxFieldLength)
                fields.Fail(fields.Headers[i], null, $"項目が長すぎます（{_maxFieldLength}文字まで）", $"field longer than {_maxFieldLength} characters");
            else if (!Utf8CheckedStream.Clean(bytes))
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
}
