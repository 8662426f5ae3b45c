using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Targets;

/// <summary>The quarterly use of one service in one area: persons in use (利用中) at each quarter end,
/// counted where they live, and their planned amount as volume (per month).</summary>
public sealed record ServiceUsage(AreaLevel Level, string AreaCode, ServiceType Service,
    IReadOnlyList<FiscalQuarter> Quarters, IReadOnlyList<double> Persons, IReadOnlyList<double> Volume);

/// <summary>Builds the quarterly series the 見込量 forecasts start from. Pure: snapshots of the dataset at
/// each quarter end, no I/O.</summary>
public static class ServiceUsageSeries
{
    /// <summary>One series per area (municipality, 圏域, prefecture) × service with any use in the quarters.
    /// A person counts once per service even when several needs name it; their volume is the largest
    /// amount planned for it (plans repeat the same amount on each need it serves, so a sum would double it).</summary>
    public static IReadOnlyList<ServiceUsage> Build(DatasetIndex index, IReadOnlyList<FiscalQuarter> quarters)
    {
        var persons = new Dictionary<(AreaLevel, string, ServiceType), double[]>();
        var volume = new Dictionary<(AreaLevel, string, ServiceType), double[]>();
        for (var qi = 0; qi < quarters.Count; qi++)
        {
            var snapshot = PlanSnapshot.At(index, quarters[qi].End);
            foreach (var (home, service, amount) in InUse(snapshot))
            foreach (var area in index.Areas.MacroAreasOf(home))
            {
                var key = (area.Level, area.Code, service);
                if (!persons.TryGetValue(key, out var p))
                {
                    persons[key] = p = new double[quarters.Count];
                    volume[key] = new double[quarters.Count];
                }
                p[qi] += 1;
                volume[key][qi] += (double)amount;
            }
        }
        return persons.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).ThenBy(p => p.Key.Item3)
            .Select(p => new ServiceUsage(p.Key.Item1, p.Key.Item2, p.Key.Item3, quarters, p.Value, volume[p.Key]))
            .ToList();
    }

    /// <summary>(home municipality, service, monthly amount) of every person × service in use at the snapshot.</summary>
    public static IEnumerable<(string Home, ServiceType Service, decimal Amount)> InUse(PlanSnapshot snapshot) =>
        ByPersonService(snapshot, s => s == ServiceStatus.InUse);

    /// <summary>(home municipality, service, planned amount) of every person × service waiting or lacking a
    /// resource at the snapshot: the unmet demand 見込量 adds (domain.md §5b).</summary>
    public static IEnumerable<(string Home, ServiceType Service, decimal Amount)> Unmet(PlanSnapshot snapshot) =>
        ByPersonService(snapshot, s => s is ServiceStatus.Waiting or ServiceStatus.NoResource);

    private static IEnumerable<(string, ServiceType, decimal)> ByPersonService(PlanSnapshot snapshot, Func<ServiceStatus, bool> status)
    {
        foreach (var person in snapshot.Needs.GroupBy(n => n.Plan.PersonKey))
        {
            var home = person.First().Plan.MunicipalityCode;
            foreach (var service in person.SelectMany(n => n.Services).Where(s => status(s.Status) && s.Service != ServiceType.Informal)
                         .GroupBy(s => s.Service).OrderBy(g => g.Key))
                yield return (home, service.Key, service.Max(s => s.Amount ?? 0));
        }
    }
}
