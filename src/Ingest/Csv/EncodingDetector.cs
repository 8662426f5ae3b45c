using System.Text;

namespace PlanLink.Ingest.Csv;

/// <summary>Tells UTF-8 (with or without BOM) from Shift_JIS/CP932, the two encodings Japanese
/// case-record systems export.</summary>
public static class EncodingDetector
{
    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>CP932 (Windows Shift_JIS), registered on first use.</summary>
    public static Encoding ShiftJis => Encoding.GetEncoding(932);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 when the first 64 KiB decode as UTF-8, else CP932.</summary>
    public static Encoding Detect(string path)
    {
        Span<byte> buffer = stackalloc byte[64 * 1024];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = buffer[..read];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8;
        // A multi-byte character may be cut at the end of the sample: drop its partial bytes.
        var end = head.Length;
        if (read == buffer.Length)
        {
            while (end > 0 && end > head.Length - 4 && (head[end - 1] & 0xC0) == 0x80) end--;
            if (end > 0 && head[end - 1] >= 0xC0) end--;
        }
        try
        {
            StrictUtf8.GetCharCount(head[..end]);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return ShiftJis;
        }
    }
}
