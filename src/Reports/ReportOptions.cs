using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Targets;

namespace PlanLink.Reports;

/// <summary>Settings of one report run.</summary>
public sealed record ReportOptions
{
    /// <summary>The output folder (report.html, charts/, figures.csv, plan-targets.xlsx, internal/).</summary>
    public required string OutDir { get; init; }
    /// <summary>Disclosure rules; k defaults to 10.</summary>
    public DisclosureRules Disclosure { get; init; } = new();
    /// <summary>Where the data came from, for the source line of every chart and table.</summary>
    public string Source { get; init; } = "相談支援事業所の計画データ（匿名化済み）";
    /// <summary>How the latest unmet demand enters the 見込量 of FY2027–2029 (default all in FY2027).</summary>
    public UnmetPhaseIn UnmetPhaseIn { get; init; } = UnmetPhaseIn.Default;
    /// <summary>Plan maps are drawn for this many persons at the top of the case-review list.</summary>
    public int PlanMapLimit { get; init; } = 50;
    /// <summary>Persons whose plan map is drawn whatever their rank (--plan-map).</summary>
    public IReadOnlyList<string> PlanMapPersons { get; init; } = [];
    /// <summary>When the report was made: written to one metadata cell only, so outputs stay reproducible.</summary>
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.Now;
    /// <summary>Told the name of each output as its writing starts (<see cref="QuarterlyReport.Steps"/>), for progress.</summary>
    public Action<string>? OnStep { get; init; }
}
