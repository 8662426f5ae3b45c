using PlanLink.Analytics.Targets;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Periods;
using PlanLink.Host.Progress;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Store;
using PlanLink.Reports;
using PlanLink.Reports.Output;

namespace PlanLink.Host.Commands;

/// <summary>What one report run wrote: the quarter, the files and the read's rejected rows.</summary>
public sealed record ReportJobResult(FiscalQuarter Quarter, ReportResult Report, long RowsRejected)
{
    public string Describe() =>
        $"{Quarter.JapaneseLabel}: {Report.HtmlPath}, {Report.FiguresPath}, {Report.WorkbookPath}, {Report.Charts.Count} charts\n" +
        $"内部資料 / internal (do not publish): {Report.InternalDir}";
}

/// <summary>The quarterly report job shared by `planlink report` and `planlink serve`: load the data (export
/// folders or PostgreSQL), analyse the quarter, publish through disclosure control and write the output folder.</summary>
public static class ReportJob
{
    public const string PhaseRead = "読込 / reading";
    public const string PhaseAnalyse = "集計 / analysing";
    public const string PhaseRender = "作成 / rendering";

    /// <summary>Reads export folders with one progress step per contract file.</summary>
    public static ReadResult ReadFolders(IReadOnlyList<string> folders, IProgressSink progress, ReadOptions? options = null)
    {
        var total = CountContractFiles(folders);
        var done = 0;
        progress.Report(PhaseRead, 0, total, string.Join(", ", folders.Select(Path.GetFileName)));
        var read = ContractReader.ReadFolders(folders, (options ?? ReadOptions.Default) with
        {
            OnFile = file => progress.Report(PhaseRead, Math.Min(done++, Math.Max(total - 1, 0)), total, file),
        });
        progress.Report(PhaseRead, total, total, $"{read.Tallies.Count} files");
        return read;
    }

    /// <summary>The contract files the reader will open under <paramref name="folders"/> (missing folders count none).</summary>
    private static int CountContractFiles(IEnumerable<string> folders)
    {
        var names = ContractSchema.All.Select(s => s.FileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.csv", SearchOption.AllDirectories))
            .Count(path => names.Contains(Path.GetFileName(path)));
    }

    /// <summary>The current batches from PostgreSQL (rows after the quarter's end, which no figure of that quarter
    /// uses, stay in the database), as the analyst role. Database failures propagate: the caller decides whether
    /// that is a refusal (the command) or a retry (the worker).</summary>
    public static ReadResult LoadFromStore(string connectionString, FiscalQuarter? quarter, IProgressSink progress)
    {
        progress.Report(PhaseRead, 0, 1, ConnectionStrings.Describe(connectionString));
        var data = PlanStore.Load(connectionString, quarter?.End);
        progress.Report(PhaseRead, 1, 1, $"{data.Plans.Count} plans");
        return new ReadResult(data, [], [], []);
    }

    /// <summary>Writes errors.csv, the report, figures.csv and charts into <paramref name="outDir"/>; refuses an input without plans.</summary>
    /// <param name="read">Gives the read (export folders or PostgreSQL). The job holds it only until the analysis is
    /// done: from then on the analysis has what the report needs, and what it does not (nationally the read's lists
    /// and 5 M monitoring records, ~0.4 GB and more of peak memory) is freed. So the caller passes the read in and keeps no reference.</param>
    public static ReportJobResult Write(Func<ReadResult> read, string outDir, FiscalQuarter? quarter, int k, IProgressSink progress,
        UnmetPhaseIn? phaseIn = null, IReadOnlyList<string>? planMapPersons = null)
    {
        CheckK(k);
        var (analysis, isSynthetic, rowsRejected) = Analyse(read, outDir, quarter, progress);
        var steps = QuarterlyReport.Steps;
        var step = 0;
        var result = QuarterlyReport.Write(analysis, new ReportOptions
        {
            OutDir = outDir, Disclosure = DisclosureRules.WithK(k),
            UnmetPhaseIn = phaseIn ?? UnmetPhaseIn.Default, PlanMapPersons = planMapPersons ?? [],
            OnStep = name => progress.Report(PhaseRender, step++, steps.Count, name),
        }, isSynthetic);
        progress.Report(PhaseRender, steps.Count, steps.Count, $"{result.Charts.Count} charts");
        return new ReportJobResult(analysis.Quarter, result, rowsRejected);
    }

    /// <summary>Reads, writes errors.csv and analyses. The read lives in this frame only, which has ended by the time the
    /// report is rendered (a local of <see cref="Write"/> would keep it alive to the end, unoptimised code included).</summary>
    private static (QuarterlyAnalysis Analysis, bool IsSynthetic, long RowsRejected) Analyse(Func<ReadResult> load, string outDir,
        FiscalQuarter? quarter, IProgressSink progress)
    {
        var read = load();
        if (read.Dataset.Plans.Count == 0)
            throw new RefusedException("計画データ（plans.csv）が1件もありません / no plans found in the input");
        if (quarter is { } q && !read.Dataset.Plans.Any(p => p.PlanDate <= q.End))
            throw new RefusedException($"{q} の末日（{q.End:yyyy-MM-dd}）までの計画がありません / no plan dated on or before the end of {q} ({q.End:yyyy-MM-dd})");
        Directory.CreateDirectory(outDir);
        ErrorsCsv.Write(Path.Combine(outDir, "errors.csv"), read.Errors);

        progress.Report(PhaseAnalyse, 0, 1, quarter?.ToString());
        var analysis = QuarterlyAnalysis.Compute(read.Dataset, quarter);
        progress.Report(PhaseAnalyse, 1, 1, analysis.Quarter.ToString());
        return (analysis, read.Dataset.IsSynthetic, read.RowsRejected);
    }

    /// <summary>Refuses a k below 3 (domain.md §6), before any data is read.</summary>
    public static void CheckK(int k)
    {
        if (k < 3) throw new RefusedException($"--k は3以上にしてください / --k must be at least 3 (got {k})");
    }

    /// <summary>Parses a --quarter value (2026Q2); a malformed one is refused.</summary>
    public static FiscalQuarter? ParseQuarter(string? text)
    {
        if (text is null) return null;
        try { return FiscalQuarter.Parse(text); }
        catch (FormatException e) { throw new RefusedException(e.Message); }
    }
}
