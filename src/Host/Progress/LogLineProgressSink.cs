namespace PlanLink.Host.Progress;

/// <summary>Progress as plain lines for logs and CI: the start and the end of each phase always, steps in
/// between at most once per <paramref name="interval"/>.</summary>
public sealed class LogLineProgressSink(Action<string> writeLine, TimeSpan interval, TimeProvider? time = null) : IProgressSink
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, DateTimeOffset> _lastLine = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Lines to a writer (the command's output), one every 5 seconds at most per phase.</summary>
    public LogLineProgressSink(TextWriter output) : this(output.WriteLine, TimeSpan.FromSeconds(5)) { }

    public void Report(string phase, int done, int total, string? item = null)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var edge = done <= 0 || done >= total;
            if (!edge && _lastLine.TryGetValue(phase, out var last) && now - last < interval) return;
            _lastLine[phase] = now;
        }
        writeLine(Format(phase, done, total, item));
    }

    public static string Format(string phase, int done, int total, string? item) =>
        $"進捗 / progress: {phase} {done}/{total}" + (item is null ? "" : $" {item}");
}
