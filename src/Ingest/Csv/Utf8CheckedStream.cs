namespace PlanLink.Ingest.Csv;

/// <summary>A UTF-8 file checked as the CSV reader reads it: valid UTF-8 without U+FFFD, whole lines at a time (a line
/// feed is never part of a character), so that a record within clean lines needs no check of its own. A check of
/// 64 KiB costs far less than a thousand checks of a record each. Lines with a bad byte are left to the record's
/// own check, which finds its field.</summary>
/// <param name="inner">The file, which its owner disposes.</param>
internal sealed class Utf8CheckedStream(Stream inner) : Stream
{
    // The start of a line cut by the end of a read, checked with the rest of it; one longer than this is left unchecked.
    private const int MaxCarry = 4096;
    private readonly byte[] _carry = new byte[MaxCarry];
    private int _carryLength;
    private bool _carryLost;
    private long _position;
    // The bytes before this are checked; those of the ranges in _bad are not clean.
    private long _checkedTo;
    private readonly List<(long Start, long End)> _bad = [];
    private int _nextBad;

    /// <summary>Whether the bytes from <paramref name="start"/> on, <paramref name="length"/> of them, are checked and
    /// clean. Asked in increasing order of <paramref name="start"/>.</summary>
    public bool IsClean(long start, int length)
    {
        var end = start + length;
        if (start < 0 || end > _checkedTo) return false;
        while (_nextBad < _bad.Count && _bad[_nextBad].End <= start) _nextBad++;
        return _nextBad == _bad.Count || _bad[_nextBad].Start >= end;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    private void Check(ReadOnlySpan<byte> read)
    {
        var start = _position;
        _position += read.Length;
        var last = read.LastIndexOf((byte)'\n');
        if (read.IsEmpty || last < 0)
        {
            // The end of the file ends its last line; a read without a line feed only lengthens the cut line.
            if (read.IsEmpty) CheckCarried(default, _position);
            else Carry(read);
            return;
        }
        var first = read.IndexOf((byte)'\n');
        CheckCarried(read[..(first + 1)], start + first + 1);
        CheckRange(read[(first + 1)..(last + 1)], start + last + 1);
        Carry(read[(last + 1)..]);
    }

    /// <summary>Checks the cut line with its rest, up to <paramref name="end"/> (in the file).</summary>
    private void CheckCarried(ReadOnlySpan<byte> rest, long end)
    {
        if (!_carryLost && _carryLength + rest.Length <= MaxCarry)
        {
            rest.CopyTo(_carry.AsSpan(_carryLength));
            CheckRange(_carry.AsSpan(0, _carryLength + rest.Length), end);
        }
        else if (end > _checkedTo)
        {
            _bad.Add((_checkedTo, end));
            _checkedTo = end;
        }
        (_carryLength, _carryLost) = (0, false);
    }

    private void Carry(ReadOnlySpan<byte> bytes)
    {
        if (_carryLost || _carryLength + bytes.Length > MaxCarry) _carryLost = true;
        else
        {
            bytes.CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += bytes.Length;
        }
    }

    /// <summary>Checks the bytes that end at <paramref name="end"/> and start where the last check ended.</summary>
    private void CheckRange(ReadOnlySpan<byte> bytes, long end)
    {
        if (!Clean(bytes)) _bad.Add((_checkedTo, end));
        _checkedTo = end;
    }

    /// <summary>Valid UTF-8 without U+FFFD (what a decoder put for bytes it could not decode).</summary>
    public static bool Clean(ReadOnlySpan<byte> bytes) => Utf8Validator.IsValid(bytes) && bytes.IndexOf(ReplacementCharacter) < 0;

    private static ReadOnlySpan<byte> ReplacementCharacter => [0xEF, 0xBF, 0xBD];

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
