namespace PlanLink.Ingest.Validation;

/// <summary>The ids a reference check looks rows up in (plan ids, office numbers), remembering its last answer:
/// the rows of one plan are adjacent and share one id string, so most rows need no lookup in a table of
/// millions. One per checking thread.</summary>
internal sealed class KnownIds(Func<string, bool> contains, int count)
{
    private string? _last;
    private bool _lastKnown;

    public KnownIds(IReadOnlySet<string> ids) : this(ids.Contains, ids.Count) { }

    public int Count => count;

    public bool Contains(string id)
    {
        if (!ReferenceEquals(id, _last))
        {
            _lastKnown = contains(id);
            _last = id;
        }
        return _lastKnown;
    }
}
