using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Reports.Html;
using PlanLink.Reports.Output;

namespace PlanLink.Reports;

/// <summary>What a report run wrote.</summary>
public sealed record ReportResult(string HtmlPath, string FiguresPath, IReadOnlyList<Charts.ChartFiles> Charts, IReadOnlyList<PublishedTable> Tables);

/// <summary>The main job's output: publish every table through disclosure control, then write
/// figures.csv, the charts and report.html into the output folder (design.md, "Output folder").</summary>
public static class QuarterlyReport
{
    public static ReportResult Write(QuarterlyAnalysis analysis, ReportOptions options, bool isSynthetic)
    {
        Directory.CreateDirectory(options.OutDir);
        var areas = analysis.Snapshot.Index.Areas;
        var published = analysis.Tables
            .Select(t => DisclosureControl.Publish(t, options.Disclosure, areas, categoriesAdd: false))
            .Concat(analysis.Trends.Select(t => TrendChanges.WithChanges(DisclosureControl.Publish(t, options.Disclosure, areas, categoriesAdd: false))))
            .ToList();
        var figuresPath = Path.Combine(options.OutDir, "figures.csv");
        FiguresCsv.Write(figuresPath, published);

        var document = new ReportDocument(analysis, published.ToDictionary(t => t.Id), options, isSynthetic);
        var htmlPath = Path.Combine(options.OutDir, "report.html");
        File.WriteAllText(htmlPath, document.Render());
        return new ReportResult(htmlPath, figuresPath, document.Charts, published);
    }
}
