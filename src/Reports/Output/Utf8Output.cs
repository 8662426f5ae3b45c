using System.Buffers;
using System.Globalization;
using System.Text;

namespace PlanLink.Reports.Output;

/// <summary>A buffered UTF-8 byte writer for the large text outputs (figures.csv, the workbook's sheets, plan-targets.csv):
/// fields go straight into a byte buffer instead of through strings and a TextWriter.</summary>
internal sealed class Utf8Output(Stream stream) : IDisposable
{
    /// <summary>Rented: a report writes a part file per trend table and quarter, and a fresh 1 MB buffer each
    /// would be a large-object allocation every time.</summary>
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _length;

    /// <summary>The stream written to; <see cref="Flush"/> before writing to it directly.</summary>
    public Stream Stream => stream;

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    public void Text(string text)
    {
        var written = Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        _length += written;
    }

    public void Integer(long value)
    {
        value.TryFormat(Reserve(20), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>A decimal as <c>ToString(format, InvariantCulture)</c> writes it.</summary>
    public void Decimal(decimal value, string? format = null)
    {
        value.TryFormat(Reserve(64), out var written, format, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Room for at least <paramref name="bytes"/> bytes at the end of the buffer; <see cref="Advance"/> by what was used.</summary>
    public Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Flush();
            if (bytes > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(bytes);
            }
        }
        return _buffer.AsSpan(_length);
    }

    public void Advance(int bytes) => _length += bytes;

    public void Flush()
    {
        stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose()
    {
        Flush();
        stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
