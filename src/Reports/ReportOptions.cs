using PlanLink.Analytics.Disclosure;

namespace PlanLink.Reports;

/// <summary>Settings of one report run.</summary>
public sealed record ReportOptions
{
    /// <summary>The output folder (report.html, charts/, figures.csv, internal/).</summary>
    public required string OutDir { get; init; }
    /// <summary>Disclosure rules; k defaults to 10.</summary>
    public DisclosureRules Disclosure { get; init; } = new();
    /// <summary>Where the data came from, for the source line of every chart and table.</summary>
    public string Source { get; init; } = "相談支援事業所の計画データ（匿名化済み）";
}
