using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanLink.Analytics.Periods;
using PlanLink.Host.Commands;
using PlanLink.Host.Progress;
using PlanLink.Ingest;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Store;
using PlanLink.Reports.Output;

namespace PlanLink.Host.Serve;

/// <summary>What one look at the inbox did.</summary>
public sealed record InboxPass(IReadOnlyList<string> Imported, IReadOnlyList<string> Rejected, IReadOnlyList<string> Reports, int Waiting);

/// <summary>One iteration of `planlink serve` (docs/serve.md): import every complete export in the inbox, then
/// write the reports asked for by trigger files and the report of the latest closed quarter.</summary>
/// <remarks>Never loses nor doubles an export: it is moved out of the inbox only after the store committed it,
/// and the store ignores files it already holds, so a crash or stop anywhere in between only repeats a no-op.
/// Database failures propagate (the worker retries with back-off); bad input is moved to rejected/ with errors.csv.</remarks>
public sealed partial class InboxProcessor(IOptions<ServeOptions> options, IExportStore store, IProgressSink progress,
    TimeProvider time, ILogger<InboxProcessor> logger)
{
    public const string ReadyMarker = "READY";
    public const string PhaseImport = "取込 / importing";
    private readonly ServeOptions _o = options.Value;
    // Quarters whose scheduled report was refused (no data yet): not retried until something new is imported.
    private readonly HashSet<FiscalQuarter> _refusedQuarters = [];

    public string Inbox => Path.GetFullPath(_o.Inbox);
    public string Processed => Path.GetFullPath(_o.Processed);
    public string Rejected => Path.GetFullPath(_o.Rejected);
    public string Output => Path.GetFullPath(_o.Output);

    /// <summary>Creates the folders and removes what a crash may have left half-written (never a committed result).</summary>
    public void Prepare()
    {
        foreach (var dir in new[] { Inbox, Processed, Rejected, Output }) Directory.CreateDirectory(dir);
        foreach (var tmp in Directory.EnumerateDirectories(Output, ".tmp-*")) Directory.Delete(tmp, recursive: true);
        if (store is FolderExportStore folders) folders.CleanUp();
    }

    public async Task<InboxPass> RunOnceAsync(CancellationToken ct)
    {
        Prepare();
        var imported = new List<string>();
        var rejected = new List<string>();
        var reports = new List<string>();
        var waiting = 0;
        var triggers = new List<(string Path, FiscalQuarter? Quarter)>();
        var entries = Directory.EnumerateFileSystemEntries(Inbox).Order(StringComparer.Ordinal).ToList();
        var exports = new List<string>();
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.')) continue; // hidden: an upload in progress, editor files
            if (File.Exists(entry) && TryParseTrigger(name, out var quarter)) triggers.Add((entry, quarter));
            else if (!IsComplete(entry)) waiting++;
            else if (File.Exists(entry))
            {
                Reject(entry, "inbox", "ファイルではなく、事業所ごとのフォルダを置いてください / put each office export in the inbox as a folder, not a loose file");
                rejected.Add(name);
            }
            else exports.Add(entry);
        }

        for (var i = 0; i < exports.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(exports[i]);
            progress.Report(PhaseImport, i, exports.Count, name);
            switch (await ProcessExportAsync(exports[i], ct))
            {
                case ExportOutcome.Stored: imported.Add(name); break;
                case ExportOutcome.Rejected: rejected.Add(name); break;
                default: waiting++; break;
            }
        }
        if (exports.Count > 0) progress.Report(PhaseImport, exports.Count, exports.Count);
        if (imported.Count > 0) _refusedQuarters.Clear();

        foreach (var (path, quarter) in triggers)
        {
            ct.ThrowIfCancellationRequested();
            if (WriteReport(quarter, onDemand: true, out var folder, out var refusal)) reports.Add(folder);
            else Reject(path, Path.GetFileName(path), refusal!);
            if (File.Exists(path)) File.Delete(path); // only after the report folder is in place
        }

        var due = DueQuarter();
        if (!ReportExists(due) && !_refusedQuarters.Contains(due))
        {
            ct.ThrowIfCancellationRequested();
            if (WriteReport(due, onDemand: false, out var folder, out var refusal)) reports.Add(folder);
            else
            {
                _refusedQuarters.Add(due);
                logger.LogWarning("{Quarter} の報告を作成できません / cannot write the report of {Quarter}: {Reason}", due, due, refusal);
            }
        }
        return new InboxPass(imported, rejected, reports, waiting);
    }

    /// <summary>The latest fiscal quarter that ended at least <see cref="ServeOptions.ReportAfterDays"/> days ago (local date).</summary>
    public FiscalQuarter DueQuarter()
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return FiscalQuarter.Of(today.AddDays(-_o.ReportAfterDays)).Previous;
    }

    /// <summary>True when the scheduled report of <paramref name="quarter"/> was written (a folder <c>yyyy-MM-dd_2026Q1</c>).</summary>
    public bool ReportExists(FiscalQuarter quarter) =>
        Directory.Exists(Output) && Directory.EnumerateDirectories(Output, "*_" + quarter)
            .Any(d => ScheduledFolder().IsMatch(Path.GetFileName(d)));

    private enum ExportOutcome { Stored, Rejected, NotReadable }

    /// <summary>Reads, stores and moves one export. Store failures propagate and leave it in the inbox; a file that
    /// cannot be opened yet (still locked by the copy on Windows) leaves it for the next pass.</summary>
    private async Task<ExportOutcome> ProcessExportAsync(string folder, CancellationToken ct)
    {
        var name = Path.GetFileName(folder);
        BatchSource batch;
        try
        {
            batch = BatchSource.Open(folder);
        }
        catch (InputRefusedException e)
        {
            Reject(folder, name, e.Message);
            return ExportOutcome.Rejected;
        }
        catch (IOException e)
        {
            logger.LogInformation("{Export}: まだ読めません。次回に再試行します / cannot read it yet, next pass: {Reason}", name, e.Message);
            return ExportOutcome.NotReadable;
        }
        if (!batch.HasContractFiles)
        {
            Reject(folder, name, "契約ファイル（plans.csv など）がありません / no contract files (plans.csv …) in the folder");
            return ExportOutcome.Rejected;
        }
        var d = batch.Dataset;
        var accepted = d.Plans.Count + d.Needs.Count + d.Services.Count + d.SupportPlans.Count + d.SupportGoals.Count
            + d.Monitoring.Count + d.Offices.Count + d.Municipalities.Count;
        if (accepted == 0)
        {
            Reject(folder, name, "受け付けた行が1行もありません（errors.csv を参照） / not a single row was accepted (see errors.csv)", batch.Read.Errors);
            return ExportOutcome.Rejected;
        }
        var errorsCsv = Path.Combine(folder, "errors.csv");
        if (batch.Read.Errors.Count > 0) ErrorsCsv.Write(errorsCsv, batch.Read.Errors);
        else if (File.Exists(errorsCsv)) File.Delete(errorsCsv);

        var line = await store.AddAsync(batch, ct); // committed when it returns
        var to = Move(folder, Processed);
        logger.LogInformation("{Export}: {Outcome} → {To}{Rejected}", name, line, to,
            batch.Read.Errors.Count > 0 ? $" (却下 rejected {batch.Read.Errors.Count} 行 rows: errors.csv)" : "");
        return ExportOutcome.Stored;
    }

    /// <summary>Writes a report into <c>Output/.tmp-…</c>, then renames it to its dated folder (the commit point).</summary>
    private bool WriteReport(FiscalQuarter? quarter, bool onDemand, out string folder, out string? refusal)
    {
        folder = "";
        refusal = null;
        var temporary = Path.Combine(Output, ".tmp-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var result = ReportJob.Write(() => store.Load(quarter), temporary, quarter, _o.K, progress);
            var date = DateOnly.FromDateTime(time.GetLocalNow().DateTime).ToString("yyyy-MM-dd");
            var final = Path.Combine(Output, $"{date}_{result.Quarter}" + (onDemand ? "_on-demand" : ""));
            folder = FolderExportStore.Unique(final);
            Directory.Move(temporary, folder);
            logger.LogInformation("報告を作成しました / wrote the report of {Quarter}: {Folder}", result.Quarter, folder);
            return true;
        }
        catch (RefusedException e)
        {
            refusal = e.Message;
            return false;
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>An export is complete when it holds a READY file, or none of its files (nor the folder) changed for QuietSeconds.</summary>
    private bool IsComplete(string entry)
    {
        if (Directory.Exists(entry) && File.Exists(Path.Combine(entry, ReadyMarker))) return true;
        if (_o.QuietSeconds <= 0) return true;
        var newest = File.Exists(entry) ? File.GetLastWriteTimeUtc(entry)
            : Directory.EnumerateFileSystemEntries(entry, "*", SearchOption.AllDirectories)
                .Select(File.GetLastWriteTimeUtc).Append(Directory.GetLastWriteTimeUtc(entry)).Max();
        return time.GetUtcNow().UtcDateTime - newest >= TimeSpan.FromSeconds(_o.QuietSeconds);
    }

    /// <summary>Moves an export (folder) or a stray file to rejected/, with errors.csv saying what to fix.</summary>
    private void Reject(string entry, string file, string reason, IReadOnlyList<RowError>? rows = null)
    {
        var name = Path.GetFileName(entry);
        IReadOnlyList<RowError> errors = [new RowError(file, 0, "", "", reason), .. rows ?? []];
        if (Directory.Exists(entry))
        {
            ErrorsCsv.Write(Path.Combine(entry, "errors.csv"), errors);
            var to = Move(entry, Rejected);
            logger.LogWarning("{Export}: 却下 / rejected → {To}: {Reason}", name, to, reason);
            return;
        }
        var folder = FolderExportStore.Unique(Path.Combine(Rejected, name));
        Directory.CreateDirectory(folder);
        ErrorsCsv.Write(Path.Combine(folder, "errors.csv"), errors);
        File.Move(entry, Path.Combine(folder, name));
        logger.LogWarning("{File}: 却下 / rejected → {To}: {Reason}", name, folder, reason);
    }

    private static string Move(string folder, string toRoot)
    {
        var target = FolderExportStore.Unique(Path.Combine(toRoot, Path.GetFileName(folder)));
        Directory.Move(folder, target);
        return target;
    }

    /// <summary><c>REPORT</c> (latest complete quarter in the data) or <c>REPORT-2026Q2</c>, any case, optional .txt.</summary>
    public static bool TryParseTrigger(string name, out FiscalQuarter? quarter)
    {
        quarter = null;
        var m = TriggerName().Match(name);
        if (!m.Success) return false;
        if (m.Groups[1].Success) quarter = new FiscalQuarter(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
        return true;
    }

    [GeneratedRegex(@"^REPORT(?:-(\d{4})Q([1-4]))?(?:\.txt)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}_\d{4}Q[1-4]$")]
    private static partial Regex ScheduledFolder();
}
