using System.Collections.Concurrent;

namespace PlanLink.Ingest.Csv;

/// <summary>One string per distinct identifier across the files of a read. A plan id is written in four files and a
/// support plan id in two, and each file would otherwise keep its own copy of every one for the rest of the run
/// (nationally ~6 M strings, ~250 MB of the live heap). Files are parsed at the same time, so it is concurrent; it
/// is asked once per group of adjacent rows (see <see cref="RowFields.IdField"/>), not per row.</summary>
internal sealed class IdPool
{
    /// <summary>Longer ids are left unpooled (ids are short hashes and codes; the cap bounds the stack buffer).</summary>
    private const int MaxLength = 64;

    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public IdPool() => _byChars = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The pooled string of an id given as ASCII bytes.</summary>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxLength) return System.Text.Encoding.ASCII.GetString(ascii);
        Span<char> chars = stackalloc char[ascii.Length];
        for (var i = 0; i < ascii.Length; i++) chars[i] = (char)ascii[i];
        if (_byChars.TryGetValue(chars, out var id)) return id;
        var text = new string(chars);
        return _ids.GetOrAdd(text, text);
    }
}
