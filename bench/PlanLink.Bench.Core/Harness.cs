using System.Diagnostics;
using System.Globalization;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Classification;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Gaps;
using PlanLink.Analytics.Linkage;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Synthetic;

namespace PlanLink.Bench;

/// <summary>Everything one run measured.</summary>
public sealed record BenchReport
{
    public required DateTimeOffset Started { get; init; }
    public required string Machine { get; init; }
    public required string LoadBefore { get; init; }
    public string LoadAfter { get; set; } = "";
    public required string Data { get; init; }
    public required long Bytes { get; init; }
    public required int Files { get; init; }
    public long Rows { get; set; }
    public long Rejected { get; set; }
    public (TimeSpan Cold, TimeSpan Warm) RawRead { get; set; }
    public List<Step> PlanLinkSteps { get; } = [];
    public DateOnly PlanLinkAsOf { get; set; }
    public long ManagedHeapAfterRead { get; set; }
    public List<AggregateValue> PlanLinkFacts { get; } = [];
    public SqlRun? Sql { get; set; }
    public string? SqlName { get; set; }
    public string? SqlSkipped { get; set; }
    public Comparison? Comparison { get; set; }
    public ChildProcess.Result? Report { get; set; }
    public string? ReportSkipped { get; set; }
    public string? Import { get; set; }
    /// <summary>How long the harness waited for the machine's other processes to quieten before the cold round.</summary>
    public TimeSpan QuietWait { get; set; }
    /// <summary>The cores other processes kept busy during PlanLink's cold round, and those the hypervisor took (steal
    /// time: other virtual machines on the same host); null where there is no /proc.</summary>
    public (double OthersBusy, double Stolen)? DuringColdRound { get; set; }
    /// <summary>Cold reads timed in processes of their own, after round 1 (see <see cref="BenchOptions.ColdProcesses"/>).</summary>
    public List<TimeSpan> FreshColdReads { get; } = [];
    public string? FreshColdReadsSkipped { get; set; }
    /// <summary>The cold reads: round 1's and those in processes of their own.</summary>
    public IEnumerable<TimeSpan> ColdReads => FreshColdReads.Prepend(ReadTime);
    /// <summary>The median of the cold reads.</summary>
    public TimeSpan ColdRead => TimeSpan.FromSeconds(Median(ColdReads.Select(t => t.TotalSeconds)));
    /// <summary>Every round's timings, the first (a cold process, whose steps are itemised above) included.</summary>
    public List<Round> Rounds { get; } = [];

    public TimeSpan ReadTime => PlanLinkSteps.First(s => s.Name == Harness.ReadStep).Time;
    public TimeSpan PlanLinkCore => PlanLinkSteps.Aggregate(TimeSpan.Zero, (t, s) => t + s.Time);
    public double MegabytesPerSecond(TimeSpan t) => Bytes / 1e6 / t.TotalSeconds;
    /// <summary>The rounds after the first: the same process, its code compiled and its heap grown.</summary>
    public IReadOnlyList<Round> WarmRounds => Rounds.Skip(1).ToList();
    /// <summary>The median read + validate time of the warm rounds.</summary>
    public TimeSpan WarmRead => TimeSpan.FromSeconds(Median(WarmRounds.Select(r => r.Read.TotalSeconds)));
    /// <summary>The median ratio PlanLink / SQL of the warm rounds (null without SQL).</summary>
    public double? WarmRatio => WarmRounds.All(r => r.Ratio is not null) ? Median(WarmRounds.Select(r => r.Ratio!.Value)) : null;

    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>One round of the core aggregates: PlanLink (its read, and its total including the read), then the SQL side.</summary>
public sealed record Round(TimeSpan Read, TimeSpan PlanLink, TimeSpan? Sql)
{
    public double? Ratio => Sql is { } sql ? PlanLink / sql : null;
}

/// <summary>Issue 9's end-to-end harness: raw read, read + validate, the core aggregates in PlanLink and in SQL
/// (when an <see cref="ISqlSide"/> is given), `planlink report` as a child process, optionally the PostgreSQL import.</summary>
public static class Harness
{
    public const string ReadStep = "read + validate (ContractReader.ReadFolders)";

