namespace PlanLink.Ingest.Csv;

/// <summary>Tells a binary file (a spreadsheet saved as .csv, a zip, random bytes) from text:
/// a NUL byte or many control characters in the first 64 KiB. UTF-16 files (which have NULs)
/// are recognised by their byte order mark.</summary>
internal static class BinarySniffer
{
    public static bool LooksBinary(string path)
    {
        var buffer = new byte[64 * 1024];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, read);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return false;
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0) return true;
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x1A) control++;
        }
        return control > read / 100;
    }
}
