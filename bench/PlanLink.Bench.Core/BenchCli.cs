namespace PlanLink.Bench;

/// <summary>The harness's entry point, shared by bench/PlanLink.Bench (with DuckDB) and the smoke test (without).</summary>
public static class BenchCli
{
    /// <summary>Where a run's section goes in the results file: after this marker, newest first.</summary>
    public const string RunsMarker = "<!-- runs: newest first; written by bench/PlanLink.Bench -->";

    /// <param name="coldRead">Times a cold read in a process of its own (see <see cref="Harness.Run"/>).</param>
    public static int Run(BenchOptions options, Func<ISqlSide>? sqlSide, TextWriter log, Func<string, TimeSpan>? coldRead = null)
    {
        var report = Harness.Run(options, options.NoDuckDb ? null : sqlSide, log, coldRead);
        var markdown = ResultsMarkdown.Render(report);
        log.WriteLine();
        log.Write(markdown);
        if (options.Out is { } path) Append(path, markdown);
        if (options.Check && report.Comparison is { Equal: false })
        {
            log.WriteLine("check failed: PlanLink's aggregates differ from the SQL ones");
            return 3;
        }
        return 0;
    }

    /// <summary>Inserts a run after <see cref="RunsMarker"/> (the file keeps its hand-written notes above it).</summary>
    public static void Append(string path, string markdown)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : $"# Benchmark results (issue 9)\n\n{RunsMarker}\n";
        var at = text.IndexOf(RunsMarker, StringComparison.Ordinal);
        text = at < 0 ? text.TrimEnd() + $"\n\n{RunsMarker}\n\n{markdown}" : text.Insert(at + RunsMarker.Length, "\n\n" + markdown.TrimEnd());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.TrimEnd() + "\n");
    }
}
