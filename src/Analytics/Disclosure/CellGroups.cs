using PlanLink.Analytics.Tables;

namespace PlanLink.Analytics.Disclosure;

/// <summary>Cells grouped by a key, the groups numbered 0, 1, … in order of first appearance and each
/// group's cells in table order: what a LINQ GroupBy gives, as flat arrays, for tables of millions of cells.</summary>
internal sealed class CellGroups(int[] groupOf, IndexLists members)
{
    public int Count => members.Count;

    /// <summary>The group of a cell, or -1 for a cell left out.</summary>
    public int GroupOf(int cell) => groupOf[cell];

    public ReadOnlySpan<int> MembersOf(int group) => members[group];

    /// <summary>The cells that <paramref name="include"/> keeps, grouped by <paramref name="key"/>.</summary>
    public static CellGroups Of<TKey>(IReadOnlyList<Cell> cells, Func<Cell, TKey> key, Func<Cell, bool> include) where TKey : IEquatable<TKey>
    {
        var ids = new Dictionary<TKey, int>();
        var groupOf = new int[cells.Count];
        var previous = default(TKey);
        var previousId = -1;
        for (var i = 0; i < cells.Count; i++)
        {
            if (!include(cells[i]))
            {
                groupOf[i] = -1;
                continue;
            }
            var k = key(cells[i]);
            // Tables list a row's cells together, so a key often repeats the previous one: no hashing then.
            if (previousId < 0 || !k.Equals(previous))
            {
                if (!ids.TryGetValue(k, out previousId)) ids.Add(k, previousId = ids.Count);
                previous = k;
            }
            groupOf[i] = previousId;
        }
        return new CellGroups(groupOf, IndexLists.Of(groupOf, ids.Count));
    }
}
