namespace PlanLink.Ingest.Csv;

/// <summary>Parses a field's UTF-8 bytes without a string, or says it cannot (then the string path decides).</summary>
internal delegate bool FastParse<T>(ReadOnlySpan<byte> bytes, out T value);

/// <summary>A contract column resolved once against one file's header (no lookup by name per row), read with
/// <see cref="Read"/>: first through <see cref="Fast"/>, then <see cref="Cache"/>, then <see cref="Parse"/> on the
/// field as a string (the path that records errors). Each field has its own cache, so one column read two ways
/// (as an id and as a code, say) never mixes results.</summary>
internal sealed class Field<T>(RowFields row, string name, int index, Func<RowFields, string, T> parse, FieldCache<T>? cache, FastParse<T>? fast)
{
    public string Name => name;
    /// <summary>The index in the header, or -1 when the header lacks the column.</summary>
    public int Index => index;
    public Func<RowFields, string, T> Parse => parse;
    public FieldCache<T>? Cache => cache;
    public FastParse<T>? Fast => fast;

    public T Read() => row.Read(this);
}
