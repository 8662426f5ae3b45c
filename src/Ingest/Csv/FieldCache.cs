using System.Buffers.Binary;

namespace PlanLink.Ingest.Csv;

/// <summary>What parsing a field's exact UTF-8 bytes gave, remembered per column of one file: codes, office
/// numbers and phrases repeat across rows, and parsing (decoding, NFKC, code-list lookups) is pure, so a value
/// seen before needs neither a string nor a parse. Bounded in entries and key length, so distinct free text
/// cannot grow it without end; the last value looked up is checked first, for ids that repeat on adjacent rows.</summary>
internal sealed class FieldCache<T>(int maxEntries, int maxKeyLength = FieldCache<T>.DefaultMaxKeyLength)
{
    public const int DefaultMaxKeyLength = 256;

    private struct Entry
    {
        public byte[] Key;
        public T Value;
        public int Hash;
        public int Next; // index of the next entry of the same bucket, -1 at the end
    }

    private int[] _buckets = []; // 1 + index of a bucket's first entry; 0 = empty
    private Entry[] _entries = [];
    private int _count;
    private int _last = -1;

    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        if (_last >= 0 && _entries[_last].Key.AsSpan().SequenceEqual(key))
        {
            value = _entries[_last].Value;
            return true;
        }
        if (_count > 0 && key.Length <= maxKeyLength)
        {
            var hash = Hash(key);
            for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _entries[i].Next)
            {
                ref var entry = ref _entries[i];
                if (entry.Hash == hash && entry.Key.AsSpan().SequenceEqual(key))
                {
                    _last = i;
                    value = entry.Value;
                    return true;
                }
            }
        }
        value = default!;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/> (not yet in the cache), while there is room.</summary>
    public void Add(ReadOnlySpan<byte> key, T value)
    {
        if (_count >= maxEntries || key.Length > maxKeyLength) return;
        if (_count == _entries.Length) Grow();
        var hash = Hash(key);
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[_count] = new Entry { Key = key.ToArray(), Value = value, Hash = hash, Next = bucket - 1 };
        bucket = _count + 1;
        _last = _count;
        _count++;
    }

    private void Grow()
    {
        var size = Math.Max(16, _entries.Length * 2);
        Array.Resize(ref _entries, size);
        _buckets = new int[size];
        for (var i = 0; i < _count; i++)
        {
            ref var bucket = ref _buckets[_entries[i].Hash & (size - 1)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    // Seeded per process, so input cannot be made to collide on purpose; 8 bytes a step (HashCode.AddBytes takes 4).
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = Seed ^ (ulong)key.Length;
        while (key.Length >= 8)
        {
            hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key));
            key = key[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < key.Length; i++) tail |= (ulong)key[i] << (8 * i);
        hash = Mix(hash ^ tail) * 0xBF58476D1CE4E5B9UL;
        return (int)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong value)
    {
        value *= 0x9E3779B97F4A7C15UL;
        return value ^ (value >> 29);
    }
}
