namespace PlanLink.Ingest.Csv;

/// <summary>Parses a field's UTF-8 bytes without a string, or says it cannot (then the string path decides).</summary>
internal delegate bool FastParse<T>(ReadOnlySpan<byte> bytes, out T value);

/// <summary>A contract column resolved once against one file's header (no lookup by name per row), read with
/// <see cref="Read"/>: first through the fast parse, then the cache, then the parse of the field as a string
/// (the path that records errors). Each field has its own cache, so one column read two ways
/// (as an id and as a code, say) never mixes results.</summary>
/// <param name="screened">Whether the identifier screen reads the column (free text): a value found in the cache then
/// has passed it, which the field tells the row (<see cref="RowFields.FoundScreened"/>).</param>
internal sealed class Field<T>(RowFields row, string name, int index, Func<RowFields, string, T> parse, FieldCache<T>? cache, FastParse<T>? fast,
    bool screened)
{
    /// <summary>Reads the field of the current row: from its bytes when the fast parse or the cache knows them, else
    /// through the string path, whose result is cached when it recorded no error (every parse is a pure function of
    /// the field's bytes, so a cached value is what the string path would give). Here rather than a generic method of
    /// the row: shared generic code would look the method up on every call.</summary>
    public T Read()
    {
        if ((uint)index < (uint)row.FieldCount)
        {
            var bytes = row.Bytes(index);
            if (fast is not null && fast(bytes, out var value)) return value;
            if (cache is not null)
            {
                if (cache.TryGet(bytes, out value))
                {
                    if (screened) row.MarkScreened(index);
                    return value;
                }
                var errors = row.ErrorCount;
                value = parse(row, name);
                if (row.ErrorCount == errors) cache.Add(bytes, value);
                return value;
            }
        }
        return parse(row, name);
    }
}
