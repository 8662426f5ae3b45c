namespace PlanLink.Host.Progress;

/// <summary>A one-line progress bar redrawn in place (carriage return, no ANSI codes, so the Windows console
/// shows it too); a finished phase leaves its last line standing.</summary>
public sealed class TerminalProgressSink(TextWriter console) : IProgressSink
{
    private const int BarWidth = 24;
    private readonly Lock _gate = new();
    private int _lastLength;

    public void Report(string phase, int done, int total, string? item = null)
    {
        var fraction = total <= 0 ? 1.0 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var line = $"{phase} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total}";
        if (item is not null) line += " " + Shorten(item, 40);
        lock (_gate)
        {
            console.Write('\r' + line.PadRight(_lastLength));
            _lastLength = done >= total ? 0 : line.Length;
            if (done >= total) console.WriteLine();
            console.Flush();
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];
}
