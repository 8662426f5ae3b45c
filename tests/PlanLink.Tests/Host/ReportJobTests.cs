using PlanLink.Host.Commands;
using PlanLink.Host.Progress;
using PlanLink.Ingest.Csv;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Host;

public sealed class ReportJobTests
{
    [Fact]
    public void Write_ReleasesTheReadOnceAnalysed_AndTheReportStillShowsMonitoring()
    {
        using var temp = new TempFolder();
        WeakReference? dataset = null, monitoring = null;
        var aliveWhileRendering = new List<bool>();
        var progress = new Sink((phase, done) =>
        {
            // The first step of the rendering: the analysis is done, the report not yet written.
            if (phase != ReportJob.PhaseRender || done != 0) return;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            aliveWhileRendering.AddRange([dataset!.IsAlive, monitoring!.IsAlive]);
        });

        var result = ReportJob.Write(() =>
        {
            var read = ContractReader.ReadFolders([RepoRoot.Combine("data-samples", "region")]);
            Assert.NotEmpty(read.Dataset.Monitoring);
            (dataset, monitoring) = (new WeakReference(read.Dataset), new WeakReference(read.Dataset.Monitoring));
            return read;
        }, temp.Path, null, 10, progress);

        Assert.Equal([false, false], aliveWhileRendering);
        // What the report reads of the monitoring rows is in the index: the achievement counts are still there.
        var achieved = File.ReadLines(result.Report.FiguresPath)
            .Where(line => line.StartsWith("monitoring_achievement_by_service,", StringComparison.Ordinal) && line.EndsWith(",false", StringComparison.Ordinal))
            .Select(line => decimal.Parse(line.Split(',')[^2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(achieved, value => value > 0);
    }

    private sealed class Sink(Action<string, int> report) : IProgressSink
    {
        public void Report(string phase, int done, int total, string? item = null) => report(phase, done);
    }
}
