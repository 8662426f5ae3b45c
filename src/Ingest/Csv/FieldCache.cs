using System.Buffers.Binary;

namespace PlanLink.Ingest.Csv;

/// <summary>What parsing a field's exact UTF-8 bytes gave, remembered per column of one file: codes, office
/// numbers and phrases repeat across rows, and parsing (decoding, NFKC, code-list lookups) is pure, so a value
/// seen before needs neither a string nor a parse. Bounded in entries and key length, so distinct free text
/// cannot grow it without end. A lookup first tries the entry last found for keys of its head (see <see cref="KeyHead.Slot"/>):
/// values repeat on adjacent rows, and a column has few that are frequent, so most lookups end there, without hashing
/// the whole key.</summary>
internal sealed class FieldCache<T>(int maxEntries, int maxKeyLength = FieldCache<T>.DefaultMaxKeyLength) : IByteKeys
{
    public const int DefaultMaxKeyLength = 256;

    private struct Entry
    {
        public KeyHead Head;
        public byte[]? Tail; // the bytes after the first 16, for longer keys
        public T Value;
        public int Hash;
        public int Next; // index of the next entry of the same bucket, -1 at the end
    }

    private int[] _buckets = []; // 1 + index of a bucket's first entry; 0 = empty
    private Entry[] _entries = [];
    private int _count;
    // 1 + index of the entry last found or added for keys whose head falls in each slot; 0 = none.
    private readonly int[] _recent = new int[KeyHead.Slots];
    // The empty field, the value of most optional columns, held apart from the table.
    private bool _hasEmpty;
    private T _empty = default!;

    public bool Contains(ReadOnlySpan<byte> key) => TryGet(key, out _);

    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        if (key.IsEmpty)
        {
            value = _empty;
            return _hasEmpty;
        }
        if (_count > 0 && key.Length <= maxKeyLength)
        {
            var head = KeyHead.Of(key);
            ref var recent = ref _recent[head.Slot];
            if (recent > 0 && Matches(in _entries[recent - 1], head, key))
            {
                value = _entries[recent - 1].Value;
                return true;
            }
            var hash = head.Hash(key);
            for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _entries[i].Next)
            {
                ref var entry = ref _entries[i];
                if (entry.Hash == hash && Matches(in entry, head, key))
                {
                    recent = i + 1;
                    value = entry.Value;
                    return true;
                }
            }
        }
        value = default!;
        return false;
    }

    private static bool Matches(in Entry entry, KeyHead head, ReadOnlySpan<byte> key) =>
        entry.Head.Equals(head) && (key.Length <= 16 || entry.Tail.AsSpan().SequenceEqual(key[16..]));

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/> (not yet in the cache), while there is room.</summary>
    public void Add(ReadOnlySpan<byte> key, T value)
    {
        if (key.IsEmpty)
        {
            (_hasEmpty, _empty) = (true, value);
            return;
        }
        if (_count >= maxEntries || key.Length > maxKeyLength) return;
        if (_count == _entries.Length) Grow();
        var head = KeyHead.Of(key);
        var hash = head.Hash(key);
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[_count] = new Entry { Head = head, Tail = key.Length > 16 ? key[16..].ToArray() : null, Value = value, Hash = hash, Next = bucket - 1 };
        bucket = _count + 1;
        _recent[head.Slot] = _count + 1;
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
}

/// <summary>Byte strings remembered (a cache's keys), whatever their values.</summary>
internal interface IByteKeys
{
    bool Contains(ReadOnlySpan<byte> key);
}

/// <summary>A key's first 16 bytes (zero-padded) and length, compared in place: most keys (codes, office numbers,
/// municipality codes) fit, and a lookup then reads no array of its own.</summary>
internal readonly struct KeyHead(ulong low, ulong high, int length) : IEquatable<KeyHead>
{
    public readonly ulong Low = low, High = high;
    public readonly int Length = length;

    /// <summary>The head of a key, read with overlapping loads rather than copied to a padded buffer: the bytes
    /// past the key's end are zero, as padding would make them.</summary>
    public static KeyHead Of(ReadOnlySpan<byte> key)
    {
        var n = key.Length;
        if (n >= 16) return new(BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]), n);
        if (n > 8) return new(BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[(n - 8)..]) >> (8 * (16 - n)), n);
        if (n == 8) return new(BinaryPrimitives.ReadUInt64LittleEndian(key), 0, n);
        return new(Short(key), 0, n);
    }

    /// <summary>Up to 7 bytes, little-endian and zero-padded.</summary>
    private static ulong Short(ReadOnlySpan<byte> key)
    {
        var n = key.Length;
        if (n >= 4) return BinaryPrimitives.ReadUInt32LittleEndian(key) | (ulong)BinaryPrimitives.ReadUInt32LittleEndian(key[(n - 4)..]) << (8 * (n - 4));
        if (n == 0) return 0;
        return key[0] | (ulong)key[n >> 1] << (8 * (n >> 1)) | (ulong)key[n - 1] << (8 * (n - 1));
    }

    /// <summary>The number of <see cref="Slot"/>s.</summary>
    public const int Slots = 64;

    /// <summary>A slot of the head among <see cref="Slots"/>, from one multiplication: where a cache remembers the entry it
    /// last found for such heads. Not a hash of the whole key, nor seeded: a slot holds one entry, so keys that share one
    /// only send each other to the full lookup.</summary>
    public int Slot => (int)(((Low ^ (High * 31) ^ (ulong)Length) * 0x9E37_79B9_7F4A_7C15UL) >> 58);

    public bool Equals(KeyHead other) => Low == other.Low && High == other.High && Length == other.Length;

    public override bool Equals(object? obj) => obj is KeyHead other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Low, High, Length);

    // Seeded per process, so input cannot be made to collide on purpose; 8 bytes a step (HashCode.AddBytes takes 4).
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    /// <summary>The hash of the key this is the head of.</summary>
    public int Hash(ReadOnlySpan<byte> key)
    {
        var hash = Mix(Mix(Seed ^ (ulong)key.Length ^ Low) ^ High);
        for (key = key.Length > 16 ? key[16..] : default; key.Length >= 8; key = key[8..])
            hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key));
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
