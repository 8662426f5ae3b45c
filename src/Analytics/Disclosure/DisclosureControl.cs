using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Tables;

namespace PlanLink.Analytics.Disclosure;

/// <summary>Cells whose values add up: the children sum to the parent (categories to their 計, or
/// municipalities to their 圏域, 圏域 to their prefecture). Indices into a table's cells.</summary>
internal readonly record struct AdditiveGroup(int Parent, int[] Children);

/// <summary>The gate between analytics and publication (domain.md §6): primary suppression of small
/// counts, then complementary suppression so that no hidden count can be worked back out from a
/// breakdown's total or from a parent area's total.</summary>
/// <remarks>Tables run to millions of cells (every area × service × measure), so cells are grouped by
/// dense integer ids rather than LINQ groupings. Groups never cross periods, so publishing a trend one
/// quarter at a time hides exactly what publishing all its quarters at once would.</remarks>
public static class DisclosureControl
{
    public static PublishedTable Publish(ResultTable table, DisclosureRules rules, AreaHierarchy areas, bool categoriesAdd)
    {
        var cells = table.Cells;
        var ids = CellIds.Of(cells);
        var hidden = PrimarySuppression(cells, ids, rules, areas);

        var rows = CellGroups.WithinAreas(ids.Areas, cells.Count, i => (cells[i].Period, ids.Breakdown[i], ids.Category[i]));
        HideVolumesOfHiddenRows(cells, hidden, rows);

        // Complementary suppression: no group may have a lone hidden member.
        var groups = AdditiveGroups(cells, ids, areas, categoriesAdd);
        var groupsOfCell = GroupsOfCells(groups, cells.Count);
        Complement(cells, hidden, groups, groupsOfCell, Enumerable.Range(0, groups.Count).ToArray());
        AuditOverlappingHierarchies(cells, hidden, groups, groupsOfCell);

        HideRatesOfHiddenParts(cells, hidden, rows);

        return new PublishedTable(table.Id, table.Title, cells, hidden);
    }

    /// <summary>Additive figures: counts and volumes, not rates or derived cells.</summary>
    private static bool IsCount(Cell c) => c.RateOf is null && c.Unit is not (MeasureUnit.Percent or MeasureUnit.PerTenThousand or MeasureUnit.Ratio);

    private static bool[] PrimarySuppression(IReadOnlyList<Cell> cells, CellIds ids, DisclosureRules rules, AreaHierarchy areas)
    {
        // Population rules: look each municipality up once, not once per cell.
        var municipalities = new Area?[ids.Areas.Count];
        for (var a = 0; a < municipalities.Length; a++)
        {
            var first = cells[ids.Areas.MembersOf(a)[0]];
            municipalities[a] = first.Level == AreaLevel.Municipality ? areas.Municipality(first.AreaCode) : null;
        }
        var hidden = new bool[cells.Count];
        for (var i = 0; i < cells.Count; i++) hidden[i] = PrimarySuppressed(cells[i], municipalities[ids.Area[i]], rules);
        return hidden;
    }

    /// <param name="municipality">The cell's area when it is a municipality the hierarchy knows, else null.</param>
    private static bool PrimarySuppressed(Cell c, Area? municipality, DisclosureRules rules)
    {
        if (municipality is not null && municipality.Population < rules.UnpublishedPopulation) return true;
        if (!IsCount(c) || c.Value == 0 || c.Unit == MeasureUnit.Capacity) return false; // capacity (定員) is public
        if (c.Level == AreaLevel.Office) return c.Value < rules.OfficeK;
        if (!c.Unit.IsProtectedCount()) return false;
        var k = municipality is not null && municipality.Population < rules.SmallAreaPopulation ? Math.Max(rules.K, rules.SmallAreaK) : rules.K;
        return c.Value < k;
    }

    /// <summary>A row whose protected count is hidden hides its volumes too: a few persons' hours are their own.</summary>
    private static void HideVolumesOfHiddenRows(IReadOnlyList<Cell> cells, bool[] hidden, CellGroups rows)
    {
        var rowHidesCount = new bool[rows.Count];
        for (var i = 0; i < cells.Count; i++)
            if (hidden[i] && cells[i].Unit.IsProtectedCount()) rowHidesCount[rows.GroupOf(i)] = true;
        for (var i = 0; i < cells.Count; i++)
            if (rowHidesCount[rows.GroupOf(i)] && IsCount(cells[i]) && cells[i].Unit.IsVolume()) hidden[i] = true;
    }

