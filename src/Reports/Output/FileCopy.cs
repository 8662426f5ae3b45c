using System.Runtime.InteropServices;

namespace PlanLink.Reports.Output;

/// <summary>Appends one file to another inside the Linux kernel (copy_file_range): the bytes go from page cache to
/// page cache without being read into and written out of this process.</summary>
internal static class FileCopy
{
    /// <summary>Copies all of <paramref name="source"/> (from its start) to the end of what was written to
    /// <paramref name="target"/>; false, with nothing copied, when the kernel cannot do it (then copy the usual way).</summary>
    public static bool InKernel(FileStream source, FileStream target)
    {
        var length = source.Length;
        long from = 0, to = target.Position;
        while (from < length)
        {
            var copied = CopyFileRange((int)source.SafeFileHandle.DangerousGetHandle(), ref from,
                (int)target.SafeFileHandle.DangerousGetHandle(), ref to, (nuint)Math.Min(length - from, 1L << 30), 0);
            if (copied > 0) continue;
            if (copied == 0 || from > 0) throw new IOException($"copy_file_range stopped at {from} of {length} bytes (errno {Marshal.GetLastPInvokeError()})");
            return false; // not supported here (old kernel, other file system): nothing was copied
        }
        target.Position = to;
        return true;
    }

    [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static extern nint CopyFileRange(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint length, uint flags);
}