    /// <param name="sqlSide">Makes a fresh SQL engine for each round (null: no SQL side).</param>
    /// <param name="coldRead">Times a cold read of a folder in a process of its own (null: none can be started here).</param>
    public static BenchReport Run(BenchOptions options, Func<ISqlSide>? sqlSide, TextWriter log, Func<string, TimeSpan>? coldRead = null)
    {
        var data = Path.GetFullPath(options.Data);
        if (options.Persons is { } persons && (!Directory.Exists(data) || !Directory.EnumerateFiles(data, "plans.csv", SearchOption.AllDirectories).Any()))
        {
            log.WriteLine($"generating {persons:N0} persons × {options.Municipalities} municipalities (seed {options.Seed}) into {data} …");
            var clock = Stopwatch.StartNew();
            SyntheticGenerator.Generate(new GeneratorOptions { Persons = persons, Municipalities = options.Municipalities, Seed = options.Seed }, data);
            log.WriteLine($"  generated in {clock.Elapsed.TotalSeconds:F1} s");
        }
        var files = Directory.EnumerateFiles(data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var report = new BenchReport
        {
            Started = DateTimeOffset.UtcNow, Machine = Machine.Describe(), LoadBefore = Machine.LoadAverage(), Data = data,
            Bytes = files.Sum(f => new FileInfo(f).Length), Files = files.Count,
        };
        log.WriteLine($"data: {data}: {files.Count} CSV files, {report.Bytes / 1e6:N1} MB; load average {report.LoadBefore}");

        // 1. The physical limit: the same bytes, twice (the second from the page cache).
        var cold = RawRead.Files(files);
        var warm = RawRead.Files(files);
        report.RawRead = (cold.Time, warm.Time);
        log.WriteLine($"raw read: {report.MegabytesPerSecond(cold.Time):N0} MB/s first, {report.MegabytesPerSecond(warm.Time):N0} MB/s second (checksum {warm.Sum:X})");

        // 2. PlanLink: read + validate, then the core aggregates, each timed, once the rest of the machine is quiet.
        (report.QuietWait, var othersBefore) = Machine.WaitForQuiet(options.QuietWait);
        var start = Machine.CpuTimes.Now();
        RunPlanLink(data, report, log);
        if (start is not null && Machine.CpuTimes.Now() is { } end)
            report.DuringColdRound = (end.OthersBusyCoresSince(start), end.StolenCoresSince(start));
        log.WriteLine($"other processes: {othersBefore:F2} cores busy before the cold round (after waiting {report.QuietWait.TotalSeconds:F1} s), " +
                      $"{report.DuringColdRound?.OthersBusy:F2} during it; {report.DuringColdRound?.Stolen:F2} cores stolen by the hypervisor");
        Collect();

        // 2b. More cold reads, each in a process of its own, while this one waits: the same read, sampled again.
        if (options.ColdProcesses == 0) report.FreshColdReadsSkipped = "--cold-processes 0";
        else if (coldRead is null) report.FreshColdReadsSkipped = "no process can be started here";
        else
        {
            for (var i = 1; i <= options.ColdProcesses; i++)
            {
                Machine.WaitForQuiet(options.QuietWait);
                var time = coldRead(data);
                report.FreshColdReads.Add(time);
                log.WriteLine($"cold read in a process of its own ({i}/{options.ColdProcesses}): {time.TotalSeconds:F2} s, {report.MegabytesPerSecond(time):N1} MB/s");
            }
        }

        // 3. The same aggregates in SQL, and the cross-check.
        if (sqlSide is null) report.SqlSkipped = options.NoDuckDb ? "--no-duckdb" : "no SQL engine";
        else
        {
            // Disposed at the end of this block: the engine's tables (≈ 1 GB at national scale) are freed before the next round or the report.
            using var sql = sqlSide();
            report.SqlName = sql.Name;
            report.Sql = sql.Run(data, log);
            foreach (var s in report.Sql.Steps) log.WriteLine($"  {sql.Name} {s.Name}: {s.Time.TotalSeconds:F2} s");
            report.Comparison = Aggregates.Compare(report.PlanLinkFacts, report.Sql.Facts);
            foreach (var c in report.Comparison.Aggregates)
            {
                log.WriteLine($"  check {c.Aggregate}: {c.PlanLinkFacts} PlanLink numbers, {c.SqlFacts} SQL numbers, {c.Differences} differences");
                foreach (var e in c.Examples) log.WriteLine($"    {e}");
            }
            if (report.Sql.AsOf != report.PlanLinkAsOf)
                log.WriteLine($"  as-of date differs: PlanLink {report.PlanLinkAsOf:yyyy-MM-dd}, SQL {report.Sql.AsOf:yyyy-MM-dd}");
        }
        Collect();
        report.Rounds.Add(new Round(report.ReadTime, report.PlanLinkCore, report.Sql?.Total));

        // 3b. More rounds of the same, the sides taking turns: this process warm (compiled code, a grown heap), and the spread.
        for (var round = 2; round <= options.Rounds; round++)
        {
            var again = new BenchReport { Started = report.Started, Machine = "", LoadBefore = "", Data = data, Bytes = report.Bytes, Files = report.Files };
            RunPlanLink(data, again, TextWriter.Null);
            Collect();
            TimeSpan? sqlTotal = null;
            if (sqlSide is not null)
            {
                using var sql = sqlSide();
                sqlTotal = sql.Run(data, TextWriter.Null).Total;
            }
            Collect();
            var timings = new Round(again.ReadTime, again.PlanLinkCore, sqlTotal);
            report.Rounds.Add(timings);
            log.WriteLine($"round {round}: PlanLink read {timings.Read.TotalSeconds:F2} s, core {timings.PlanLink.TotalSeconds:F2} s" +
                          (timings.Ratio is { } ratio ? $"; {report.SqlName} {sqlTotal!.Value.TotalSeconds:F2} s; ratio {ratio:F2}" : ""));
        }

        // 4. The whole job as users run it.
        if (options.NoReport) report.ReportSkipped = "--no-report";
        else RunReport(data, report, log);

        // 5. PostgreSQL import against raw COPY (bench/ImportBench), when a server is given.
        if (options.Db is { } db) report.Import = RunImportBench(db, log);

        report.LoadAfter = Machine.LoadAverage();
        return report;
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static void RunPlanLink(string data, BenchReport report, TextWriter log)
    {
        ReadResult read = null!;
        report.PlanLinkSteps.Add(Step.Measure(ReadStep, () => read = ContractReader.ReadFolders([data])));
        report.Rows = read.Tallies.Sum(t => t.Read);
        report.Rejected = read.RowsRejected;
        report.ManagedHeapAfterRead = GC.GetTotalMemory(false);
        log.WriteLine($"PlanLink read + validate: {report.ReadTime.TotalSeconds:F2} s, {report.Rows:N0} rows ({report.Rejected:N0} rejected), " +
                      $"{report.Rows / report.ReadTime.TotalSeconds:N0} rows/s, {report.MegabytesPerSecond(report.ReadTime):N1} MB/s, managed heap {report.ManagedHeapAfterRead / 1e9:F2} GB");

        DatasetIndex index = null!;
        PlanSnapshot snapshot = null!;
        FiscalQuarter q = default;
        report.PlanLinkSteps.Add(Step.Measure("index (DatasetIndex)", () => index = new DatasetIndex(read.Dataset)));
        q = QuarterlyAnalysis.DefaultQuarter(index);
        report.PlanLinkAsOf = q.End;
        report.PlanLinkSteps.Add(Step.Measure("snapshot (PlanSnapshot.At)", () => snapshot = PlanSnapshot.At(index, q.End)));
        report.PlanLinkSteps.Add(Step.Measure("unmet by service × municipality (UnmetFigures.Compute)", () =>
        {
            // Compute also makes the summary, status and life-domain tables (no classifier here: DomainInference.None).
            var table = UnmetFigures.Compute(snapshot, q, DomainInference.None).Single(t => t.Id == "unmet_needs_by_service");
            report.PlanLinkFacts.AddRange(Aggregates.FromTable(Aggregates.UnmetByService, table, AreaLevel.Municipality, Aggregates.UnmetMeasures));
        }, "also builds the summary, status and life-domain tables"));
        report.PlanLinkSteps.Add(Step.Measure("demand vs capacity by service × municipality (ResourceGapFigures.ByService)", () =>
        {
            var table = ResourceGapFigures.ByService(snapshot, q);
            report.PlanLinkFacts.AddRange(Aggregates.FromTable(Aggregates.GapByService, table, AreaLevel.Municipality, Aggregates.GapMeasures));
        }));
        report.PlanLinkSteps.Add(Step.Measure("linkage by provider (SnapshotLinkage.Of + LinkageFigures.ByProvider)", () =>
        {
            var table = LinkageFigures.ByProvider(snapshot, SnapshotLinkage.Of(snapshot), q);
            report.PlanLinkFacts.AddRange(Aggregates.FromTable(Aggregates.LinkageByProvider, table, AreaLevel.Office, Aggregates.LinkageMeasures));
        }));
        foreach (var s in report.PlanLinkSteps.Skip(1)) log.WriteLine($"  PlanLink {s.Name}: {s.Time.TotalSeconds:F2} s");
        log.WriteLine($"  PlanLink as of {report.PlanLinkAsOf:yyyy-MM-dd}; core incl. read: {report.PlanLinkCore.TotalSeconds:F2} s");
    }

    /// <summary>`planlink report` as users run it, from the planlink.dll beside this assembly.</summary>
    private static void RunReport(string data, BenchReport report, TextWriter log)
    {
        var planlink = Path.Combine(AppContext.BaseDirectory, "planlink.dll");
        if (!File.Exists(planlink))
        {
            report.ReportSkipped = $"{planlink} not found";
            return;
        }
        var outDir = Path.Combine(Path.GetTempPath(), $"planlink-bench-report-{Environment.ProcessId}");
        try
        {
            var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
            log.WriteLine($"running {dotnet} {planlink} report --input {data} --out {outDir} …");
            report.Report = ChildProcess.Run(dotnet, [planlink, "report", "--input", data, "--out", outDir], TimeSpan.FromMinutes(30));
            log.WriteLine($"  report: exit {report.Report.ExitCode}, {report.Report.Wall.TotalSeconds:F1} s, peak RSS {report.Report.PeakRssBytes / (1024.0 * 1024 * 1024):F2} GiB");
            foreach (var line in report.Report.Output.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(4)) log.WriteLine($"    {line.TrimEnd()}");
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>bench/ImportBench (import vs raw binary COPY) on 20,000 generated plans, one timed run; its output verbatim.</summary>
    private static string RunImportBench(string db, TextWriter log)
    {
        var root = FindRepositoryRoot();
        if (root is null) return "bench/ImportBench not found (run from the repository)";
        var project = Path.Combine(root, "bench", "ImportBench");
        log.WriteLine($"running bench/ImportBench against {db.Split(';').FirstOrDefault()} …");
        var result = ChildProcess.Run("dotnet", ["run", "-c", "Release", "--project", project, "--", db, "20000", "1"], TimeSpan.FromMinutes(20));
        log.WriteLine(result.Output);
        return result.ExitCode == 0 ? result.Output.Trim() : $"ImportBench failed (exit {result.ExitCode}): {result.Output.Trim()}";
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PlanLink.sln"))) return dir.FullName;
        }
        return null;
    }
}
