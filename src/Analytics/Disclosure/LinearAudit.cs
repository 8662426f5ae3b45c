namespace PlanLink.Analytics.Disclosure;

/// <summary>Exact check of a system of additive groups (total = sum of parts): a hidden cell is
/// determined when its unit vector lies in the row space of the groups' equations restricted to the
/// hidden cells (the visible ones are known constants). Gaussian elimination on small systems.</summary>
internal static class LinearAudit
{
    /// <summary>The first hidden cell the visible ones determine exactly, or null when none is.</summary>
    public static int? FirstDetermined(IReadOnlyList<AdditiveGroup> groups, bool[] hidden)
    {
        var unknowns = groups.SelectMany(g => g.Children.Append(g.Parent)).Where(c => hidden[c]).Distinct().Order().ToList();
        if (unknowns.Count == 0) return null;
        var column = unknowns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var equations = new List<double[]>();
        foreach (var (parent, children) in groups)
        {
            var row = new double[unknowns.Count];
            foreach (var c in children) if (hidden[c]) row[column[c]] += 1;
            if (hidden[parent]) row[column[parent]] -= 1;
            if (row.Any(v => v != 0)) equations.Add(row);
        }
        var rank = Rank(equations, unknowns.Count);
        for (var i = 0; i < unknowns.Count; i++)
        {
            var unit = new double[unknowns.Count];
            unit[i] = 1;
            if (Rank([.. equations, unit], unknowns.Count) == rank) return unknowns[i];
        }
        return null;
    }

    private static int Rank(IReadOnlyList<double[]> rows, int columns)
    {
        var m = rows.Select(r => (double[])r.Clone()).ToList();
        var rank = 0;
        for (var col = 0; col < columns && rank < m.Count; col++)
        {
            var pivot = -1;
            for (var r = rank; r < m.Count && pivot < 0; r++) if (Math.Abs(m[r][col]) > 1e-9) pivot = r;
            if (pivot < 0) continue;
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = 0; r < m.Count; r++)
            {
                if (r == rank || Math.Abs(m[r][col]) < 1e-9) continue;
                var f = m[r][col] / m[rank][col];
                for (var c = col; c < columns; c++) m[r][c] -= f * m[rank][c];
            }
            rank++;
        }
        return rank;
    }
}
