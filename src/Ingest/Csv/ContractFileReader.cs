using System.Text;
using CsvHelper;

namespace PlanLink.Ingest.Csv;

/// <summary>Parses one file: every data row ends up parsed (its reference checks and de-duplication still to
/// come, in <see cref="ParsedFile{T}.Settle"/>) or rejected with its errors, so that read = accepted + rejected
/// whatever the file holds. Parsing needs no other file, so every file type can be parsed at the same time.</summary>
internal sealed class ContractFileReader<T>(string path, string file, FileSpec spec, ReadOptions options, ReadSession session)
{
    private readonly ParsedFile<T> _parsed = new(file, spec.Columns[0].Name);

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
        long line = 1;
        try
        {
            // UTF-8 is checked as it is read (another encoding is decoded to UTF-8, and its records are checked one by one).
            using var stream = Open();
            var utf8 = encoding is UTF8Encoding ? new Utf8CheckedStream(stream) : null;
            using var csv = CsvReader.Create(utf8 ?? (Stream)stream, csvOptions, leaveOpen: true);
            var headers = csv.Headers;
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            {
                FileError(1, "ヘッダー行がありません", "no header line");
                return _parsed;
            }
            var fields = new RowFields(csv, file, spec, headers, session.Warnings, session.OfficeNumbers);
            var map = bind(fields);
            var checks = new RecordChecks(csv, fields, options.MaxFieldLength, utf8, malformed, session.PublicNumbers);
            var checkedIndexes = checkedColumns.Select(c => (Column: c, Index: fields.Ordinal(c))).ToArray();
            while (csv.Read())
            {
                _parsed.Read++;
                fields.Reset();
                line = fields.Line;
                var swallowed = checks.CheckShape(csv.RawRecord);
                var (record, mapped) = (default(T)!, false);
                if (fields.MissingRequired.Count > 0)
                {
                    fields.Fail(fields.MissingRequired[0], null, $"必須列がヘッダーにありません（{string.Join(", ", fields.MissingRequired)}）",
                        $"required columns missing from the header: {string.Join(", ", fields.MissingRequired)}");
                }
                else if (!fields.HasErrors) (record, mapped) = (map(), true);
                // Screened once the fields are read, whose caches know the values that passed already. A record a broken
                // quote ran into holds other rows' codes and office numbers as "text": it is rejected whole and its values
                // are never echoed, so it is not screened as free text. An identifier ends the read, whatever the row's errors.
                if (swallowed == 0) checks.Screen(mapped);
                if (mapped)
                {
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
                        if (fields.ReferenceMissing) _parsed.MarkReferenceMissing();
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
            var nextLine = LineAfter(csvOptions, line);
            var from = e.LineNumber > 0 ? e.LineNumber : nextLine;
            foreach (var lost in NonEmptyLinesFrom(path, Math.Min(from, nextLine)))
            {
                RejectLine(lost, lost == from ? "CSVの形式が壊れています（この行以降は読めません）" : $"{from}行目以降が読めないため却下しました",
                    lost == from ? $"malformed CSV, unreadable from here on: {e.Message}" : $"unreadable after the malformed record on line {from}");
            }
        }
        return _parsed;
    }

    /// <summary>The file, unbuffered: the CSV reader has a buffer of its own.</summary>
    private FileStream Open() => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <summary>The line after the record that starts on line <paramref name="line"/>, which a first read returned (line 1:
    /// none, the header): found by reading the file again up to it, so that the rows of a readable file need not count
    /// their line breaks.</summary>
    private long LineAfter(CsvReaderOptions csvOptions, long line)
    {
        if (line == 1) return 2;
        using var csv = CsvReader.Create(Open(), csvOptions with { OnMalformedRecord = null }, leaveOpen: false);
        while (csv.Read())
        {
            if (csv.LineNumber == line) return line + csv.RawRecord.Count((byte)'\n') + 1;
        }
        throw new InvalidOperationException($"{file}: line {line} held no record on a second read");
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
}
