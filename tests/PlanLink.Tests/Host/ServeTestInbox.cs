using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanLink.Host.Progress;
using PlanLink.Host.Serve;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Host;

/// <summary>The folders of one serve test under a temp folder, and the exports it drops into the inbox.</summary>
internal sealed class ServeTestInbox : IDisposable
{
    private readonly TempFolder _temp = new();

    public ServeOptions Options { get; }

    public ServeTestInbox(string? db = null)
    {
        Options = new ServeOptions
        {
            Inbox = _temp.Sub("inbox"), Processed = Path.Combine(_temp.Path, "processed"), Rejected = Path.Combine(_temp.Path, "rejected"),
            Output = Path.Combine(_temp.Path, "reports"), Store = Path.Combine(_temp.Path, "store"), Db = db,
            PollSeconds = 0.2, QuietSeconds = 0, ReportAfterDays = 14, K = 3, MaxRetrySeconds = 1,
        };
    }

    public string Inbox => Options.Inbox;

    /// <summary>The settings of <see cref="Options"/> as configuration keys (what the serve command passes to the host).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["PlanLink:Serve:Inbox"] = Options.Inbox, ["PlanLink:Serve:Processed"] = Options.Processed,
        ["PlanLink:Serve:Rejected"] = Options.Rejected, ["PlanLink:Serve:Output"] = Options.Output,
        ["PlanLink:Serve:Store"] = Options.Store, ["PlanLink:Serve:Db"] = Options.Db ?? "",
        ["PlanLink:Serve:PollSeconds"] = "0.2", ["PlanLink:Serve:QuietSeconds"] = "0", ["PlanLink:Serve:K"] = "3",
        ["PlanLink:Serve:MaxRetrySeconds"] = "1",
    };

    /// <summary>Writes an export to a staging folder, then moves it into the inbox with a READY marker (as an office's
    /// upload script would), so the worker never sees it half-written.</summary>
    public string Drop(string name, Ingest.Model.PlanDataset data)
    {
        var staging = StoreTestData.Write(_temp.Sub("staging"), name, data);
        File.WriteAllText(Path.Combine(staging, InboxProcessor.ReadyMarker), "");
        var target = Path.Combine(Inbox, name);
        Directory.Move(staging, target);
        return target;
    }

    /// <summary>The usual mistake: one CSV file put straight into the inbox instead of a folder.</summary>
    public string DropLooseFile(string name = "plans.csv")
    {
        var path = Path.Combine(Inbox, name);
        File.WriteAllText(path, "plan_id,person_key\nP1,K1\n");
        return path;
    }

    public void Trigger(string name = "REPORT-2026Q1") => File.WriteAllText(Path.Combine(Inbox, name), "");

    public IReadOnlyList<string> Names(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList() : [];

    public InboxProcessor Processor(IExportStore store, TimeProvider clock) =>
        new(Microsoft.Extensions.Options.Options.Create(Options), store, NullProgressSink.Instance, clock, NullLogger<InboxProcessor>.Instance);

    public void Dispose() => _temp.Dispose();
}
