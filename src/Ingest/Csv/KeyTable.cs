using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace PlanLink.Ingest.Csv;

/// <summary>The first record of each key of a file type, for de-duplication. Keys led by the id of a parent
/// (a plan's needs, services and monitoring, a support plan's goals) are grouped by that id: the rows of one
/// parent are adjacent and share one id string, so the table of millions is asked once per parent, and the
/// few keys of the parent in hand are compared where they were appended, side by side. A parent whose rows
/// come back later, or that has many keys, gets a table of its own.</summary>
internal sealed class KeyTable<T, TKey>(Func<T, string>? parentId, int capacity) where T : class where TKey : notnull
{
    private const int MaxScanned = 16;
    private static readonly EqualityComparer<TKey> Keys = EqualityComparer<TKey>.Default;

    private readonly Dictionary<TKey, T>? _flat = parentId is null ? new(capacity) : null;
    private readonly Dictionary<string, Group>? _groups = parentId is null ? null : new(StringComparer.Ordinal);
    // The keys of the current parent, appended in a row since _current.Start.
    private readonly List<(TKey Key, T Record)> _appended = parentId is null ? [] : new(capacity);
    private string? _currentParent;
    private Group? _current;

    /// <summary>Adds <paramref name="record"/> under <paramref name="key"/>; false, with the record that holds
    /// the key, when one does.</summary>
    public bool TryAdd(T record, TKey key, [NotNullWhen(false)] out T? existing)
    {
        if (_flat is not null) return TryAdd(_flat, key, record, out existing);
        var parent = parentId!(record);
        if (!ReferenceEquals(parent, _currentParent)) Switch(parent);
        var group = _current!;
        if (group.Table is not null) return TryAdd(group.Table, key, record, out existing);
        for (var i = group.Start; i < group.Start + group.Count; i++)
        {
            var (k, r) = _appended[i];
            if (Keys.Equals(k, key))
            {
                existing = r;
                return false;
            }
        }
        if (group.Count == MaxScanned)
        {
            group.Table = Spill(group);
            return TryAdd(group.Table, key, record, out existing);
        }
        _appended.Add((key, record));
        group.Count++;
        existing = null;
        return true;
    }

    private void Switch(string parent)
    {
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups!, parent, out var seen);
        if (!seen) group = new Group { Start = _appended.Count };
        // A parent met again after others: its keys can no longer grow side by side.
        else if (group!.Table is null) group.Table = Spill(group);
        _current = group;
        _currentParent = parent;
    }

    private Dictionary<TKey, T> Spill(Group group)
    {
        var table = new Dictionary<TKey, T>(2 * MaxScanned);
        for (var i = group.Start; i < group.Start + group.Count; i++) table.Add(_appended[i].Key, _appended[i].Record);
        return table;
    }

    private static bool TryAdd(Dictionary<TKey, T> table, TKey key, T record, [NotNullWhen(false)] out T? existing)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(table, key, out var exists);
        if (exists)
        {
            existing = slot!;
            return false;
        }
        slot = record;
        existing = null;
        return true;
    }

    /// <summary>Where a parent's keys are: appended side by side from <see cref="Start"/>, or in <see cref="Table"/>.</summary>
    private sealed class Group
    {
        public int Start;
        public int Count;
        public Dictionary<TKey, T>? Table;
    }
}
