namespace PlanLink.Host.Serve;

/// <summary>Options of `planlink serve`, bound from the configuration section <c>PlanLink:Serve</c>. Relative folders
/// are taken from the current folder (systemd: WorkingDirectory=); keep inbox, processed and rejected on one volume
/// so that moving an export is a rename.</summary>
public sealed class ServeOptions
{
    public const string Section = "PlanLink:Serve";

    /// <summary>Watched folder: one sub-folder per office export, plus trigger files <c>REPORT</c> / <c>REPORT-2026Q2</c>.</summary>
    public string Inbox { get; set; } = "inbox";

    /// <summary>Where an imported export is moved (with its errors.csv when some rows were rejected).</summary>
    public string Processed { get; set; } = "processed";

    /// <summary>Where a refused export or stray file is moved, with errors.csv naming what to fix.</summary>
    public string Rejected { get; set; } = "rejected";

    /// <summary>Where each report is written, one dated folder per run: <c>2026-07-15_2026Q1</c>.</summary>
    public string Output { get; set; } = "reports";

    /// <summary>The embedded store used when no database is configured: accepted exports kept under <c>store/current</c>.</summary>
    public string Store { get; set; } = "store";

    /// <summary>PostgreSQL connection string; empty = PLANLINK_DB, ConnectionStrings:PlanLink, else the embedded store.</summary>
    public string? Db { get; set; }

    /// <summary>Seconds between two looks at the inbox.</summary>
    public double PollSeconds { get; set; } = 10;

    /// <summary>An export without a <c>READY</c> file counts as complete once none of its files changed for this many seconds.</summary>
    public double QuietSeconds { get; set; } = 120;

    /// <summary>Days after a fiscal quarter ends before its report is written, so that late exports are in.</summary>
    public int ReportAfterDays { get; set; } = 14;

    /// <summary>Smallest published person count of the reports (≥ 3).</summary>
    public int K { get; set; } = 10;

    /// <summary>The longest wait between retries while the database is unavailable (back-off doubles from PollSeconds).</summary>
    public double MaxRetrySeconds { get; set; } = 300;
}
