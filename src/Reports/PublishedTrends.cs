using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Targets;
using PlanLink.Reports.Output;

namespace PlanLink.Reports;

/// <summary>The trend tables of a report, published one quarter at a time: each quarter's snapshot gives its
/// trend tables and service use, each table is published at once and its rows go to a part file, so no more
/// than two quarters' cells are ever held. Only the summary trends stay in memory: the report shows them,
/// with their quarter-on-quarter and year-on-year changes.</summary>
internal sealed class PublishedTrends : IDisposable
{
    /// <summary>Quarters in flight: each holds a snapshot and its tables; two keep both cores of the
    /// target machine busy with memory bounded.</summary>
    private const int QuartersAtOnce = 2;

    private readonly string _partsDir;
    private readonly int _quarters;
    private readonly IReadOnlyList<string> _ids;

    private PublishedTrends(string partsDir, int quarters, IReadOnlyList<string> ids, IReadOnlyDictionary<string, PublishedTable> summaries,
        ServiceUsageSeries usage)
    {
        _partsDir = partsDir;
        _quarters = quarters;
        _ids = ids;
        Summaries = summaries;
        Usage = usage;
    }

    /// <summary>The summary trends, whole and with their changes, by id.</summary>
    public IReadOnlyDictionary<string, PublishedTable> Summaries { get; }

    /// <summary>The service use at every quarter end, for the 見込量.</summary>
    public ServiceUsageSeries Usage { get; }

    /// <summary>Summary trends carry their quarter-on-quarter and year-on-year changes as cells; for the
    /// breakdown trends they are the differences of published values (kept out to keep figures.csv usable).</summary>
    private static bool IsSummary(string trendId) => trendId.EndsWith("_summary", StringComparison.Ordinal);

    /// <summary>What outlives a quarter's publication: its table ids, its summary trends and its service use.</summary>
    private sealed record PublishedQuarter(IReadOnlyList<string> Ids, IReadOnlyList<PublishedTable> Summaries,
        IReadOnlyDictionary<AreaService, PersonsAndVolume> InUse);

    /// <summary>Publishes every trend table at every quarter end of the analysis; part files go to <paramref name="partsDir"/>.</summary>
    public static PublishedTrends Publish(QuarterlyAnalysis analysis, Func<ResultTable, PublishedTable> publish, string partsDir)
    {
        Directory.CreateDirectory(partsDir);
        try
        {
            var history = analysis.History;
            var quarters = new PublishedQuarter[history.Count];
            Parallel.For(0, history.Count, new ParallelOptions { MaxDegreeOfParallelism = QuartersAtOnce },
                qi => quarters[qi] = PublishQuarter(analysis.Trend(history[qi]), qi, publish, partsDir));

            var usage = new ServiceUsageSeries(history);
            for (var qi = 0; qi < history.Count; qi++) usage.Add(history[qi], quarters[qi].InUse);
            var summaries = new Dictionary<string, PublishedTable>();
            for (var s = 0; s < quarters[0].Summaries.Count; s++)
            {
                var parts = quarters.Select(q => q.Summaries[s]).ToList();
                summaries[parts[0].Id] = TrendChanges.WithChanges(PublishedTable.Join(parts[0].Id, parts[0].Title, parts));
            }
            return new PublishedTrends(partsDir, history.Count, quarters[0].Ids, summaries, usage);
        }
        catch
        {
            Directory.Delete(partsDir, recursive: true);
            throw;
        }
    }

    private static PublishedQuarter PublishQuarter(TrendQuarter trend, int qi, Func<ResultTable, PublishedTable> publish, string partsDir)
    {
        var summaries = new List<PublishedTable>();
        for (var t = 0; t < trend.Tables.Count; t++)
        {
            var published = publish(trend.Tables[t]);
            if (IsSummary(published.Id)) summaries.Add(published);
            else FiguresCsv.WritePart(PartPath(partsDir, t, qi), published);
        }
        return new PublishedQuarter(trend.Tables.Select(table => table.Id).ToList(), summaries, trend.InUse);
    }

    /// <summary>Writes every trend table in figures.csv order: each one's quarters in order.</summary>
    public void WriteTo(FiguresCsv figures)
    {
        for (var t = 0; t < _ids.Count; t++)
        {
            if (Summaries.TryGetValue(_ids[t], out var summary))
            {
                figures.Write(summary);
                continue;
            }
            for (var qi = 0; qi < _quarters; qi++) figures.Append(PartPath(_partsDir, t, qi));
        }
    }

    private static string PartPath(string partsDir, int table, int quarter) => Path.Combine(partsDir, $"{table:000}-{quarter:000}.csv");

    public void Dispose() => Directory.Delete(_partsDir, recursive: true);
}
