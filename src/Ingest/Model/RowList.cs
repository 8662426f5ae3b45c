using System.Collections;
using System.Runtime.CompilerServices;

namespace PlanLink.Ingest.Model;

/// <summary>The rows of a file type, kept in chunks of about 64 KB rather than in one array. Millions of rows grow
/// without being copied, and each chunk is filled right after it is allocated: one huge array allocated ahead of its
/// rows would be scanned by every collection while it is still empty, which maps its pages to the shared zero page,
/// and each first write would then cost a page fault and a TLB flush on every core (most of the read's system time).</summary>
public sealed class RowList<T> : IReadOnlyList<T>
{
    // Chunks of a power-of-two number of rows, below the large object heap's 85,000 bytes.
    private static readonly int Shift = 31 - int.LeadingZeroCount(Math.Max(1, 65_536 / Unsafe.SizeOf<T>()));
    private static readonly int ChunkRows = 1 << Shift;
    private T[][] _chunks = [];
    private int _count;

    public int Count => _count;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return _chunks[index >> Shift][index & (ChunkRows - 1)];
        }
    }

    /// <summary>The storage of a row already added, to replace it in place.</summary>
    internal ref T At(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        return ref _chunks[index >> Shift][index & (ChunkRows - 1)];
    }

    public void Add(T row)
    {
        var chunk = _count >> Shift;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, Math.Max(4, 2 * _chunks.Length));
        (_chunks[chunk] ??= new T[ChunkRows])[_count & (ChunkRows - 1)] = row;
        _count++;
    }

    /// <summary>Keeps the first <paramref name="count"/> rows and lets go of the rest.</summary>
    public void Truncate(int count)
    {
        if ((uint)count > (uint)_count) throw new ArgumentOutOfRangeException(nameof(count));
        var chunks = (count + ChunkRows - 1) >> Shift;
        if (count < chunks << Shift) Array.Clear(_chunks[chunks - 1], count & (ChunkRows - 1), ChunkRows - (count & (ChunkRows - 1)));
        Array.Clear(_chunks, chunks, _chunks.Length - chunks);
        _count = count;
    }

    /// <summary>The rows in order, a chunk at a time.</summary>
    public IEnumerable<ReadOnlyMemory<T>> Chunks()
    {
        for (var start = 0; start < _count; start += ChunkRows)
            yield return _chunks[start >> Shift].AsMemory(0, Math.Min(ChunkRows, _count - start));
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < _count; i++) yield return _chunks[i >> Shift][i & (ChunkRows - 1)];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Rows read a chunk at a time, whatever list holds them.</summary>
public static class RowChunks
{
    private const int CopiedRows = 4096;

    /// <summary>The rows in order, as runs of memory: a <see cref="RowList{T}"/>'s chunks, an array whole, any other list
    /// copied a few thousand rows at a time. A hot loop then reads each row in place, not through an interface call and a
    /// copy of the row (a struct row is several words).</summary>
    public static IEnumerable<ReadOnlyMemory<T>> Of<T>(IReadOnlyList<T> rows)
    {
        switch (rows)
        {
            case RowList<T> list:
                foreach (var chunk in list.Chunks()) yield return chunk;
                yield break;
            case T[] array:
                yield return array;
                yield break;
        }
        var buffer = new T[Math.Min(rows.Count, CopiedRows)];
        for (var start = 0; start < rows.Count; start += buffer.Length)
        {
            var length = Math.Min(buffer.Length, rows.Count - start);
            for (var i = 0; i < length; i++) buffer[i] = rows[start + i];
            yield return buffer.AsMemory(0, length);
        }
    }
}

/// <summary>Large arrays that are read before they are written: counters, and tables filled in no order.</summary>
public static class TouchedArray
{
    /// <summary>A new array whose every page is written at once. A large array's memory comes fresh from the system, and a
    /// page first read is mapped to the shared zero page: its first write then costs a second fault and a TLB flush on
    /// every core. Written first, each page faults once.</summary>
    public static T[] Of<T>(int length)
    {
        var array = new T[length];
        array.AsSpan().Clear();
        return array;
    }
}
