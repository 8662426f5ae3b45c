using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.InteropServices;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Csv;

/// <summary>The first record of each key of a file type, for de-duplication, appended in order to <see cref="Kept"/>.
/// Keys led by the id of a parent (a plan's needs, services and monitoring, a support plan's goals) are grouped by
/// that parent's index (its place among the parents kept, found by the reference check that ran on the row): the rows
/// of one parent are adjacent, so the few keys of the parent in hand are compared side by side (its records are the
/// last ones kept), and no table of millions is asked. A parent whose rows come back later, or that has many keys,
/// gets a table of its own.</summary>
/// <param name="parentKey">The index of a record's parent (0 to <paramref name="parents"/> - 1; negative for
/// none) and its key among the parent's records, when keys are grouped by parent: a key of plain numbers, compared
/// without the parent's id (the index stands for it) and without the shared generic code a key holding a string takes.</param>
/// <param name="storage">Where the records kept go: the rows of the first file parsed, overwritten in place (a row
/// kept is never placed after the parsed row it came from), so that the file type's rows are held once, not twice.</param>
/// <param name="capacity">The records to be added at most.</param>
/// <param name="parents">The parents there are, when keys are grouped by parent.</param>
internal sealed class KeyTable<T, TKey>(Func<T, TKey> key, Func<T, ParentKey>? parentKey, RowList<T> storage, int capacity, int parents = 0)
    where TKey : notnull
{
    private const int MaxScanned = 16;
    private static readonly EqualityComparer<TKey> Keys = EqualityComparer<TKey>.Default;

    // Key -> index in Kept, when keys are not grouped by parent.
    private readonly FlatIndex? _flat = parentKey is null ? new(capacity) : null;
    // A struct per parent, not an object (millions of plans), by parent index; without references, so the collector
    // does not trace it. The tables of the parents whose keys outgrew it, by parent index.
    private readonly Group[] _groups = parentKey is null ? [] : TouchedArray.Of<Group>(parents);
    private Dictionary<int, Dictionary<ulong, int>>? _tables;
    // The keys of the current parent while they are compared side by side (its records are Kept[Start..Start+Count)).
    private readonly ulong[] _scanned = new ulong[MaxScanned];
    private int _current = -1;
    // Records with no parent (their check let them through): keyed on their own.
    private Dictionary<TKey, int>? _orphans;
    private int _count;

    /// <summary>The records kept, in the order they were added (once <see cref="Complete"/> was called).</summary>
    public RowList<T> Kept => storage;

    /// <summary>Ends the adding: <see cref="Kept"/> then holds the records kept and nothing after them.</summary>
    public void Complete() => storage.Truncate(_count);

    /// <summary>The key of a record of this file type, as its errors quote it.</summary>
    public TKey KeyOf(T record) => key(record);

    /// <summary>The index in <see cref="Kept"/> of the record of a key, or -1; only when keys are not grouped by parent.</summary>
    public int IndexOf(TKey k)
    {
        if (_flat is null) throw new InvalidOperationException("keys grouped by parent have no single table");
        FlatSlotOf(k, Keys.GetHashCode(k), out var kept);
        return kept;
    }

    /// <summary><see cref="IndexOf(TKey)"/> for a key that is a string, given as characters.</summary>
    public int IndexOf(ReadOnlySpan<char> k)
    {
        if (_flat is null || key is not Func<T, string> id) throw new InvalidOperationException("only a single table of string keys is searched by characters");
        // A string's hash is that of its characters.
        var hash = string.GetHashCode(k);
        for (var i = _flat.First(hash); ; i = _flat.Next(i))
        {
            var at = _flat.At(i, hash);
            if (at == FlatIndex.Empty || (at >= 0 && k.SequenceEqual(id(storage[at])))) return Math.Max(at, -1);
        }
    }

    /// <summary>Whether <see cref="Prefetch"/> is worth calling: only keys not grouped by parent go to a table of millions.</summary>
    public bool FetchesAhead => _flat is not null;

    /// <summary>Asks the CPU to fetch the slot where the key of <paramref name="record"/> goes, some rows ahead of its
    /// <see cref="TryAdd"/> (only where <see cref="FetchesAhead"/>). In a table of millions each slot is a trip to memory
    /// (nationally ~200 ns, most of the plans' and support plans' settling), which the rows settled meanwhile then hide.</summary>
    public void Prefetch(in T record) => _flat!.Prefetch(Keys.GetHashCode(key(record)));

    /// <summary>Keeps <paramref name="record"/> under its key; false, with the record that holds the key, when one does.</summary>
    /// <param name="at">Where <paramref name="record"/> is in <see cref="Kept"/>'s storage already (a row of the first
    /// file parsed), or −1: a row kept where it is need not be written again.</param>
    public bool TryAdd(in T record, int at, [MaybeNullWhen(true)] out T existing)
    {
        if (_flat is not null) return TryAddFlat(key(record), record, at, out existing);
        var (parent, k) = parentKey!(record);
        if ((uint)parent >= (uint)_groups.Length) return TryAdd(_orphans ??= [], key(record), record, at, out existing);
        if (parent != _current) Switch(parent);
        ref var group = ref _groups[parent];
        if (group.Count < 0) return TryAdd(_tables![parent], k, record, at, out existing);
        for (var i = 0; i < group.Count; i++)
        {
            if (_scanned[i] == k)
            {
                existing = storage[group.Start + i];
                return false;
            }
        }
        if (group.Count == MaxScanned) return TryAdd(Spill(parent), k, record, at, out existing);
        _scanned[group.Count++] = k;
        return Keep(record, at, out existing);
    }

    private void Switch(int parent)
    {
        ref var group = ref _groups[parent];
        // A parent met again after others: its keys can no longer grow side by side.
        if (group.Count > 0) Spill(parent);
        else if (group.Count == 0) group.Start = _count;
        _current = parent;
    }

    /// <summary>Moves the keys of a parent kept side by side so far to a table of their own, and returns it.</summary>
    private Dictionary<ulong, int> Spill(int parent)
    {
        ref var group = ref _groups[parent];
        var table = new Dictionary<ulong, int>(2 * MaxScanned);
        for (var i = group.Start; i < group.Start + group.Count; i++) table.Add(parentKey!(storage[i]).Key, i);
        group.Count = -1;
        return (_tables ??= [])[parent] = table;
    }

    private bool TryAdd<TTableKey>(Dictionary<TTableKey, int> table, TTableKey k, in T record, int at, [MaybeNullWhen(true)] out T existing)
        where TTableKey : notnull
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(table, k, out var exists);
        if (exists)
        {
            existing = storage[slot];
            return false;
        }
        slot = _count;
        return Keep(record, at, out existing);
    }

    private bool TryAddFlat(TKey k, in T record, int at, [MaybeNullWhen(true)] out T existing)
    {
        var hash = Keys.GetHashCode(k);
        var slot = FlatSlotOf(k, hash, out var kept);
        if (kept >= 0)
        {
            existing = storage[kept];
            return false;
        }
        _flat!.Set(slot, hash, _count);
        return Keep(record, at, out existing);
    }

    /// <summary>The slot of <paramref name="k"/> (whose hash is <paramref name="hash"/>) in the flat index, with the index
    /// in Kept of its record; or the empty slot where it would go, with -1.</summary>
    private int FlatSlotOf(TKey k, int hash, out int kept)
    {
        for (var i = _flat!.First(hash); ; i = _flat.Next(i))
        {
            kept = _flat.At(i, hash);
            if (kept == FlatIndex.Empty)
            {
                kept = -1;
                return i;
            }
            if (kept >= 0 && Keys.Equals(key(storage[kept]), k)) return i;
        }
    }

    private bool Keep(in T record, int at, [MaybeNullWhen(true)] out T existing)
    {
        if (_count >= storage.Count) storage.Add(record);
        else if (_count != at) storage.At(_count) = record;
        _count++;
        existing = default;
        return true;
    }

    /// <summary>Key -> index in Kept for keys not grouped by parent (plans, support plans: millions): open addressing on
    /// the keys' hashes, at most half full, the keys read from the rows kept. A slot holds the hash a lookup compares
    /// first, where a dictionary reads a bucket and then an entry elsewhere; a table of millions outgrows the CPU's
    /// caches, so each read is a trip to memory. The rows' keys are compared only when the hashes are equal.</summary>
    private sealed class FlatIndex(int capacity)
    {
        // (hash, 1 + index in Kept); 0 = empty. Every page written before use (see TouchedArray).
        private readonly (int Hash, int Kept)[] _slots = TouchedArray.Of<(int, int)>((int)Math.Min(1L << 30, BitOperations.RoundUpToPowerOf2((ulong)Math.Max(16L, 2L * capacity))));

        /// <summary>What <see cref="At"/> gives for an empty slot: the end of a probe.</summary>
        public const int Empty = -2;

        public int First(int hash) => LinearProbing.Home((uint)hash, _slots.Length);
        public int Next(int slot) => LinearProbing.Next(slot, _slots.Length);

        /// <summary>The index in Kept at <paramref name="slot"/> when its hash is <paramref name="hash"/>; -1 when the slot
        /// holds another key; <see cref="Empty"/> when it is empty.</summary>
        public int At(int slot, int hash)
        {
            var (h, kept) = _slots[slot];
            return kept == 0 ? Empty : h == hash ? kept - 1 : -1;
        }

        public void Set(int slot, int hash, int kept) => _slots[slot] = (hash, kept + 1);

        public void Prefetch(int hash) => LinearProbing.Prefetch(_slots, First(hash));
    }

    /// <summary>Where a parent's keys are: side by side in Kept from <see cref="Start"/>, <see cref="Count"/> of them,
    /// or (a negative count) in the parent's table (key -> index in Kept).</summary>
    private struct Group
    {
        public int Start;
        public int Count;
    }
}

/// <summary>A record's parent (its index among the parents kept; negative for none) and its key among that parent's
/// records: a number (a priority, a goal's number), a code and a date, packed side by side in one word (a date's day
/// number takes 22 bits, a code 8).</summary>
internal readonly record struct ParentKey(int Parent, ulong Key)
{
    public static ParentKey Of(int parent, int number, byte code = 0, DateOnly date = default) =>
        new(parent, (ulong)(uint)number << 32 | (uint)code << 22 | (uint)date.DayNumber);
}
