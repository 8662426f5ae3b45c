namespace PlanLink.Ingest.Validation;

/// <summary>The ids a reference check looks rows up in (plan ids, support plan ids), remembering its last answer:
/// the rows of one plan are adjacent and share one id string, so most rows need no lookup in a table of
/// millions. The answer is the id's index among the ids (-1 when unknown), which also places the row's keys
/// beside its parent's (<see cref="Csv.KeyTable{T, TKey}"/>). Files list their rows in the same order, so a new id
/// is first compared with the one after the last found, whose record is likely in cache, unlike the table's
/// entry. One per checking thread.</summary>
/// <param name="idAt">The id at an index (ids are in their records' order).</param>
/// <param name="indexOfChars">The index of an id given as characters (see <see cref="Find"/>).</param>
internal sealed class KnownIds(Func<string, int> indexOf, int count, Func<int, string> idAt, Func<ReadOnlySpan<char>, int> indexOfChars)
{
    private string? _last;
    private int _lastIndex, _next;

    public int Count => count;

    public bool Contains(string id) => IndexOf(id) >= 0;

    /// <summary>The known ids' own string of <paramref name="id"/> (<paramref name="id"/> itself when it is unknown): for an
    /// id written otherwise than plainly (spaces, full-width), which <see cref="Find"/> does not take.</summary>
    public string Shared(string id) => IndexOf(id) is var index and >= 0 ? idAt(index) : id;

    /// <summary>The known ids' own string of an id given as printable ASCII bytes (as a file holds it), or null when it is
    /// not known: a file that names its parents takes their strings as its rows are parsed.
    /// Like <see cref="IndexOf"/>, the ids after the last found are tried first.</summary>
    public string? Find(ReadOnlySpan<byte> ascii)
    {
        // The ids after the last found, compared with the bytes as they are: mostly the first one is it.
        for (var i = _next; i < count && i < _next + FollowingCompared; i++)
        {
            var id = idAt(i);
            if (System.Text.Ascii.Equals(ascii, id))
            {
                _next = i + 1;
                return id;
            }
        }
        if (ascii.Length > MaxFound) return null;
        Span<char> chars = stackalloc char[ascii.Length];
        if (System.Text.Ascii.ToUtf16(ascii, chars, out _) != System.Buffers.OperationStatus.Done) return null;
        var index = indexOfChars(chars);
        if (index < 0) return null;
        _next = index + 1;
        return idAt(index);
    }

    private const int MaxFound = 256;

    /// <summary>The index of the id among the few after the last found, or -1: a file names its parents in their order,
    /// skipping some (a draft plan has no monitoring), so the next ones are compared before the table is asked.</summary>
    private int Following(ReadOnlySpan<char> id)
    {
        for (var i = _next; i < count && i < _next + FollowingCompared; i++)
        {
            if (idAt(i).AsSpan().SequenceEqual(id)) return i;
        }
        return -1;
    }

    private const int FollowingCompared = 3;

    /// <summary>The index of <paramref name="id"/>, or -1 when it is not known.</summary>
    public int IndexOf(string id)
    {
        if (ReferenceEquals(id, _last)) return _lastIndex;
        _lastIndex = Following(id) is var following and >= 0 ? following : indexOf(id);
        if (_lastIndex >= 0) _next = _lastIndex + 1;
        _last = id;
        return _lastIndex;
    }
}
