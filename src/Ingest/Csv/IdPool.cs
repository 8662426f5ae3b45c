using System.Text;

namespace PlanLink.Ingest.Csv;

/// <summary>One string per distinct id (plan_id, person_key, office numbers, municipality codes) across the files
/// of one file type: a plan id or office number repeats on many rows, and one copy keeps the dataset small. One
/// pool per file type, each read on its own thread: a pool shared by the parallel reads cost more in lock
/// contention than the copies it saved.</summary>
internal sealed class IdPool
{
    private const int MaxStackChars = 128;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public IdPool() => _byChars = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Intern(string id) => _ids.TryGetValue(id, out var pooled) ? pooled : Add(id);

    /// <summary>The pooled string of ASCII bytes, made only when the id is new.</summary>
    public string Intern(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxStackChars) return Intern(Encoding.ASCII.GetString(ascii));
        Span<char> chars = stackalloc char[ascii.Length];
        Ascii.ToUtf16(ascii, chars, out _);
        return _byChars.TryGetValue(chars, out var id) ? id : Add(new string(chars));
    }

    private string Add(string id)
    {
        _ids.Add(id);
        return id;
    }
}
