namespace PlanLink.Ingest.Validation;

/// <summary>The ids a reference check looks rows up in (plan ids, office numbers), remembering its last answer:
/// the rows of one plan are adjacent and share one id string, so most rows need no lookup in a table of
/// millions. One per checking thread.</summary>
internal sealed class KnownIds(IReadOnlySet<string> ids)
{
    private string? _last;
    private bool _lastKnown;

    public int Count => ids.Count;

    public bool Contains(string id)
    {
        if (!ReferenceEquals(id, _last))
        {
            _lastKnown = ids.Contains(id);
            _last = id;
        }
        return _lastKnown;
    }
}
