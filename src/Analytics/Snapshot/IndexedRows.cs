using System.Collections;

namespace PlanLink.Analytics.Snapshot;

/// <summary>Rows of a family in the index's order, read where the dataset holds them through their positions there:
/// the index keeps a number per row instead of a copy of every row (nationally millions of needs and goals).</summary>
public readonly struct IndexedRows<T> : IReadOnlyList<T>
{
    private readonly IReadOnlyList<T> _rows;
    private readonly int[] _positions;
    private readonly int _start;

    internal IndexedRows(IReadOnlyList<T> rows, int[] positions) : this(rows, positions, 0, positions.Length) { }

    private IndexedRows(IReadOnlyList<T> rows, int[] positions, int start, int length) =>
        (_rows, _positions, _start, Length) = (rows, positions, start, length);

    public int Length { get; }

    int IReadOnlyCollection<T>.Count => Length;

    public T this[int i] => (uint)i < (uint)Length ? _rows[_positions[_start + i]] : throw new ArgumentOutOfRangeException(nameof(i));

    /// <summary>The rows from <paramref name="start"/> on, <paramref name="length"/> of them (what <c>rows[a..b]</c> gives).</summary>
    public IndexedRows<T> Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start + (ulong)(uint)length, (ulong)(uint)Length, nameof(length));
        return new(_rows, _positions, _start + start, length);
    }

    public T[] ToArray()
    {
        var result = new T[Length];
        for (var i = 0; i < result.Length; i++) result[i] = this[i];
        return result;
    }

    public Enumerator GetEnumerator() => new(this);
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(IndexedRows<T> rows) : IEnumerator<T>
    {
        private int _i = -1;
        public readonly T Current => rows[_i];
        readonly object? IEnumerator.Current => Current;
        public bool MoveNext() => ++_i < rows.Length;
        public void Reset() => _i = -1;
        public readonly void Dispose() { }
    }
}
