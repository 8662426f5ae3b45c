namespace PlanLink.Ingest.Validation;

/// <summary>The ids a reference check looks rows up in (plan ids, office numbers), remembering its last answer:
/// the rows of one plan are adjacent and share one id string, so most rows need no lookup in a table of
/// millions. The answer is the id's index among the ids (-1 when unknown), which also places the row's keys
/// beside its parent's (<see cref="Csv.KeyTable{T, TKey}"/>). One per checking thread.</summary>
internal sealed class KnownIds(Func<string, int> indexOf, int count)
{
    private string? _last;
    private int _lastIndex;

    /// <summary>Ids known by membership only: each known id has index 0.</summary>
    public KnownIds(IReadOnlySet<string> ids) : this(id => ids.Contains(id) ? 0 : -1, ids.Count) { }

    public int Count => count;

    public bool Contains(string id) => IndexOf(id) >= 0;

    /// <summary>The index of <paramref name="id"/>, or -1 when it is not known.</summary>
    public int IndexOf(string id)
    {
        if (!ReferenceEquals(id, _last))
        {
            _lastIndex = indexOf(id);
            _last = id;
        }
        return _lastIndex;
    }
}