    /// <summary>Rates go with their numerator and denominator. Cells are visited in table order, so a rate
    /// of a rate sees the first one hidden, as within one row they always have been.</summary>
    private static void HideRatesOfHiddenParts(IReadOnlyList<Cell> cells, bool[] hidden, CellGroups rows)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].RateOf is not { } rate) continue;
            var (numerator, denominator) = rate;
            foreach (var j in rows.MembersOf(rows.GroupOf(i)))
            {
                if (!hidden[j] || (cells[j].Measure != numerator && cells[j].Measure != denominator)) continue;
                hidden[i] = true;
                break;
            }
        }
    }

    /// <summary>Groups of cells whose children add up to the parent: categories to their 計 (when
    /// <paramref name="categoriesAdd"/>), then municipalities to their 圏域, 圏域 to their prefecture,
    /// each in the order its key first appears (complementary suppression visits them in this order).</summary>
    private static List<AdditiveGroup> AdditiveGroups(IReadOnlyList<Cell> cells, CellIds ids, AreaHierarchy areas, bool categoriesAdd)
    {
        var groups = new List<AdditiveGroup>();
        if (categoriesAdd) AddCategoryGroups(cells, ids, groups);
        AddAreaGroups(cells, ids, areas, groups);
        return groups;
    }

    private static void AddCategoryGroups(IReadOnlyList<Cell> cells, CellIds ids, List<AdditiveGroup> groups)
    {
        var breakdowns = CellGroups.Of(cells.Count, i => (ids.Area[i], cells[i].Period, ids.Breakdown[i], ids.Measure[i]), i => IsCount(cells[i]));
        var children = new List<int>();
        for (var g = 0; g < breakdowns.Count; g++)
        {
            var total = -1;
            var totals = 0;
            children.Clear();
            foreach (var i in breakdowns.MembersOf(g))
            {
                if (cells[i].Category != Cell.Total) children.Add(i);
                else if (totals++ == 0) total = i;
            }
            if (totals == 1) groups.Add(new AdditiveGroup(total, [.. children]));
        }
    }

    private static void AddAreaGroups(IReadOnlyList<Cell> cells, CellIds ids, AreaHierarchy areas, List<AdditiveGroup> groups)
    {
        var cellAreas = ids.Areas;
        // Per area of the table: the area ids of its children in the hierarchy (-1 where the table lacks one),
        // or null for a municipality, an office or an area the hierarchy does not know.
        var areaIds = new Dictionary<(AreaLevel, string), int>(cellAreas.Count);
        var first = new int[cellAreas.Count];
        for (var a = 0; a < cellAreas.Count; a++)
        {
            first[a] = cellAreas.MembersOf(a)[0];
            areaIds[(cells[first[a]].Level, cells[first[a]].AreaCode)] = a;
        }
        var childAreas = new int[]?[cellAreas.Count];
        for (var a = 0; a < cellAreas.Count; a++)
        {
            var c = cells[first[a]];
            if (c.Level is AreaLevel.Municipality or AreaLevel.Office || areas.Find(c.Level, c.AreaCode) is not { } parent) continue;
            var children = areas.Children(parent);
            var childIds = new int[children.Count];
            for (var k = 0; k < childIds.Length; k++) childIds[k] = areaIds.GetValueOrDefault((children[k].Level, children[k].Code), -1);
            childAreas[a] = childIds;
        }

        var sums = CellGroups.Of(cells.Count, i => (cells[i].Period, ids.Breakdown[i], ids.Category[i], ids.Measure[i]),
            i => IsCount(cells[i]) && cells[i].Level != AreaLevel.Office);
        var cellOfArea = new int[cellAreas.Count];
        Array.Fill(cellOfArea, -1);
        for (var g = 0; g < sums.Count; g++)
        {
            var members = sums.MembersOf(g);
            foreach (var i in members) cellOfArea[ids.Area[i]] = i;
            foreach (var i in members)
            {
                if (childAreas[ids.Area[i]] is not { Length: > 0 } childIds) continue;
                var children = new int[childIds.Length];
                var complete = true;
                for (var k = 0; k < childIds.Length && complete; k++)
                {
                    children[k] = childIds[k] < 0 ? -1 : cellOfArea[childIds[k]];
                    complete = children[k] >= 0;
                }
                if (complete) groups.Add(new AdditiveGroup(i, children));
            }
            foreach (var i in members) cellOfArea[ids.Area[i]] = -1;
        }
    }

    /// <summary>For each cell, the additive groups it belongs to (as a child or as the parent), in group order.</summary>
    private static IndexLists GroupsOfCells(List<AdditiveGroup> groups, int cellCount)
    {
        var start = new int[cellCount + 1];
        foreach (var g in groups)
        {
            foreach (var c in g.Children) start[c]++;
            start[g.Parent]++;
        }
        var members = new int[IndexLists.Ends(start)];
        // Groups backwards from each cell's end, so each cell's groups come in group order (a cell is never child and parent of one group).
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            foreach (var c in groups[g].Children) members[--start[c]] = g;
            members[--start[groups[g].Parent]] = g;
        }
        return new IndexLists(start, members);
    }

    /// <summary>基幹相談支援センター areas regroup the municipalities beside the 圏域: where two hierarchies
    /// overlap, sums of different groups can combine to expose a cell that no single group gives away, so
    /// those systems (one per period, breakdown, category and measure) are audited exactly and more is
    /// hidden until nothing is determined. Small: one system per support-center table key.</summary>
    private static void AuditOverlappingHierarchies(IReadOnlyList<Cell> cells, bool[] hidden, List<AdditiveGroup> groups, IndexLists groupsOfCell)
    {
        if (!groups.Exists(g => cells[g.Parent].Level == AreaLevel.SupportCenter)) return;
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
    }

    /// <summary>The cell to hide next: the smallest non-zero value first, then zeros, then the earliest.</summary>
    private static bool HideBefore(IReadOnlyList<Cell> cells, int a, int b)
    {
        var (va, vb) = (cells[a].Value, cells[b].Value);
        if ((va == 0) != (vb == 0)) return vb == 0;
        return va != vb ? va < vb : a < b;
    }

    private static int? Smallest(IReadOnlyList<Cell> cells, IEnumerable<int> candidates)
    {
        int? best = null;
        foreach (var c in candidates)
            if (best is not { } b || HideBefore(cells, c, b)) best = c;
        return best;
    }

    private static (Periods.FiscalQuarter, string, string, string) SystemKey(Cell c) => (c.Period, c.Breakdown, c.Category, c.Measure);

    /// <summary>Complementary suppression until no group has a lone hidden member, starting from
    /// <paramref name="start"/> in order: a worklist (first in, first out) revisits only the groups of a cell just hidden.</summary>
    private static void Complement(IReadOnlyList<Cell> cells, bool[] hidden, List<AdditiveGroup> groups, IndexLists groupsOfCell,
        ReadOnlySpan<int> start)
    {
        var pending = new Queue<int>(start.Length);
        var queued = new bool[groups.Count];
        foreach (var g in start)
        {
            if (queued[g]) continue;
            queued[g] = true;
            pending.Enqueue(g);
        }
        while (pending.TryDequeue(out var g))
        {
            queued[g] = false;
            if (Complement(cells, hidden, groups[g]) is not { } newlyHidden) continue;
            foreach (var other in groupsOfCell[newlyHidden])
            {
                if (queued[other]) continue;
                queued[other] = true;
                pending.Enqueue(other);
            }
        }
    }

    /// <summary>Makes sure no group (a total and its parts) has exactly one hidden member, which the
    /// others would give away: hides the smallest visible part (non-zero first), or else the total.
    /// Returns the cell it hid, or null when the group was safe.</summary>
    private static int? Complement(IReadOnlyList<Cell> cells, bool[] hidden, AdditiveGroup group)
    {
        var hiddenMembers = hidden[group.Parent] ? 1 : 0;
        foreach (var c in group.Children) if (hidden[c]) hiddenMembers++;
        if (hiddenMembers != 1) return null;
        var candidate = -1;
        foreach (var c in group.Children)
            if (!hidden[c] && (candidate < 0 || HideBefore(cells, c, candidate))) candidate = c;
        if (candidate < 0)
        {
            if (hidden[group.Parent]) return null;
            candidate = group.Parent;
        }
        hidden[candidate] = true;
        return candidate;
    }
}
