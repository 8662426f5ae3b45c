using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Tables;

namespace PlanLink.Tests;

/// <summary>What an attacker can work out from a published table: every hidden count that the
/// published totals determine exactly. Each group "parent area = sum of its child areas" is a linear
/// equation; a hidden cell is recoverable when its unit vector lies in the row space of the
/// equations over the hidden cells (Gaussian elimination).</summary>
public static class DisclosureAttack
{
    public static IReadOnlyList<PublishedCell> Recoverable(PublishedTable table, AreaHierarchy areas)
    {
        var recovered = new List<PublishedCell>();
        var additive = table.Cells.Where(c => c.Level != AreaLevel.Office && (c.Unit.IsProtectedCount() || c.Unit.IsVolume()) && !IsDerived(c));
        foreach (var group in additive.GroupBy(c => (c.Period, c.Breakdown, c.Category, c.Measure)))
        {
            var byArea = group.ToDictionary(c => (c.Level, c.AreaCode));
            var hidden = group.Where(c => c.Suppressed).ToList();
            if (hidden.Count == 0) continue;
            var column = hidden.Select((c, i) => (c, i)).ToDictionary(x => (x.c.Level, x.c.AreaCode), x => x.i);
            var equations = new List<double[]>();
            foreach (var parent in group.Where(c => c.Level != AreaLevel.Municipality))
            {
                if (areas.Find(parent.Level, parent.AreaCode) is not { } area) continue;
                var children = areas.Children(area).Select(a => byArea.GetValueOrDefault((a.Level, a.Code))).ToList();
                if (children.Count == 0 || children.Any(c => c is null)) continue;
                var row = new double[hidden.Count];
                foreach (var child in children) if (child!.Suppressed) row[column[(child.Level, child.AreaCode)]] += 1;
                if (parent.Suppressed) row[column[(parent.Level, parent.AreaCode)]] -= 1;
                if (row.Any(v => v != 0)) equations.Add(row);
            }
            var rank = Rank(equations, hidden.Count);
            for (var i = 0; i < hidden.Count; i++)
            {
                var unit = new double[hidden.Count];
                unit[i] = 1;
                if (Rank([.. equations, unit], hidden.Count) == rank) recovered.Add(hidden[i]);
            }
        }
        return recovered;
    }

    /// <summary>Rates and other derived cells are not summed across areas.</summary>
    private static bool IsDerived(PublishedCell c) => c.Unit is MeasureUnit.Percent or MeasureUnit.PerTenThousand or MeasureUnit.Ratio
        || c.Measure is "gap" or "occupancy" || c.Measure.Contains("_change_");

    private static int Rank(IReadOnlyList<double[]> rows, int columns)
    {
        var m = rows.Select(r => (double[])r.Clone()).ToList();
        var rank = 0;
        for (var col = 0; col < columns && rank < m.Count; col++)
        {
            var pivot = Enumerable.Range(rank, m.Count - rank).FirstOrDefault(r => Math.Abs(m[r][col]) > 1e-9, -1);
            if (pivot < 0) continue;
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = 0; r < m.Count; r++)
            {
                if (r == rank || Math.Abs(m[r][col]) < 1e-9) continue;
                var f = m[r][col] / m[rank][col];
                for (var c = 0; c < columns; c++) m[r][c] -= f * m[rank][c];
            }
            rank++;
        }
        return rank;
    }
}
