using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace PlanLink.Ingest.Csv;

/// <summary>The first record of each key of a file type, for de-duplication, appended in order to <see cref="Kept"/>.
/// Keys led by the id of a parent (a plan's needs, services and monitoring, a support plan's goals) are grouped by
/// that id: the rows of one parent are adjacent and share one id string, so the table of millions is asked once per
/// parent, and the few keys of the parent in hand are compared side by side (its records are the last ones kept).
/// A parent whose rows come back later, or that has many keys, gets a table of its own.</summary>
/// <param name="capacity">The records to be added at most.</param>
/// <param name="parents">The parents there are at most, when keys are grouped by parent.</param>
internal sealed class KeyTable<T, TKey>(Func<T, TKey> key, Func<T, string>? parentId, int capacity, int parents = 0)
    where T : class where TKey : notnull
{
    private const int MaxScanned = 16;
    private static readonly EqualityComparer<TKey> Keys = EqualityComparer<TKey>.Default;

    private readonly Dictionary<TKey, T>? _flat = parentId is null ? new(capacity) : null;
    // Parent id -> index in _groups: a struct per parent, not an object (millions of plans).
    private readonly Dictionary<string, int>? _groupOf = parentId is null ? null : new(parents, StringComparer.Ordinal);
    private readonly List<Group> _groups = new(parentId is null ? 0 : parents);
    // The keys of the current parent while they are compared side by side (its records are Kept[Start..Start+Count)).
    private readonly TKey[] _scanned = new TKey[MaxScanned];
    private string? _currentParent;
    private int _current = -1;

    /// <summary>The records kept, in the order they were added.</summary>
    public List<T> Kept { get; } = new(capacity);

    /// <summary>The records kept by key, when keys are not grouped by parent.</summary>
    public IReadOnlyDictionary<TKey, T> ByKey => _flat ?? throw new InvalidOperationException("keys grouped by parent have no single table");

    /// <summary>Keeps <paramref name="record"/> under <paramref name="k"/> (its key); false, with the record
    /// that holds the key, when one does.</summary>
    public bool TryAdd(T record, TKey k, [NotNullWhen(false)] out T? existing)
    {
        if (_flat is not null) return TryAdd(_flat, k, record, out existing);
        var parent = parentId!(record);
        if (!ReferenceEquals(parent, _currentParent)) Switch(parent);
        ref var group = ref CollectionsMarshal.AsSpan(_groups)[_current];
        if (group.Table is not null) return TryAdd(group.Table, k, record, out existing);
        for (var i = 0; i < group.Count; i++)
        {
            if (Keys.Equals(_scanned[i], k))
            {
                existing = Kept[group.Start + i];
                return false;
            }
        }
        if (group.Count == MaxScanned)
        {
            group.Table = Spill(group);
            return TryAdd(group.Table, k, record, out existing);
        }
        _scanned[group.Count++] = k;
        Kept.Add(record);
        existing = null;
        return true;
    }

    private void Switch(string parent)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_groupOf!, parent, out var seen);
        if (!seen)
        {
            index = _groups.Count;
            _groups.Add(new Group { Start = Kept.Count });
        }
        else
        {
            // A parent met again after others: its keys can no longer grow side by side.
            ref var group = ref CollectionsMarshal.AsSpan(_groups)[index];
            group.Table ??= Spill(group);
        }
        _current = index;
        _currentParent = parent;
    }

    /// <summary>A table of the keys of a group kept side by side so far.</summary>
    private Dictionary<TKey, T> Spill(Group group)
    {
        var table = new Dictionary<TKey, T>(2 * MaxScanned);
        for (var i = group.Start; i < group.Start + group.Count; i++) table.Add(key(Kept[i]), Kept[i]);
        return table;
    }

    private bool TryAdd(Dictionary<TKey, T> table, TKey k, T record, [NotNullWhen(false)] out T? existing)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(table, k, out var exists);
        if (exists)
        {
            existing = slot!;
            return false;
        }
        slot = record;
        Kept.Add(record);
        existing = null;
        return true;
    }

    /// <summary>Where a parent's keys are: side by side in Kept from <see cref="Start"/>, or in <see cref="Table"/>.</summary>
    private struct Group
    {
        public int Start;
        public int Count;
        public Dictionary<TKey, T>? Table;
    }
}
