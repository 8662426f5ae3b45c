using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;

namespace PlanLink.Bench;

/// <summary>One number of a core aggregate, keyed the same way on both sides: aggregate, area (municipality
/// code or office number), category (service code, <c>no_service</c> or <c>total</c>), measure.
/// Only non-zero numbers are kept (PlanLink publishes zeros for every area, SQL returns only the rows it finds).</summary>
public readonly record struct AggregateValue(string Aggregate, string Area, string Category, string Measure, decimal Value)
{
    public (string, string, string, string) Key => (Aggregate, Area, Category, Measure);
}

public static class Aggregates
{
    public const string UnmetByService = "unmet_by_service";
    public const string GapByService = "resource_gap_by_service";
    public const string LinkageByProvider = "linkage_by_provider";
    public static readonly string[] All = [UnmetByService, GapByService, LinkageByProvider];

    public static readonly string[] UnmetMeasures = [Measures.PersonsUnmet, Measures.NeedsUnmet];
    public static readonly string[] GapMeasures =
    [
        Analytics.Gaps.ResourceGapFigures.DemandPersons, Analytics.Gaps.ResourceGapFigures.DemandVolume,
        Analytics.Gaps.ResourceGapFigures.InUsePersons, Analytics.Gaps.ResourceGapFigures.InUseVolume,
        Analytics.Gaps.ResourceGapFigures.Capacity,
    ];
    public static readonly string[] LinkageMeasures = [Measures.Needs, Measures.NeedsLinked];

    private static readonly Dictionary<string, string> CodeByJapanese =
        ServiceCatalog.All.ToDictionary(s => s.JapaneseName, s => s.Code, StringComparer.Ordinal);

    /// <summary>The category as SQL spells it: a service code, <c>no_service</c> or <c>total</c>.</summary>
    public static string CategoryCode(string category) => category switch
    {
        Cell.Total => "total",
        Breakdowns.NoService => "no_service",
        _ => CodeByJapanese.GetValueOrDefault(category, category),
    };

    /// <summary>The municipality-level (or office-level) non-zero cells of a PlanLink table, as facts.</summary>
    public static IEnumerable<AggregateValue> FromTable(string aggregate, ResultTable table, AreaLevel level, IReadOnlyCollection<string> measures) =>
        table.Cells.Where(c => c.Level == level && measures.Contains(c.Measure) && c.Value != 0 && c.RateOf is null)
            .Select(c => new AggregateValue(aggregate, c.AreaCode, CategoryCode(c.Category), c.Measure, c.Value));

    /// <summary>Compares two sets of facts; returns one line per difference (at most <paramref name="max"/> per aggregate) and the counts.</summary>
    public static Comparison Compare(IReadOnlyList<AggregateValue> planLink, IReadOnlyList<AggregateValue> sql, int max = 10)
    {
        var a = planLink.ToDictionary(f => f.Key, f => f.Value);
        var b = sql.ToDictionary(f => f.Key, f => f.Value);
        var perAggregate = new List<AggregateComparison>();
        foreach (var aggregate in All)
        {
            var keys = a.Keys.Concat(b.Keys).Where(k => k.Item1 == aggregate).Distinct()
                .OrderBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3, StringComparer.Ordinal).ThenBy(k => k.Item4, StringComparer.Ordinal)
                .ToList();
            var diffs = new List<string>();
            var count = 0;
            foreach (var k in keys)
            {
                var inA = a.TryGetValue(k, out var va);
                var inB = b.TryGetValue(k, out var vb);
                if (inA && inB && va == vb) continue;
                count++;
                if (diffs.Count < max)
                    diffs.Add($"{k.Item2} {k.Item3} {k.Item4}: PlanLink {(inA ? va.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0/absent")}, " +
                              $"SQL {(inB ? vb.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0/absent")}");
            }
            perAggregate.Add(new AggregateComparison(aggregate, a.Keys.Count(k => k.Item1 == aggregate), b.Keys.Count(k => k.Item1 == aggregate), count, diffs));
        }
        return new Comparison(perAggregate);
    }
}

public sealed record AggregateComparison(string Aggregate, int PlanLinkFacts, int SqlFacts, int Differences, IReadOnlyList<string> Examples);

public sealed record Comparison(IReadOnlyList<AggregateComparison> Aggregates)
{
    public bool Equal => Aggregates.All(a => a.Differences == 0);
}
