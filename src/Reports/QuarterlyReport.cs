using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Targets;
using PlanLink.Reports.Html;
using PlanLink.Reports.Internal;
using PlanLink.Reports.Output;
using PlanLink.Reports.Workbook;

namespace PlanLink.Reports;

/// <summary>What a report run wrote.</summary>
public sealed record ReportResult(string HtmlPath, string FiguresPath, string WorkbookPath, string TargetsCsvPath, string InternalDir,
    IReadOnlyList<Charts.ChartFiles> Charts, IReadOnlyList<PublishedTable> Tables);

/// <summary>The main job's output: publish every table through disclosure control, then write
/// figures.csv, the charts, report.html, the plan-target workbook and the internal folder
/// (design.md, "Output folder").</summary>
public static class QuarterlyReport
{
    /// <summary>Summary trends carry their quarter-on-quarter and year-on-year changes as cells; for the
    /// breakdown trends they are the differences of published values (kept out to keep figures.csv usable).</summary>
    private static PublishedTable WithChangesIfSummary(PublishedTable trend) =>
        trend.Id.EndsWith("_summary", StringComparison.Ordinal) ? TrendChanges.WithChanges(trend) : trend;

    public static ReportResult Write(QuarterlyAnalysis analysis, ReportOptions options, bool isSynthetic)
    {
        Directory.CreateDirectory(options.OutDir);
        var areas = analysis.Snapshot.Index.Areas;
        var targetRows = PlanTargets.Compute(analysis.Snapshot.Index, analysis.History, options.UnmetPhaseIn);
        var published = analysis.Tables
            .Select(t => DisclosureControl.Publish(t, options.Disclosure, areas, categoriesAdd: false))
            .Concat(analysis.Trends.Select(t => WithChangesIfSummary(DisclosureControl.Publish(t, options.Disclosure, areas, categoriesAdd: false))))
            .Append(DisclosureControl.Publish(PlanTargets.ToTable(targetRows, areas, analysis.Quarter), options.Disclosure, areas, categoriesAdd: false))
            .ToList();
        var byId = published.ToDictionary(t => t.Id);
        var figuresPath = Path.Combine(options.OutDir, "figures.csv");
        FiguresCsv.Write(figuresPath, published);

        var document = new ReportDocument(analysis, byId, options, isSynthetic);
        var htmlPath = Path.Combine(options.OutDir, "report.html");
        File.WriteAllText(htmlPath, document.Render());

        var targets = new PlanTargetSheet(targetRows, byId[PlanTargets.TableId], analysis.Quarter, options, isSynthetic);
        var workbookPath = Path.Combine(options.OutDir, "plan-targets.xlsx");
        PlanTargetWorkbook.Write(workbookPath, targets);
        var csvPath = Path.Combine(options.OutDir, "plan-targets.csv");
        PlanTargetCsv.Write(csvPath, targets);

        var internalDir = InternalReport.Write(analysis, Path.Combine(options.OutDir, "internal"), options, isSynthetic);
        return new ReportResult(htmlPath, figuresPath, workbookPath, csvPath, internalDir, document.Charts, published);
    }
}
