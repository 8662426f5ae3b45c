using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
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

    private readonly FileStream _file;
    private readonly Utf8Output _out;
    private readonly Dictionary<string, byte[]> _encoded = new(ReferenceEqualityComparer.Instance);
    private const int RecentSize = 64;
    private readonly string?[] _recentText = new string?[RecentSize];
    private readonly byte[][] _recentBytes = new byte[RecentSize][];
    private FiscalQuarter? _period;
    private byte[] _periodBytes = [];

    private FiguresCsv(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
        _out = new Utf8Output(_file);
    }

    /// <summary>Starts figures.csv: byte order mark and header.</summary>
    public static FiguresCsv Create(string path)
    {
        var csv = new FiguresCsv(path);
        csv._out.Bytes(Encoding.UTF8.Preamble);
        for (var i = 0; i < Header.Length; i++) csv.Field(Header[i], first: i == 0);
        csv._out.Bytes("\n"u8);
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
        PublishedFigure area = default;
        var prefix = Array.Empty<byte>();
        for (var i = 0; i < table.Count; i++)
        {
            var c = table.Figure(i);
            // A table lists an area's cells together: "table,level,code,name,period" is made once per area and period.
            if (prefix.Length == 0 || c.Level != area.Level || !ReferenceEquals(c.AreaCode, area.AreaCode) || !ReferenceEquals(c.AreaName, area.AreaName)
                || c.Period != area.Period)
            {
                (area, prefix) = (c, Prefix(id, c));
            }
            _out.Bytes(prefix);
            Field(c.Breakdown);
            Field(c.Category);
            Field(c.Measure);
            _out.Bytes(","u8);
            _out.Bytes(UnitCodes[(int)c.Unit]);
            _out.Bytes(","u8);
            if (c.Value is { } v) Value(v);
            _out.Bytes(c.Suppressed ? ",true\n"u8 : ",false\n"u8);
        }
    }

    private byte[] Prefix(byte[] id, PublishedFigure c)
    {
        var (level, code, name, period) = (LevelCodes[(int)c.Level], Encoded(c.AreaCode), Encoded(c.AreaName), PeriodBytes(c.Period));
        var prefix = new byte[id.Length + level.Length + code.Length + name.Length + period.Length + 4];
        var rest = Put(prefix, id);
        rest = Put(Put(rest, ","u8), level);
        rest = Put(Put(rest, ","u8), code);
        rest = Put(Put(rest, ","u8), name);
        Put(Put(rest, ","u8), period);
        return prefix;
    }

    private static Span<byte> Put(Span<byte> to, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to);
        return to[bytes.Length..];
    }

    /// <summary>Appends the rows of a part file written by <see cref="WritePart"/>: on Linux inside the kernel
    /// (copy_file_range, no trip through this process's memory: the parts of a national figures.csv are gigabytes).</summary>
    public void Append(string partPath)
    {
        _out.Flush();
        using var part = new FileStream(partPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (OperatingSystem.IsLinux() && FileCopy.InKernel(part, _file)) return;
        part.CopyTo(_file, 1 << 20);
    }

    public void Dispose() => _out.Dispose();

    private byte[] PeriodBytes(FiscalQuarter period)
    {
        if (_period != period) (_period, _periodBytes) = (period, Encoding.UTF8.GetBytes(period.ToString()));
        return _periodBytes;
    }

    /// <summary>A text field after a comma (none for the first), quoted only when it holds a comma, a quote or a line break.</summary>
    private void Field(string text, bool first = false)
    {
        if (!first) _out.Bytes(","u8);
        _out.Bytes(Encoded(text));
    }

    /// <summary>A field's bytes: codes, names and categories are a few string instances repeated on millions of rows, so each is encoded once.
    /// A small table indexed by the instance's identity hash answers most rows (3 fields each) without a dictionary lookup.</summary>
    private byte[] Encoded(string text)
    {
        var slot = RuntimeHelpers.GetHashCode(text) & (RecentSize - 1);
        if (ReferenceEquals(_recentText[slot], text)) return _recentBytes[slot];
        if (!_encoded.TryGetValue(text, out var bytes))
        {
            var field = text.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
            _encoded[text] = bytes = Encoding.UTF8.GetBytes(field);
        }
        (_recentText[slot], _recentBytes[slot]) = (text, bytes);
        return bytes;
    }

    /// <summary>A value as the report prints it ("0.##", invariant: no trailing zeros), without making a string.</summary>
    private void Value(decimal value)
    {
        var span = _out.Reserve(64);
        int written;
        if (value.Scale == 0 && Math.Abs(value) < 1e15m)
        {
            // Counts: a whole number prints as itself.
            ((long)value).TryFormat(span, out written, default, CultureInfo.InvariantCulture);
        }
        else if (Math.Abs(value) < 1e15m)
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
        _out.Advance(written);
    }
}
