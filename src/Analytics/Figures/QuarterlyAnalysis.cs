using PlanLink.Analytics.Classification;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Figures;

/// <summary>Every figure of one quarterly report: the tables as of the quarter's end and the trend
/// tables repeated at each quarter end since the data begins. Pure: no I/O.</summary>
public sealed record QuarterlyAnalysis(
    FiscalQuarter Quarter,
    IReadOnlyList<FiscalQuarter> History,
    PlanSnapshot Snapshot,
    IReadOnlyList<ResultTable> Tables,
    IReadOnlyList<ResultTable> Trends,
    DomainInference Domains)
{
    /// <summary>The quarter a report covers by default: the latest complete fiscal quarter in the data.</summary>
    public static FiscalQuarter DefaultQuarter(DatasetIndex index) => FiscalQuarter.LatestCompleteOn(index.LastDate);

    public static QuarterlyAnalysis Compute(PlanDataset data, FiscalQuarter? quarter = null, bool inferDomains = true)
    {
        var index = new DatasetIndex(data);
        var q = quarter ?? DefaultQuarter(index);
        var domains = inferDomains ? DomainInference.Infer(data, q.End) : DomainInference.None;
        var first = data.Plans.Count > 0 ? FiscalQuarter.Of(index.FirstDate) : q;
        var history = FiscalQuarter.Range(first.CompareTo(q) <= 0 ? first : q, q).ToList();
        var snapshot = PlanSnapshot.At(index, q.End);
        var tables = UnmetFigures.Compute(snapshot, q, domains)
            .Concat(Gaps.ResourceGapFigures.Compute(snapshot, q))
            .Concat(LinkageFigures.Compute(snapshot, q))
            .Concat(Monitoring.MonitoringFigures.Compute(snapshot, q))
            .Append(Meso.ConsultationOfficeFigures.Compute(snapshot, q))
            .ToList();
        // Each quarter is independent: compute them on every core, then keep quarter order.
        var perQuarter = history.AsParallel().AsOrdered().Select(h =>
        {
            var s = h == q ? snapshot : PlanSnapshot.At(index, h.End);
            return (Unmet: UnmetFigures.Summary(s, Unmet.NeedAssessment.Assess(s), h).Cells,
                Linkage: LinkageFigures.Summary(s, Linkage.LinkageAssessment.Assess(s), h).Cells,
                Monitoring: Monitoring.MonitoringFigures.Summary(s, Monitoring.MonitoringStatus.Assess(s), h).Cells);
        }).ToList();
        var trends = new List<ResultTable>
        {
            new("trend_unmet_summary", "未充足ニーズの推移", perQuarter.SelectMany(p => p.Unmet).ToList()),
            new("trend_plan_linkage", "連動率の推移", perQuarter.SelectMany(p => p.Linkage).ToList()),
            new("trend_monitoring_summary", "モニタリングの実施状況の推移", perQuarter.SelectMany(p => p.Monitoring).ToList()),
        };
        return new QuarterlyAnalysis(q, history, snapshot, tables, trends, domains);
    }
}
