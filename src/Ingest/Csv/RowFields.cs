using System.Buffers.Binary;
using System.Text;
using CsvHelper;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Privacy;
using PlanLink.Ingest.Validation;

namespace PlanLink.Ingest.Csv;

/// <summary>The fields of the current row of one contract file, found by column name whatever the
/// header's language or order. Every getter that finds a bad value records a <see cref="RowError"/>
/// and returns a placeholder; the caller rejects the row when <see cref="HasErrors"/>.</summary>
public sealed class RowFields
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _ordinal;
    private readonly List<RowError> _errors = [];
    // The current row's values by header index, each read from the CSV at most once per row
    // (a column may be asked for twice: by its mapper and by a reference check or the screen).
    private readonly string?[] _values;
    private readonly int[] _valueRow;
    private int _row = 1;
    // Results of pure functions of a raw value, per file: codes and flags have few distinct values,
    // and NFKC (ICU) is the costly part of reading them. Bounded, so free text cannot grow them without end.
    private readonly Dictionary<string, string> _normalized = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool Ok, bool Value)> _flags = new(StringComparer.Ordinal);
    private const int MaxCached = 4096, MaxCachedLength = 64;
    // Entries of the per-field caches of parsed bytes: codes have few values, phrases more, office numbers and
    // municipality codes many (and the cache makes one string of each).
    // Free text is cached as long as the screen's own cache of clean values (see ScreenedCache).
    private const int CodeCacheEntries = 1 << 12, TextCacheEntries = 1 << 16, TextCacheKeyLength = 512, IdCacheEntries = 1 << 16;
    // The caches of the screened columns' fields, by header index (see ScreenedCache).
    private readonly IByteKeys?[] _screenedCaches;
    // The row in which each screened column's field last found its value in its cache, by header index.
    private readonly int[] _screenedRow;
    private readonly IReadOnlyDictionary<long, string>? _officeNumbers;

    /// <param name="officeNumbers">The office numbers of offices.csv by value (see <see cref="OfficeNumbersByValue"/>), if read.</param>
    internal RowFields(CsvReader csv, string file, FileSpec spec, IReadOnlyList<string> headers, List<string> warnings,
        IReadOnlyDictionary<long, string>? officeNumbers = null)
    {
        _csv = csv;
        _officeNumbers = officeNumbers;
        File = file;
        var byName = new Dictionary<string, int>();
        var known = spec.Columns.SelectMany(c => c.Aliases.Prepend(c.Name).Select(n => (Name: n, Column: c.Name)))
            .ToDictionary(p => p.Name, p => p.Column, StringComparer.OrdinalIgnoreCase);
        var screened = new List<(int, string)>();
        var freeText = IdentifierScreen.FreeTextColumns(spec);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = FieldParser.Normalize(headers[i]);
            if (known.TryGetValue(header, out var column))
            {
                if (!byName.TryAdd(column, i))
                {
                    warnings.Add($"{file}: 列「{headers[i]}」が重複しています（最初の列を使います） / duplicate column '{headers[i]}', the first one is used");
                    screened.Add((i, headers[i]));
                }
                else if (freeText.Contains(column)) screened.Add((i, column));
            }
            else if (IdentifierScreen.ColumnKind(header) is { } kind)
            {
                // A name, address, phone, birth-date or certificate column: the whole read is refused.
                throw new IdentifierFoundException(file, 1, headers[i], kind, inHeader: true);
            }
            else
            {
                warnings.Add($"{file}: 未知の列「{headers[i]}」を無視しました / unknown column '{headers[i]}' ignored");
                // Ignored, but still screened: a 備考 column is where identifiers hide.
                screened.Add((i, headers[i]));
            }
        }
        _ordinal = byName;
        HeaderCount = headers.Count;
        _values = new string?[headers.Count];
        _valueRow = new int[headers.Count];
        Headers = headers;
        ScreenedColumns = screened;
        _screenedCaches = new IByteKeys?[headers.Count];
        _screenedRow = new int[headers.Count];
        MissingRequired = spec.Columns.Where(c => c.Required && !_ordinal.ContainsKey(c.Name)).Select(c => c.Name).ToList();
    }

    /// <summary>The number of columns of the header.</summary>
    public int HeaderCount { get; }
    internal IReadOnlyList<string> Headers { get; }
    /// <summary>The free-text and unknown columns the identifier screen reads: (index, column name).</summary>
    internal IReadOnlyList<(int Index, string Column)> ScreenedColumns { get; }

    public string File { get; }
    public long Line => _csv.LineNumber;
    public bool HasErrors => _errors.Count > 0;
    public IReadOnlyList<RowError> Errors => _errors;
    /// <summary>Required columns the header lacks: every row then fails on them.</summary>
    public IReadOnlyList<string> MissingRequired { get; }

    internal void Reset()
    {
        _errors.Clear();
        ReferenceMissing = false;
        _row++;
        foreach (var (index, numbers) in _officeColumns) numbers.Prefetch(Bytes(index));
    }

    /// <summary>True when a reference the row makes was found missing as it was parsed (<see cref="MarkReferenceMissing"/>):
    /// its error is reported with the row's reference checks, after the file is parsed, in their order.</summary>
    internal bool ReferenceMissing { get; private set; }

    internal void MarkReferenceMissing() => ReferenceMissing = true;

    /// <summary>The header index of a contract column, or -1 when the header lacks it.</summary>
    internal int Ordinal(string column) => _ordinal.TryGetValue(column, out var i) ? i : -1;

    /// <summary>The number of fields of the current row.</summary>
    internal int FieldCount => _csv.FieldCount;

    /// <summary>The number of errors the current row has so far.</summary>
    internal int ErrorCount => _errors.Count;

    /// <summary>True when the field is printable ASCII without spaces: then trimming and NFKC change nothing,
    /// and its raw value is the value every getter returns.</summary>
    internal static bool IsPlain(ReadOnlySpan<byte> bytes) => !bytes.IsEmpty && !bytes.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E);

    /// <summary>The bytes of the field at header index <paramref name="i"/>; empty when the row has no such field.</summary>
    internal ReadOnlySpan<byte> Bytes(int i) => (uint)i < (uint)_csv.FieldCount ? _csv.GetSpan(i) : default;

    private Field<T> Field<T>(string column, Func<RowFields, string, T> parse, int cacheEntries, FastParse<T>? fast = null,
        int maxKeyLength = FieldCache<T>.DefaultMaxKeyLength)
    {
        var index = Ordinal(column);
        var cache = cacheEntries > 0 ? new FieldCache<T>(cacheEntries, maxKeyLength) : null;
        var screened = false;
        foreach (var (screenedIndex, _) in ScreenedColumns)
        {
            if (screenedIndex != index) continue;
            _screenedCaches[index] = cache;
            screened = cache is not null;
        }
        return new(this, column, index, parse, cache, fast, screened);
    }

    /// <summary>The cache of the field read from a screened column, if one is: every value it holds has passed the
    /// identifier screen, which runs on every row (a row with an identifier ends the read). A row's own value joins it
    /// when the field reads the row, before the row is screened.</summary>
    internal IByteKeys? ScreenedCache(int i) => _screenedCaches[i];

    /// <summary>Tells the row that the field of screened column <paramref name="i"/> found its value in its cache.</summary>
    internal void MarkScreened(int i) => _screenedRow[i] = _row;

    /// <summary>Whether the field of screened column <paramref name="i"/> found this row's value in its cache (see
    /// <see cref="ScreenedCache"/>): the value has passed the screen, which need not look it up again.</summary>
    internal bool FoundScreened(int i) => _screenedRow[i] == _row;

    /// <summary>A field parsed by <paramref name="parse"/> (a pure function of the row's value of the column), cached.</summary>
    internal Field<T> CachedField<T>(string column, Func<RowFields, string, T> parse) => Field(column, parse, CodeCacheEntries);

    /// <summary><see cref="Text(string)"/> for an identifier (plan_id, person_key): the rows of a plan or person are
    /// adjacent, so the previous row's string is reused when the bytes are the same, without a lookup.</summary>
    /// <param name="parents">The ids of the parents the column names (plans.csv's for plan_id), if known: an id they
    /// have takes their string, so that the files share one string per id and keep no copy of their own (nationally
    /// ~6 M strings). (A pool shared while the files parse did the same at ~3 s of lock contention.)</param>
    internal Field<string> IdField(string column, KnownIds? parents = null) =>
        Field<string>(column, parents is null ? static (r, c) => r.Text(c) : (r, c) => parents.Shared(r.Text(c)), 0, new RecentId(parents).TryRead);

    internal Field<string> TextField(string column) => Field(column, static (r, c) => r.Text(c), TextCacheEntries, null, TextCacheKeyLength);
    internal Field<string?> OptionalTextField(string column) =>
        Field(column, static (r, c) => r.OptionalText(c), TextCacheEntries, null, TextCacheKeyLength);
    internal Field<string> CodeField(string column) => Field(column, static (r, c) => r.Code(c), CodeCacheEntries);

    internal Field<int> IntField(string column, int min, int max) =>
        Field(column, (r, c) => r.Int(c, min, max), CodeCacheEntries, (ReadOnlySpan<byte> b, out int v) => TryDigits(b, out v) && v >= min && v <= max);

    internal Field<int?> OptionalIntField(string column, int min, int max) =>
        Field(column, (r, c) => r.OptionalInt(c, min, max), CodeCacheEntries, (ReadOnlySpan<byte> b, out int? v) =>
        {
            v = TryDigits(b, out var n) && n >= min && n <= max ? n : null;
            return v is not null;
        });

    internal Field<decimal> DecimalField(string column) => Field(column, static (r, c) => r.Decimal(c), CodeCacheEntries);
    internal Field<decimal?> OptionalDecimalField(string column) => Field(column, static (r, c) => r.OptionalDecimal(c), CodeCacheEntries);

    internal Field<DateOnly> DateField(string column) =>
        Field(column, static (r, c) => r.Date(c), CodeCacheEntries, static (ReadOnlySpan<byte> b, out DateOnly d) => TryIsoDateInRange(b, out d));

    internal Field<DateOnly?> OptionalDateField(string column) =>
        Field(column, static (r, c) => r.OptionalDate(c), CodeCacheEntries, static (ReadOnlySpan<byte> b, out DateOnly? d) =>
        {
            d = TryIsoDateInRange(b, out var date) ? date : null;
            return d is not null;
        });

    internal Field<bool> FlagField(string column) => Field(column, static (r, c) => r.Flag(c), CodeCacheEntries, TryPlainFlag);

    /// <summary>有 or 無, as the contract writes a flag (monitoring has three a row): what <see cref="Flag"/> reads the same
    /// way, known by its three bytes without a cache lookup. Anything else takes the cache and the string path.</summary>
    private static bool TryPlainFlag(ReadOnlySpan<byte> bytes, out bool value)
    {
        value = bytes.SequenceEqual("有"u8);
        return value || bytes.SequenceEqual("無"u8);
    }

    internal Field<T> CodedField<T>(string column, CodeList<T> codes) where T : struct, Enum =>
        Field(column, (r, c) => r.Coded(c, codes), CodeCacheEntries);

    internal Field<T?> OptionalCodedField<T>(string column, CodeList<T> codes) where T : struct, Enum =>
        Field(column, (r, c) => r.OptionalCoded(c, codes), CodeCacheEntries);

    internal Field<ServiceType> ServiceField(string column) => Field(column, static (r, c) => r.Service(c), CodeCacheEntries);

    internal Field<string> OfficeNumberField(string column) => Field(column, static (r, c) => r.OfficeNumber(c), IdCacheEntries, OfficeNumberReader(column));

    internal Field<string?> OptionalOfficeNumberField(string column)
    {
        var read = OfficeNumberReader(column);
        return Field(column, static (r, c) => r.OptionalOfficeNumber(c), IdCacheEntries, (ReadOnlySpan<byte> b, out string? v) =>
        {
            var found = read(b, out var number);
            v = number;
            return found;
        });
    }

    /// <summary>Reads plain office numbers through a table of their own, remembering whether the last one read is an
    /// office of offices.csv (see <see cref="IsOffice"/>).</summary>
    private FastParse<string> OfficeNumberReader(string column)
    {
        var numbers = new OfficeNumbers(_officeNumbers);
        if (Ordinal(column) is var index and >= 0) _officeColumns.Add((index, numbers));
        return (ReadOnlySpan<byte> b, out string v) =>
        {
            if (!numbers.TryRead(b, out v, out var known)) return false;
            _lastOffice = (v, known);
            return true;
        };
    }

    // The last office number read from its bytes, and whether offices.csv has it.
    private (string? Id, bool Known) _lastOffice;
    // The office-number columns read through a table, whose slots are fetched as each row starts (Reset).
    private readonly List<(int Index, OfficeNumbers Numbers)> _officeColumns = [];

    /// <summary>Whether <paramref name="id"/>, an office number of this row, is one of <paramref name="offices"/>: known
    /// without a lookup when it was read from its bytes (one string per number, so the same string is the same number).</summary>
    internal bool IsOffice(string id, IReadOnlySet<string> offices) =>
        ReferenceEquals(id, _lastOffice.Id) ? _lastOffice.Known : offices.Contains(id);

    /// <summary>The strings of office numbers of 10 ASCII digits by their value, for the files read after offices.csv.</summary>
    internal static Dictionary<long, string> OfficeNumbersByValue(IEnumerable<string> numbers)
    {
        var byValue = new Dictionary<long, string>();
        Span<byte> bytes = stackalloc byte[OfficeNumbers.Length];
        foreach (var number in numbers)
        {
            if (number.Length == bytes.Length && Ascii.FromUtf16(number, bytes, out _) == System.Buffers.OperationStatus.Done
                && OfficeNumbers.TryValue(bytes, out var value))
                byValue.TryAdd(value, number);
        }
        return byValue;
    }

    /// <summary>Office numbers written as exactly 10 ASCII digits (what <see cref="OfficeNumber"/> returns unchanged,
    /// without error), one string per number, found by the number's value: tens of thousands of distinct numbers
    /// make the byte cache's lookups costly, a long is hashed and compared at once. The length is fixed, so
    /// leading zeros are part of every key. Anything else takes the cache and the string path. A number of
    /// offices.csv is its string there: the provider check then compares a row's number with the office's by
    /// reference, on strings read close together.</summary>
    private sealed class OfficeNumbers(IReadOnlyDictionary<long, string>? offices)
    {
        public const int Length = 10;
        // One string per number, by value, in one flat table (open addressing, linear probing, at most half full): a
        // lookup reads one slot, mostly, where a dictionary reads a bucket and then an entry elsewhere. Tens of
        // thousands of numbers outgrow the CPU's nearer caches, and rows a file lists side by side rarely share one.
        private (long Value, string? Id)[] _slots = new (long, string?)[1 << 10];
        private int _count;

        /// <summary>The value of 10 ASCII digits, eight of them at once (SWAR: a word of bytes, no loop).</summary>
        public static bool TryValue(ReadOnlySpan<byte> bytes, out long value)
        {
            value = 0;
            if (bytes.Length != Length) return false;
            var head = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            var tail = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            if (!AllDigits(head) || !AllDigits(tail | 0x3030_3030_3030_0000UL)) return false;
            // Each byte less '0', its digit; pairs, then fours, then the eight combined (the first byte is the leading digit).
            var d = head - 0x3030_3030_3030_3030UL;
            d = d * 10 + (d >> 8);
            d = ((d & 0x0000_00FF_0000_00FFUL) * (100 + (1_000_000UL << 32)) + ((d >> 16) & 0x0000_00FF_0000_00FFUL) * (1 + (10_000UL << 32))) >> 32;
            value = (long)d * 100 + (tail & 0xF) * 10 + ((tail >> 8) & 0xF);
            return true;
        }

        /// <summary>Whether every byte of the word is an ASCII digit: its high nibble 3, and adding 6 keeps it so.</summary>
        private static bool AllDigits(ulong word) =>
            ((word & 0xF0F0_F0F0_F0F0_F0F0UL) | (((word + 0x0606_0606_0606_0606UL) & 0xF0F0_F0F0_F0F0_F0F0UL) >> 4)) == 0x3333_3333_3333_3333UL;

        /// <param name="known">Whether offices.csv has the number.</param>
        public bool TryRead(ReadOnlySpan<byte> bytes, out string id, out bool known)
        {
            (id, known) = ("", false);
            if (!TryValue(bytes, out var value)) return false;
            var i = SlotOf(_slots, value);
            if (_slots[i].Id is { } seen)
            {
                (id, known) = (seen, (_slots[i].Value & KnownBit) != 0);
                return true;
            }
            string? office = null;
            known = offices is not null && offices.TryGetValue(value, out office);
            id = office ?? Encoding.ASCII.GetString(bytes);
            // Bounded as the byte cache is: beyond it, a number gets a string of its own per row.
            if (_count >= IdCacheEntries) return true;
            _slots[i] = (known ? value | KnownBit : value, id);
            if (++_count * 2 > _slots.Length)
            {
                var old = _slots;
                _slots = new (long, string?)[old.Length * 2];
                foreach (var slot in old)
                    if (slot.Id is not null) _slots[SlotOf(_slots, slot.Value & ~KnownBit)] = slot;
            }
            return true;
        }

        // Set in a slot's value when offices.csv has the number (a value has 34 bits at most).
        private const long KnownBit = 1L << 62;

        /// <summary>Asks the CPU to fetch the home slot of the number in <paramref name="bytes"/> as its row starts. In a
        /// table of tens of thousands of numbers a slot is mostly a trip to memory, which the row's other fields, read
        /// meanwhile, then hide (see <see cref="LinearProbing.Prefetch{T}"/>).</summary>
        public void Prefetch(ReadOnlySpan<byte> bytes)
        {
            if (TryValue(bytes, out var value)) LinearProbing.Prefetch(_slots, LinearProbing.Home((ulong)value, _slots.Length));
        }

        /// <summary>The slot of <paramref name="value"/> in <paramref name="slots"/>, or the empty one where it would go.</summary>
        private static int SlotOf((long Value, string? Id)[] slots, long value)
        {
            var i = LinearProbing.Home((ulong)value, slots.Length);
            while (slots[i].Id is not null && (slots[i].Value & ~KnownBit) != value) i = LinearProbing.Next(i, slots.Length);
            return i;
        }
    }

    internal Field<string> MunicipalityCodeField(string column) =>
        Field(column, static (r, c) => r.MunicipalityCode(c), IdCacheEntries);

    /// <summary>1 to 9 ASCII digits: what <see cref="FieldParser.TryInt"/> reads the same way without a string.</summary>
    internal static bool TryDigits(ReadOnlySpan<byte> bytes, out int value)
    {
        value = 0;
        if (bytes.IsEmpty || bytes.Length > 9) return false;
        foreach (var b in bytes)
        {
            var d = b - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>yyyy-MM-dd in ASCII within <see cref="EarliestDate"/>..<see cref="LatestDate"/>: what
    /// <see cref="Date(string)"/> accepts without a string. Anything else takes the string path.</summary>
    internal static bool TryIsoDateInRange(ReadOnlySpan<byte> b, out DateOnly date)
    {
        date = default;
        if (b.Length != 10 || b[4] != '-' || b[7] != '-') return false;
        if (!TryDigits(b[..4], out var year) || !TryDigits(b.Slice(5, 2), out var month) || !TryDigits(b.Slice(8, 2), out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return date >= EarliestDate && date <= LatestDate;
    }

    /// <summary>The id of the previous row when the bytes are the same, else a new string of plain bytes; anything
    /// else takes the string path.</summary>
    private sealed class RecentId(KnownIds? parents)
    {
        private readonly byte[] _bytes = new byte[64];
        private int _length = -1;
        private string _id = "";

        public bool TryRead(ReadOnlySpan<byte> bytes, out string id)
        {
            if (_length >= 0 && bytes.SequenceEqual(_bytes.AsSpan(0, _length)))
            {
                id = _id;
                return true;
            }
            if (!IsPlain(bytes) || bytes.Length > _bytes.Length)
            {
                id = "";
                return false;
            }
            id = _id = parents?.Find(bytes) ?? Encoding.ASCII.GetString(bytes);
            bytes.CopyTo(_bytes);
            _length = bytes.Length;
            return true;
        }
    }

    /// <summary>The raw value of a column, or null when the column is absent or the field empty.</summary>
    public string? Raw(string column) =>
        _ordinal.TryGetValue(column, out var i) ? RawAt(i) : null;

    /// <summary>The raw value of the field at header index <paramref name="i"/>, or null when the row has no
    /// such field or it is empty (whitespace only).</summary>
    internal string? RawAt(int i)
    {
        if (i >= _csv.FieldCount) return null;
        if (i < _values.Length)
        {
            if (_valueRow[i] == _row) return _values[i];
            var v = _csv.GetString(i);
            v = string.IsNullOrWhiteSpace(v) ? null : v;
            _values[i] = v;
            _valueRow[i] = _row;
            return v;
        }
        var value = _csv.GetString(i);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary><see cref="FieldParser.Normalize"/>, remembered per distinct short non-ASCII value.</summary>
    private string Normalize(string v)
    {
        if (v.Length > MaxCachedLength || System.Text.Ascii.IsValid(v)) return FieldParser.Normalize(v);
        if (_normalized.TryGetValue(v, out var n)) return n;
        n = FieldParser.Normalize(v);
        if (_normalized.Count < MaxCached) _normalized.Add(v, n);
        return n;
    }

    public void Fail(string column, string? value, string reasonJa, string reasonEn) =>
        _errors.Add(new RowError(File, Line, column, Shorten(value), $"{reasonJa} / {reasonEn}"));

    /// <summary>The longest value errors.csv repeats: a broken 1 MB field must not make a 1 MB error line.</summary>
    public const int MaxValueInError = 200;

    internal static string Shorten(string? value) =>
        value is null ? "" : value.Length <= MaxValueInError ? value : string.Concat(value.AsSpan(0, MaxValueInError), "…");

    private string? Required(string column)
    {
        var value = Raw(column);
        if (value is null)
        {
            if (_ordinal.ContainsKey(column)) Fail(column, null, "必須項目が空です", "required field is empty");
            else Fail(column, null, "必須列がありません", "required column is missing from the header");
        }
        return value;
    }

    public string Text(string column) => Required(column)?.Trim() ?? "";
    public string? OptionalText(string column) => Raw(column)?.Trim();

    /// <summary>A code or identifier: NFKC-normalised (full-width digits become ASCII).</summary>
    public string Code(string column) => Required(column) is { } v ? Normalize(v) : "";

    public int Int(string column, int min = int.MinValue, int max = int.MaxValue) =>
        Required(column) is { } v ? ParseInt(column, v, min, max) ?? 0 : 0;

    public int? OptionalInt(string column, int min = int.MinValue, int max = int.MaxValue) =>
        Raw(column) is { } v ? ParseInt(column, v, min, max) : null;

    private int? ParseInt(string column, string v, int min, int max)
    {
        if (!FieldParser.TryInt(v, out var n)) Fail(column, v, "整数ではありません", "not a whole number");
        else if (n < min || n > max) Fail(column, v, $"範囲外です（{min}〜{max}）", $"out of range {min}..{max}");
        else return n;
        return null;
    }

    public decimal? OptionalDecimal(string column, decimal min = 0)
    {
        if (Raw(column) is not { } v) return null;
        if (!FieldParser.TryDecimal(v, out var d)) Fail(column, v, "数値ではありません", "not a number");
        else if (d < min) Fail(column, v, $"{min}未満です", $"below {min}");
        else return d;
        return null;
    }

    public decimal Decimal(string column, decimal min = 0) =>
        Required(column) is not null ? OptionalDecimal(column, min) ?? 0 : 0;

    public static readonly DateOnly EarliestDate = new(1989, 1, 8);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public DateOnly Date(string column) => Required(column) is { } v ? ParseDate(column, v) ?? default : default;
    public DateOnly? OptionalDate(string column) => Raw(column) is { } v ? ParseDate(column, v) : null;

    private DateOnly? ParseDate(string column, string v)
    {
        if (!FieldParser.TryDate(v, out var d)) Fail(column, v, "日付ではありません（例: 2026-04-01, R8.4.1）", "not a date (e.g. 2026-04-01, R8.4.1)");
        else if (d < EarliestDate || d > LatestDate) Fail(column, v, "日付が範囲外です", "date out of range");
        else return d;
        return null;
    }

    public bool Flag(string column)
    {
        if (Raw(column) is not { } v) return false;
        if (!_flags.TryGetValue(v, out var flag))
        {
            flag.Ok = FieldParser.TryFlag(v, out flag.Value);
            if (v.Length <= MaxCachedLength && _flags.Count < MaxCached) _flags.Add(v, flag);
        }
        if (flag.Ok) return flag.Value;
        Fail(column, v, "有/無 で記入してください", "expected 有/無 or Y/N");
        return false;
    }

    public T Coded<T>(string column, CodeList<T> codes) where T : struct, Enum =>
        Required(column) is { } v ? ParseCoded(column, v, codes) ?? default : default;

    public T? OptionalCoded<T>(string column, CodeList<T> codes) where T : struct, Enum =>
        Raw(column) is { } v ? ParseCoded(column, v, codes) : null;

    private T? ParseCoded<T>(string column, string v, CodeList<T> codes) where T : struct, Enum
    {
        if (codes.TryParse(Normalize(v), out var value)) return value;
        Fail(column, v, "未知のコードです", $"unknown code, expected {codes.Expected}");
        return null;
    }

    public ServiceType Service(string column)
    {
        if (Required(column) is not { } v) return default;
        if (ServiceCatalog.TryParse(Normalize(v), out var s)) return s;
        Fail(column, v, "未知のサービス種類です", "unknown service type (domain.md §4)");
        return default;
    }

    /// <summary>事業所番号: exactly 10 digits.</summary>
    public string OfficeNumber(string column) => Required(column) is { } v ? CheckOfficeNumber(column, v) : "";
    public string? OptionalOfficeNumber(string column) => Raw(column) is { } v ? CheckOfficeNumber(column, v) : null;

    private string CheckOfficeNumber(string column, string v)
    {
        var s = Normalize(v);
        if (s.Length != 10 || s.AsSpan().ContainsAnyExceptInRange('0', '9')) Fail(column, v, "事業所番号は10桁の数字です", "office number must be 10 digits");
        return s;
    }

    /// <summary>全国地方公共団体コード: 6 digits, the last a check digit.</summary>
    public string MunicipalityCode(string column)
    {
        if (Required(column) is not { } v) return "";
        var s = Normalize(v);
        if (!LocalGovernmentCode.IsValid(s))
            Fail(column, v, "市町村コードは検査数字付きの6桁です", "municipality code must be 6 digits with a valid check digit");
        return s;
    }
}
