using System.Text;
using CsvHelper;
using PlanLink.Ingest.Privacy;

namespace PlanLink.Ingest.Csv;

/// <summary>The checks of a file's records that need no mapping to its file type: their shape (quoting, field count,
/// length, encoding) and the identifier screen. Apart from <see cref="ContractFileReader{T}"/> so that they are compiled
/// once, not once per file type.</summary>
/// <param name="utf8">The file as it is read, when it is UTF-8: which records are known to be clean.</param>
/// <param name="malformed">The lines of the records the reader found malformed (by line, removed as they are reported).</param>
/// <param name="publicNumbers">10-digit numbers free text may hold: the office numbers read so far.</param>
internal sealed class RecordChecks(CsvReader csv, RowFields fields, int maxFieldLength, Utf8CheckedStream? utf8,
    Dictionary<long, CsvMalformedReason> malformed, IReadOnlySet<string>? publicNumbers)
{
    private readonly int _personKey = fields.Ordinal("person_key");
    private readonly (int Index, string Column)[] _screened = [.. fields.ScreenedColumns];
    // Values of the screened columns no field reads (unknown ones) that the screen found clean in this file, by their
    // bytes (the screen is a pure function of the value and of the public numbers, fixed for the file): phrases
    // repeat, and need not be screened twice. Bounded. The columns fields read have the fields' caches.
    private readonly FieldCache<bool> _clean = new(MaxClean, MaxCleanBytes);
    private const int MaxClean = 1 << 16, MaxCleanBytes = 512;

    /// <summary>Throws when the person key is a raw certificate number, or a free-text (or unknown) column holds a direct identifier.</summary>
    /// <param name="fieldsRead">Whether the row's fields were read (it was mapped): a value they did not find in their
    /// caches has joined them unscreened.</param>
    public void Screen(bool fieldsRead)
    {
        // A certificate number has only digits, spaces and hyphens: an ASCII letter (a hashed key's hex) rules it out.
        // Files without a person key (needs, services, goals, monitoring: most rows) have nothing to check here.
        if (_personKey >= 0)
        {
            var key = fields.Bytes(_personKey);
            if (!key.ContainsAnyInRange((byte)'A', (byte)'Z') && !key.ContainsAnyInRange((byte)'a', (byte)'z')
                && IdentifierScreen.IsCertificateLike(fields.RawAt(_personKey)))
                throw new IdentifierFoundException(fields.File, fields.Line, "person_key", IdentifierKind.CertificateNumber, inHeader: false);
        }
        foreach (var (index, column) in _screened)
        {
            // A value the column's field found in its cache has passed: one lookup per field, not two.
            if (fields.FoundScreened(index)) continue;
            var bytes = fields.Bytes(index);
            if (bytes.IsEmpty) continue;
            var known = fields.ScreenedCache(index);
            if (known is null ? _clean.TryGet(bytes, out _) : !fieldsRead && known.Contains(bytes)) continue;
            // Null when the row has no such field or it is blank: nothing to screen.
            if (fields.RawAt(index) is not { } text) continue;
            if (IdentifierScreen.Find(text, publicNumbers) is { } kind)
                throw new IdentifierFoundException(fields.File, fields.Line, column, kind, inHeader: false);
            if (known is null) _clean.Add(bytes, true);
        }
    }

    /// <summary>Checks quoting, field count, field length and undecodable bytes of the current record, whose raw bytes
    /// are <paramref name="raw"/>; returns the number of extra lines a malformed quote made part of it.</summary>
    public int CheckShape(ReadOnlySpan<byte> raw)
    {
        var swallowed = 0;
        if (malformed.Remove(fields.Line, out var reason))
        {
            fields.Fail(QuotedColumn(), null, "引用符（\"）の使い方が壊れています", $"malformed quoting ({reason})");
            swallowed = ExtraLines(raw);
        }
        if (csv.FieldCount < fields.HeaderCount)
            fields.Fail(fields.Headers[csv.FieldCount], null, $"列が足りません（{csv.FieldCount}/{fields.HeaderCount}、行が途中で切れている可能性）",
                $"fewer fields than the header ({csv.FieldCount}/{fields.HeaderCount}): truncated line?");
        // The fields are pieces of the record (quotes aside): when the whole record is short enough, valid UTF-8 and
        // free of U+FFFD, so is every field, and only surplus fields remain to check.
        var fieldsValid = raw.Length <= maxFieldLength && (utf8?.IsClean(csv.ByteOffset, raw.Length) == true || Utf8CheckedStream.Clean(raw));
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
            if (bytes.Length > maxFieldLength && Encoding.UTF8.GetCharCount(bytes) > maxFieldLength)
                fields.Fail(fields.Headers[i], null, $"項目が長すぎます（{maxFieldLength}文字まで）", $"field longer than {maxFieldLength} characters");
            else if (!Utf8CheckedStream.Clean(bytes))
                fields.Fail(fields.Headers[i], csv.GetString(i), "文字化けしています（--encoding で文字コードを指定してください）",
                    "undecodable characters: wrong encoding? (use --encoding utf-8|cp932)");
        }
        return swallowed;
    }

    /// <summary>The column of the first field holding a quote: where the malformed quoting is.</summary>
    private string QuotedColumn()
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (csv.GetRawSpan(i).Contains((byte)'"')) return i < fields.HeaderCount ? fields.Headers[i] : $"#{i + 1}";
        }
        return fields.Headers[0];
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
