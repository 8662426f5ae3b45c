using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Tables;

namespace PlanLink.Analytics.Disclosure;

/// <summary>The gate between analytics and publication (domain.md §6): primary suppression of small
/// counts, then complementary suppression so that no hidden count can be worked back out from a
/// breakdown's total or from a parent area's total.</summary>
public static class DisclosureControl
{
    public static PublishedTable Publish(ResultTable table, DisclosureRules rules, AreaHierarchy areas, bool categoriesAdd)
    {
        var cells = table.Cells;
        var hidden = new bool[cells.Count];
        for (var i = 0; i < cells.Count; i++) hidden[i] = PrimarySuppressed(cells[i], rules, areas);

        // A row whose protected count is hidden hides its volumes too: a few persons' hours are their own.
        var rows = Enumerable.Range(0, cells.Count).GroupBy(i => cells[i].RowKey).ToList();
        foreach (var row in rows)
        {
            if (row.Any(i => hidden[i] && cells[i].Unit.IsProtectedCount()))
                foreach (var i in row.Where(i => IsCount(cells[i]) && cells[i].Unit.IsVolume())) hidden[i] = true;
        }

        // Complementary suppression: no group may have a lone hidden member.
        var groups = AdditiveGroups(cells, areas, categoriesAdd);
        var groupsOfCell = new Dictionary<int, List<int>>();
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var i in groups[g].Children.Append(groups[g].Parent))
            {
                if (!groupsOfCell.TryGetValue(i, out var list)) groupsOfCell[i] = list = [];
                list.Add(g);
            }
        }
        Complement(cells, hidden, groups, groupsOfCell, Enumerable.Range(0, groups.Count));

        // 基幹相談支援センター areas regroup the municipalities beside the 圏域: where two hierarchies
        // overlap, sums of different groups can combine to expose a cell that no single group gives
        // away, so those systems are audited exactly and more is hidden until nothing is determined.
        foreach (var system in Enumerable.Range(0, groups.Count).GroupBy(g => SystemKey(cells[groups[g].Parent]))
                     .Where(s => s.Any(g => cells[groups[g].Parent].Level == AreaLevel.SupportCenter)))
        {
            var members = system.Select(g => groups[g]).ToList();
            while (LinearAudit.FirstDetermined(members, hidden) is { } exposed)
            {
                // Hide a visible cell beside the exposed one if there is one, else anywhere in the system.
                var near = members.Where(m => m.Parent == exposed || m.Children.Contains(exposed)).SelectMany(m => m.Children.Append(m.Parent));
                var candidate = Smallest(cells, near.Where(c => !hidden[c]))
                    ?? Smallest(cells, members.SelectMany(m => m.Children.Append(m.Parent)).Where(c => !hidden[c]));
                if (candidate is null) break; // everything in the system is hidden already
                hidden[candidate.Value] = true;
                Complement(cells, hidden, groups, groupsOfCell, groupsOfCell[candidate.Value]);
            }
        }

        // Rates go with their numerator and denominator.
        foreach (var row in rows)
        {
            foreach (var i in row.Where(i => cells[i].RateOf is not null))
            {
                var (num, den) = cells[i].RateOf!.Value;
                if (row.Any(j => hidden[j] && (cells[j].Measure == num || cells[j].Measure == den))) hidden[i] = true;
            }
        }

        var published = cells.Select((c, i) => new PublishedCell(c.Level, c.AreaCode, c.AreaName, c.Period, c.Breakdown,
            c.Category, c.Measure, c.Unit, hidden[i] ? null : c.Value)).ToList();
        return new PublishedTable(table.Id, table.Title, published);
    }

    /// <summary>Additive figures: counts and volumes, not rates or derived cells.</summary>
    private static bool IsCount(Cell c) => c.RateOf is null && c.Unit is not (MeasureUnit.Percent or MeasureUnit.PerTenThousand or MeasureUnit.Ratio);

    private static bool PrimarySuppressed(Cell c, DisclosureRules rules, AreaHierarchy areas)
    {
        var municipality = c.Level == AreaLevel.Municipality ? areas.Municipality(c.AreaCode) : null;
        if (municipality is not null && municipality.Population < rules.UnpublishedPopulation) return true;
        if (!IsCount(c) || c.Value == 0 || c.Unit == MeasureUnit.Capacity) return false; // capacity (定員) is public
        if (c.Level == AreaLevel.Office) return c.Value < rules.OfficeK;
        if (!c.Unit.IsProtectedCount()) return false;
        var k = municipality is not null && municipality.Population < rules.SmallAreaPopulation ? Math.Max(rules.K, rules.SmallAreaK) : rules.K;
        return c.Value < k;
    }

    /// <summary>Groups of cells whose children add up to the parent: categories to their 計, and
    /// municipalities to their 圏域, 圏域 to their prefecture.</summary>
    private static List<(int Parent, int[] Children)> AdditiveGroups(IReadOnlyList<Cell> cells, AreaHierarchy areas, bool categoriesAdd)
    {
        var groups = new List<(int, int[])>();
        var counts = Enumerable.Range(0, cells.Count).Where(i => IsCount(cells[i])).ToList();
        if (categoriesAdd)
        {
            foreach (var g in counts.GroupBy(i => (cells[i].Level, cells[i].AreaCode, cells[i].Period, cells[i].Breakdown, cells[i].Measure)))
            {
                var total = g.Where(i => cells[i].Category == Cell.Total).ToList();
                if (total.Count == 1) groups.Add((total[0], g.Where(i => cells[i].Category != Cell.Total).ToArray()));
            }
        }
        foreach (var g in counts.Where(i => cells[i].Level != AreaLevel.Office)
                     .GroupBy(i => (cells[i].Period, cells[i].Breakdown, cells[i].Category, cells[i].Measure)))
        {
            var byArea = g.ToDictionary(i => (cells[i].Level, cells[i].AreaCode));
            foreach (var i in g)
            {
                if (cells[i].Level == AreaLevel.Municipality || areas.Find(cells[i].Level, cells[i].AreaCode) is not { } parent) continue;
                var children = areas.Children(parent).Select(a => byArea.GetValueOrDefault((a.Level, a.Code), -1)).ToArray();
                if (children.Length > 0 && children.All(c => c >= 0)) groups.Add((i, children));
            }
        }
        return groups;
    }

    /// <summary>The cell to hide next: the smallest non-zero value first, then zeros.</summary>
    private static int? Smallest(IReadOnlyList<Cell> cells, IEnumerable<int> candidates) =>
        candidates.Distinct().OrderBy(c => cells[c].Value == 0 ? 1 : 0).ThenBy(c => cells[c].Value).ThenBy(c => c)
            .Select(c => (int?)c).FirstOrDefault();

    private static (Periods.FiscalQuarter, string, string, string) SystemKey(Cell c) => (c.Period, c.Breakdown, c.Category, c.Measure);

    /// <summary>Complementary suppression until no group has a lone hidden member, starting from
    /// <paramref name="start"/>: a worklist revisits only the groups of a cell just hidden.</summary>
    private static void Complement(IReadOnlyList<Cell> cells, bool[] hidden, IReadOnlyList<(int Parent, int[] Children)> groups,
        Dictionary<int, List<int>> groupsOfCell, IEnumerable<int> start)
    {
        var pending = new Queue<int>(start.Distinct());
        var queued = new bool[groups.Count];
        foreach (var g in pending) queued[g] = true;
        while (pending.TryDequeue(out var g))
        {
            queued[g] = false;
            if (Complement(cells, hidden, groups[g].Parent, groups[g].Children) is not { } newlyHidden) continue;
            foreach (var other in groupsOfCell[newlyHidden].Where(o => !queued[o]))
            {
                queued[other] = true;
                pending.Enqueue(other);
            }
        }
    }

    /// <summary>Makes sure no group (a total and its parts) has exactly one hidden member, which the
    /// others would give away: hides the smallest visible part (non-zero first), or else the total.
    /// Returns the cell it hid, or null when the group was safe.</summary>
    private static int? Complement(IReadOnlyList<Cell> cells, bool[] hidden, int parent, int[] children)
    {
        if (children.Count(c => hidden[c]) + (hidden[parent] ? 1 : 0) != 1) return null;
        var candidate = children.Where(c => !hidden[c])
            .OrderBy(c => cells[c].Value == 0 ? 1 : 0).ThenBy(c => cells[c].Value).ThenBy(c => c)
            .FirstOrDefault(-1);
        if (candidate < 0)
        {
            if (hidden[parent]) return null;
            candidate = parent;
        }
        hidden[candidate] = true;
        return candidate;
    }
}
