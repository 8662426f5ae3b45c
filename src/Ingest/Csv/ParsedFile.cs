using System.Globalization;
using System.Runtime.CompilerServices;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Csv;

/// <summary>One file parsed: its parsed rows (with their lines), awaiting the checks against other files and
/// de-duplication, and the errors of the rows already rejected, each placed among the parsed rows so that
/// <see cref="Settle"/> reports every error in line order, as a one-pass read would.</summary>
internal sealed class ParsedFile<T>(string file, string keyColumn)
{
    private readonly RowList<T> _rows = new();
    // The line of each parsed row: the line after the previous row's, except at the rows listed here (after a
    // rejected row, an empty line or a record of several lines). A list of lines would double the list of rows.
    private readonly List<(int Row, long Line)> _lineJumps = [];
    private long _lastLine;
    private readonly List<(int Before, RowError Error)> _errors = [];
    private Dictionary<(int Row, string Column), string?>? _raws;
    // The rows a reference was found missing in as they were parsed (few: each is an error).
    private HashSet<int>? _referenceMissing;
    private long _rejected;

    /// <summary>Data lines counted so far (rows, and lines a broken quote swallowed or a fatal error left unread).</summary>
    public long Read { get; set; }

    /// <summary>The rows parsed, awaiting <see cref="Settle"/>.</summary>
    public int Count => _rows.Count;

    /// <summary>The parsed rows' storage, which the rows kept may take over (see <see cref="KeyTable{T, TKey}"/>).</summary>
    public RowList<T> Rows => _rows;

    public void Accept(T record, long line)
    {
        if (line != _lastLine + 1) _lineJumps.Add((_rows.Count, line));
        _lastLine = line;
        _rows.Add(record);
    }

    /// <summary>Rejects a row (or line) with its errors.</summary>
    public void Reject(IReadOnlyList<RowError> errors)
    {
        _rejected++;
        foreach (var error in errors) _errors.Add((_rows.Count, error));
    }

    /// <summary>An error that rejects no row (the file as a whole).</summary>
    public void Error(RowError error) => _errors.Add((_rows.Count, error));

    /// <summary>Keeps the raw value of a checked column for the row about to be accepted (where it differs from the record's).</summary>
    public void KeepRaw(string column, string? raw) => (_raws ??= [])[(_rows.Count, column)] = raw;

    /// <summary>Notes that the row just accepted names something missing (see <see cref="RowFields.ReferenceMissing"/>).</summary>
    public void MarkReferenceMissing() => (_referenceMissing ??= []).Add(_rows.Count - 1);

    // How many rows ahead the table's slot of a row is fetched (see KeyTable.Prefetch).
    private const int PrefetchAhead = 16;

    /// <summary>Runs the reference checks on the parsed rows and keeps the first of each key (across the files of
    /// a file type, in file order): <paramref name="errors"/> gets this file's errors in line order.</summary>
    public FileTally Settle<TKey>(Action<T, PendingRow>? check, KeyTable<T, TKey> kept, List<RowError> errors)
        where TKey : notnull
    {
        long accepted = 0, rejected = _rejected, duplicates = 0;
        var row = new PendingRow(file, _raws, _referenceMissing);
        var (nextError, nextJump) = (0, 0);
        // The first file's rows are the storage of the rows kept (KeyTable): a row kept in its own place is not copied.
        var inPlace = ReferenceEquals(kept.Kept, _rows);
        var fetchAhead = kept.FetchesAhead;
        long line = 0;
        for (var i = 0; i < _rows.Count; i++)
        {
            if (fetchAhead && i + PrefetchAhead < _rows.Count) kept.Prefetch(in _rows.At(i + PrefetchAhead));
            while (nextError < _errors.Count && _errors[nextError].Before <= i) errors.Add(_errors[nextError++].Error);
            line = nextJump < _lineJumps.Count && _lineJumps[nextJump].Row == i ? _lineJumps[nextJump++].Line : line + 1;
            ref readonly var record = ref _rows.At(i);
            row.MoveTo(i, line);
            check?.Invoke(record, row);
            if (!row.HasErrors)
            {
                if (!kept.TryAdd(record, inPlace ? i : -1, out var existing))
                {
                    if (EqualityComparer<T>.Default.Equals(existing, record)) duplicates++;
                    else row.Fail(keyColumn, KeyText(kept.KeyOf(record)), "同じキーで内容が異なる行があります", "duplicate key with different content");
                }
            }
            if (row.HasErrors)
            {
                rejected++;
                errors.AddRange(row.Errors);
            }
            else accepted++;
        }
        while (nextError < _errors.Count) errors.Add(_errors[nextError++].Error);
        return new FileTally(file, Read, accepted, rejected, duplicates);
    }

    /// <summary>A key as its error quotes it: its parts as the contract writes them (dates as yyyy-MM-dd, services by
    /// their codes), whatever the machine's culture.</summary>
    private static string KeyText(object key) => key is ITuple parts
        ? $"({string.Join(", ", Enumerable.Range(0, parts.Length).Select(i => KeyPart(parts[i])))})"
        : KeyPart(key);

    private static string KeyPart(object? part) => part switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ServiceType service => ServiceCatalog.Get(service).Code,
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => part?.ToString() ?? "",
    };
}

/// <summary>A parsed row under its reference checks: where it is, the raw values its errors quote, and the errors found.</summary>
internal sealed class PendingRow(string file, Dictionary<(int Row, string Column), string?>? raws, HashSet<int>? referenceMissing)
{
    private readonly List<RowError> _errors = [];
    private int _index;

    public long Line { get; private set; }
    public bool HasErrors => _errors.Count > 0;
    public IReadOnlyList<RowError> Errors => _errors;
    /// <summary>True when the row was found to name something missing as it was parsed (<see cref="RowFields.ReferenceMissing"/>).</summary>
    public bool ReferenceMissing => referenceMissing is not null && referenceMissing.Contains(_index);

    public void MoveTo(int index, long line)
    {
        _index = index;
        Line = line;
        _errors.Clear();
    }

    /// <summary>The column's value as the file held it: <paramref name="parsed"/> (the record's value) unless it was written otherwise.</summary>
    public string? Raw(string column, string? parsed) =>
        raws is not null && raws.TryGetValue((_index, column), out var raw) ? raw : parsed;

    public void Fail(string column, string? value, string reasonJa, string reasonEn) =>
        _errors.Add(new RowError(file, Line, column, RowFields.Shorten(value), $"{reasonJa} / {reasonEn}"));
}
