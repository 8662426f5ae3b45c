using System.Buffers;
using System.Globalization;
using System.Text;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Tables;

namespace PlanLink.Reports.Output;

/// <summary>figures.csv: every published number in one tidy table (design.md), UTF-8 with BOM for Excel.
/// Takes only <see cref="PublishedTable"/>s, so unprotected figures cannot reach it.</summary>
/// <remarks>National data gives tens of millions of rows, so rows go straight to UTF-8 bytes (quoted as
/// CsvHelper quotes: only fields holding a comma, a quote or a line break). A table published in parts
/// (a trend, one quarter at a time) has each part written to a part file as soon as it is published
/// (<see cref="WritePart"/>), and the parts are appended in their place when the file is put together.</remarks>
public sealed class FiguresCsv : IDisposable
{
    public static readonly string[] Header =
        ["table", "level", "area_code", "area_name", "period", "breakdown", "category", "measure", "unit", "value", "suppressed"];

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private static readonly byte[][] LevelCodes = [.. Enum.GetValues<AreaLevel>().Select(l => Encoding.UTF8.GetBytes(l.Code()))];
    private static readonly byte[][] UnitCodes = [.. Enum.GetValues<MeasureUnit>().Select(u => Encoding.UTF8.GetBytes(u.Code()))];

    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _length;
    private readonly Dictionary<string, byte[]> _encoded = new(ReferenceEqualityComparer.Instance);
    private FiscalQuarter? _period;
    private byte[] _periodBytes = [];

    private FiguresCsv(string path) => _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);

    /// <summary>Starts figures.csv: byte order mark and header.</summary>
    public static FiguresCsv Create(string path)
    {
        var csv = new FiguresCsv(path);
        csv.Bytes(Encoding.UTF8.Preamble);
        for (var i = 0; i < Header.Length; i++) csv.Field(Header[i], first: i == 0);
        csv.Bytes("\n"u8);
        return csv;
    }

    /// <summary>Writes the rows of one table (or one part of a table) to a part file, for <see cref="Append"/>.</summary>
    public static void WritePart(string path, PublishedTable table)
    {
        using var csv = new FiguresCsv(path);
        csv.Write(table);
    }

    public void Write(PublishedTable table)
    {
        var id = Encoding.UTF8.GetBytes(table.Id);
        for (var i = 0; i < table.Count; i++)
        {
            var c = table.Figure(i);
            Bytes(id);
            Bytes(","u8);
            Bytes(LevelCodes[(int)c.Level]);
            Field(c.AreaCode);
            Field(c.AreaName);
            Bytes(","u8);
            Bytes(PeriodBytes(c.Period));
            Field(c.Breakdown);
            Field(c.Category);
            Field(c.Measure);
            Bytes(","u8);
            Bytes(UnitCodes[(int)c.Unit]);
            Bytes(","u8);
            if (c.Value is { } v) Value(v);
            Bytes(c.Suppressed ? ",true\n"u8 : ",false\n"u8);
        }
    }

    /// <summary>Appends the rows of a part file written by <see cref="WritePart"/>.</summary>
    public void Append(string partPath)
    {
        Flush();
        using var part = new FileStream(partPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        part.CopyTo(_stream, _buffer.Length);
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Flush();
            if (bytes > _buffer.Length) _buffer = new byte[bytes];
        }
        return _buffer.AsSpan(_length);
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    private byte[] PeriodBytes(FiscalQuarter period)
    {
        if (_period != period) (_period, _periodBytes) = (period, Encoding.UTF8.GetBytes(period.ToString()));
        return _periodBytes;
    }

    /// <summary>A text field after a comma (none for the first), quoted only when it holds a comma, a quote or a line break.</summary>
    private void Field(string text, bool first = false)
    {
        if (!first) Bytes(","u8);
        // Codes, names and categories are a few string instances repeated on millions of rows: encode each once.
        if (!_encoded.TryGetValue(text, out var bytes))
        {
            var field = text.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
            _encoded[text] = bytes = Encoding.UTF8.GetBytes(field);
        }
        Bytes(bytes);
    }

    /// <summary>A value as the report prints it ("0.##", invariant: no trailing zeros), without making a string.</summary>
    private void Value(decimal value)
    {
        var span = Reserve(64);
        int written;
        if (Math.Abs(value) < 1e15m)
        {
            // "0.##": rounded half away from zero to hundredths, trailing zeros dropped, never "-0".
            var hundredths = (long)decimal.Round(value * 100, MidpointRounding.AwayFromZero);
            var magnitude = Math.Abs(hundredths);
            written = 0;
            if (hundredths < 0) span[written++] = (byte)'-';
            (magnitude / 100).TryFormat(span[written..], out var digits, default, CultureInfo.InvariantCulture);
            written += digits;
            var fraction = (int)(magnitude % 100);
            if (fraction != 0)
            {
                span[written++] = (byte)'.';
                span[written++] = (byte)('0' + fraction / 10);
                if (fraction % 10 != 0) span[written++] = (byte)('0' + fraction % 10);
            }
        }
        else value.TryFormat(span, out written, "0.##", CultureInfo.InvariantCulture);
        _length += written;
    }
}
