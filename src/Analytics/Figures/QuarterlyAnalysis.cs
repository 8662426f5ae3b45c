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

    /// <summary>The id of the trend table of a table: trend_ + its id.</summary>
    public static string TrendId(string tableId) => "trend_" + tableId;

    /// <summary>The tables of the macro levels (municipality, 圏域, prefecture) as of one date.</summary>
    private static IReadOnlyList<ResultTable> MacroTables(PlanSnapshot snapshot, FiscalQuarter q, DomainInference domains)
    {
        var links = Linkage.LinkageAssessment.Assess(snapshot);
        return
        [
            .. UnmetFigures.Compute(snapshot, q, domains),
            .. Gaps.ResourceGapFigures.Compute(snapshot, q),
            LinkageFigures.Summary(snapshot, links, q),
            LinkageFigures.ByService(snapshot, links, q),
            .. Monitoring.MonitoringFigures.Compute(snapshot, q),
        ];
    }

    public static QuarterlyAnalysis Compute(PlanDataset data, FiscalQuarter? quarter = null, bool inferDomains = true)
    {
        var index = new DatasetIndex(data);
        var q = quarter ?? DefaultQuarter(index);
        var domains = inferDomains ? DomainInference.Infer(data, q.End) : DomainInference.None;
        var first = data.Plans.Count > 0 ? FiscalQuarter.Of(index.FirstDate) : q;
        var history = FiscalQuarter.Range(first.CompareTo(q) <= 0 ? first : q, q).ToList();
        var snapshot = PlanSnapshot.At(index, q.End);
        var macro = MacroTables(snapshot, q, domains);
        var tables = macro
            .Append(LinkageFigures.ByProvider(snapshot, Linkage.LinkageAssessment.Assess(snapshot), q))
            .Append(Meso.ConsultationOfficeFigures.Compute(snapshot, q))
            .ToList();
        // Every macro measure at every quarter end. Quarters are independent: computed on every core,
        // then kept in quarter order.
        var perQuarter = history.AsParallel().AsOrdered()
            .Select(h => h == q ? macro : MacroTables(PlanSnapshot.At(index, h.End), h, domains))
            .ToList();
        var trends = macro.Select((table, i) => new ResultTable(TrendId(table.Id), $"{table.Title}の推移",
            perQuarter.SelectMany(p => p[i].Cells).ToList())).ToList();
        return new QuarterlyAnalysis(q, history, snapshot, tables, trends, domains);
    }
}
