using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Targets;
using PlanLink.Reports.Html;
using PlanLink.Reports.Internal;
using PlanLink.Reports.Output;
using PlanLink.Reports.Workbook;

namespace PlanLink.Reports;

/// <summary>What a report run wrote.</summary>
public sealed record ReportResult(string HtmlPath, string FiguresPath, string WorkbookPath, string TargetsCsvPath, string InternalDir,
    IReadOnlyList<Charts.ChartFiles> Charts);

/// <summary>The main job's output: publish every table through disclosure control, then write
/// figures.csv, the charts, report.html, the plan-target workbook and the internal folder
/// (design.md, "Output folder").</summary>
public static class QuarterlyReport
{
    /// <summary>The steps of <see cref="Write"/>, in order, as <see cref="ReportOptions.OnStep"/> names them.</summary>
    public static IReadOnlyList<string> Steps { get; } = ["trends", "figures.csv", "report.html", "plan-targets.xlsx", "internal/"];

    public static ReportResult Write(QuarterlyAnalysis analysis, ReportOptions options, bool isSynthetic)
    {
        Directory.CreateDirectory(options.OutDir);
        void Step(int i) => options.OnStep?.Invoke(Steps[i]);
        var areas = analysis.Snapshot.Index.Areas;
        PublishedTable Publish(ResultTable table) => DisclosureControl.Publish(table, options.Disclosure, areas, categoriesAdd: false);

        var figuresPath = Path.Combine(options.OutDir, "figures.csv");
        Step(0);
        var tables = analysis.Tables.Select(Publish).ToList();
        using var trends = PublishedTrends.Publish(analysis, Publish, figuresPath + ".parts");
        var targetRows = PlanTargets.Compute(areas, trends.Usage, ServiceUsageSeries.Unmet(analysis.Snapshot), options.UnmetPhaseIn);
        var targetTable = Publish(PlanTargets.ToTable(targetRows, areas, analysis.Quarter));
        // The trends leave about as much garbage as there is data behind (nationally ~1 GB, much of it large arrays that only
        // a full collection frees), and the GC would carry it through the rendering below: collected and returned to the
        // system here, once, it no longer adds to the run's peak memory.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Step(1);
        // figures.csv is mostly the kernel copying the trends' part files (gigabytes nationally) and the current tables:
        // it is written beside the other outputs, which do not read it, and waited for before the parts go.
        var writingFigures = Task.Run(() =>
        {
            using var figures = FiguresCsv.Create(figuresPath);
            foreach (var table in tables) figures.Write(table);
            trends.WriteTo(figures);
            figures.Write(targetTable);
        });
        ReportResult result;
        try
        {
            result = Render();
        }
        catch
        {
            // Never leave figures.csv half-written behind a failure, nor delete the parts it is still reading.
            ((IAsyncResult)writingFigures).AsyncWaitHandle.WaitOne();
            throw;
        }
        writingFigures.GetAwaiter().GetResult();
        return result;

        ReportResult Render()
        {
            Step(2);
            var byId = tables.Concat(trends.Summaries.Values).Append(targetTable).ToDictionary(t => t.Id);
            var document = new ReportDocument(analysis, byId, options, isSynthetic);
            var htmlPath = Path.Combine(options.OutDir, "report.html");
            File.WriteAllText(htmlPath, document.Render());

            Step(3);
            var targets = new PlanTargetSheet(targetRows, targetTable, analysis.Quarter, options, isSynthetic);
            var workbookPath = Path.Combine(options.OutDir, "plan-targets.xlsx");
            PlanTargetWorkbook.Write(workbookPath, targets);
            var csvPath = Path.Combine(options.OutDir, "plan-targets.csv");
            PlanTargetCsv.Write(csvPath, targets);

            Step(4);
            var internalDir = InternalReport.Write(analysis, Path.Combine(options.OutDir, "internal"), options, isSynthetic);
            return new ReportResult(htmlPath, figuresPath, workbookPath, csvPath, internalDir, document.Charts);
        }
    }
}
