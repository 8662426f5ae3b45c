using PlanLink.Analytics.Classification;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Targets;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Figures;

/// <summary>The trend tables at one quarter end (the macro tables as of that date, named trend_…) and the
/// service use the 見込量 series take from the same snapshot.</summary>
public sealed record TrendQuarter(FiscalQuarter Quarter, IReadOnlyList<ResultTable> Tables, IReadOnlyDictionary<AreaService, PersonsAndVolume> InUse);

/// <summary>Every figure of one quarterly report: the tables as of the quarter's end and, through
/// <see cref="Trend"/>, the macro tables again at each quarter end of <see cref="History"/>. Trends run to
/// tens of millions of cells on national data, so they are computed one quarter at a time, when the report
/// publishes them, rather than held. Pure: no I/O.</summary>
public sealed record QuarterlyAnalysis(
    FiscalQuarter Quarter,
    IReadOnlyList<FiscalQuarter> History,
    PlanSnapshot Snapshot,
    IReadOnlyList<ResultTable> Tables,
    DomainInference Domains)
{
    /// <summary>The macro tables as of <see cref="Quarter"/>'s end: the first of <see cref="Tables"/>, and the trends' last quarter.</summary>
    private IReadOnlyList<ResultTable> Macro { get; init; } = [];

    /// <summary>The quarter a report covers by default: the latest complete fiscal quarter in the data.</summary>
    public static FiscalQuarter DefaultQuarter(DatasetIndex index) => DefaultQuarter(index.LastDate);

    private static FiscalQuarter DefaultQuarter(DateOnly lastDate) => FiscalQuarter.LatestCompleteOn(lastDate);

    /// <summary>The id of the trend table of a table: trend_ + its id.</summary>
    public static string TrendId(string tableId) => "trend_" + tableId;

    /// <summary>The tables of the macro levels (municipality, 圏域, prefecture) as of one date.</summary>
    private static IReadOnlyList<ResultTable> MacroTables(PlanSnapshot snapshot, FiscalQuarter q, DomainInference domains)
    {
        var links = Linkage.SnapshotLinkage.Of(snapshot);
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
        var dateRange = DatasetIndex.DateRange(data);
        var q = quarter ?? DefaultQuarter(dateRange.Last);
        // The index and the classifier read the same rows and nothing of each other: built side by side.
        DatasetIndex index = null!;
        var domains = DomainInference.None;
        Parallel.Invoke(() => index = new DatasetIndex(data, dateRange), () => { if (inferDomains) domains = DomainInference.Infer(data, q.End); });
        var first = data.Plans.Count > 0 ? FiscalQuarter.Of(index.FirstDate) : q;
        var history = FiscalQuarter.Range(first.CompareTo(q) <= 0 ? first : q, q).ToList();
        var snapshot = PlanSnapshot.At(index, q.End);
        var macro = MacroTables(snapshot, q, domains);
        var tables = macro
            .Append(LinkageFigures.ByProvider(snapshot, Linkage.SnapshotLinkage.Of(snapshot), q))
            .Append(Meso.ConsultationOfficeFigures.Compute(snapshot, q))
            .ToList();
        return new QuarterlyAnalysis(q, history, snapshot, tables, domains) { Macro = macro };
    }

    /// <summary>The trend tables and service use at the end of one quarter of <see cref="History"/>, from one
    /// snapshot (the report's own quarter reuses its tables). Quarters are independent of each other.</summary>
    public TrendQuarter Trend(FiscalQuarter quarter)
    {
        var snapshot = quarter == Quarter ? Snapshot : PlanSnapshot.At(Snapshot.Index, quarter.End);
        var macro = quarter == Quarter ? Macro : MacroTables(snapshot, quarter, Domains);
        var trends = macro.Select(t => new ResultTable(TrendId(t.Id), $"{t.Title}の推移", t.Cells)).ToList();
        return new TrendQuarter(quarter, trends, ServiceUsageSeries.InUse(snapshot));
    }
}
