using PlanLink.Analytics.Areas;
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

    /// <summary>The cells 0 … <paramref name="count"/> − 1 that <paramref name="include"/> keeps, grouped by <paramref name="key"/>.</summary>
    public static CellGroups Of<TKey>(int count, Func<int, TKey> key, Func<int, bool> include) where TKey : IEquatable<TKey>
    {
        var ids = new Dictionary<TKey, int>();
        var groupOf = new int[count];
        var previous = default(TKey);
        var previousId = -1;
        for (var i = 0; i < count; i++)
        {
            if (!include(i))
            {
                groupOf[i] = -1;
                continue;
            }
            var k = key(i);
            // Tables list a row's cells together, so a key often repeats the previous one: no lookup then.
            if (previousId < 0 || !k.Equals(previous))
            {
                if (!ids.TryGetValue(k, out previousId)) ids.Add(k, previousId = ids.Count);
                previous = k;
            }
            groupOf[i] = previousId;
        }
        return new CellGroups(groupOf, IndexLists.Of(groupOf, ids.Count));
    }

    /// <summary>Every cell grouped by its area (<paramref name="areas"/>) and <paramref name="key"/>, the groups numbered
    /// area by area (not in order of first appearance). A key is looked up among its area's keys only, so the
    /// lookup table stays as small as one area's rows rather than holding every row of the table.</summary>
    public static CellGroups WithinAreas<TKey>(CellGroups areas, int count, Func<int, TKey> key) where TKey : IEquatable<TKey>
    {
        var ids = new Dictionary<TKey, int>();
        var groupOf = new int[count];
        var groups = 0;
        for (var a = 0; a < areas.Count; a++)
        {
            ids.Clear();
            var previous = default(TKey);
            var previousId = -1;
            foreach (var i in areas.MembersOf(a))
            {
                var k = key(i);
                if (previousId < 0 || !k.Equals(previous))
                {
                    if (!ids.TryGetValue(k, out previousId)) ids.Add(k, previousId = groups++);
                    previous = k;
                }
                groupOf[i] = previousId;
            }
        }
        return new CellGroups(groupOf, IndexLists.Of(groupOf, groups));
    }
}

/// <summary>Per cell of a table, dense ids of its area and of its breakdown, category and measure, so that
/// grouping cells compares and hashes integers rather than text.</summary>
internal sealed class CellIds
{
    private CellIds(int count)
    {
        Area = new int[count];
        Breakdown = new int[count];
        Category = new int[count];
        Measure = new int[count];
    }

    /// <summary>Ids of (level, area code), numbered in order of first appearance: they are the area groups.</summary>
    public int[] Area { get; }
    public int[] Breakdown { get; }
    public int[] Category { get; }
    public int[] Measure { get; }
    public CellGroups Areas { get; private set; } = null!;

    public static CellIds Of(IReadOnlyList<Cell> cells)
    {
        var ids = new CellIds(cells.Count);
        var texts = new StringIds();
        var areas = new Dictionary<(AreaLevel, int), int>();
        Cell? previous = null;
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            // A row's cells come together and share their string instances: reuse the previous cell's ids then.
            if (previous is not null && previous.Level == c.Level && ReferenceEquals(previous.AreaCode, c.AreaCode)) ids.Area[i] = ids.Area[i - 1];
            else
            {
                var area = (c.Level, texts.Of(c.AreaCode));
                if (!areas.TryGetValue(area, out ids.Area[i])) areas.Add(area, ids.Area[i] = areas.Count);
            }
            ids.Breakdown[i] = ReferenceEquals(previous?.Breakdown, c.Breakdown) ? ids.Breakdown[i - 1] : texts.Of(c.Breakdown);
            ids.Category[i] = ReferenceEquals(previous?.Category, c.Category) ? ids.Category[i - 1] : texts.Of(c.Category);
            ids.Measure[i] = ReferenceEquals(previous?.Measure, c.Measure) ? ids.Measure[i - 1] : texts.Of(c.Measure);
            previous = c;
        }
        ids.Areas = new CellGroups(ids.Area, IndexLists.Of(ids.Area, areas.Count));
        return ids;
    }

    /// <summary>Dense ids of strings, equal text giving equal ids. Tables repeat a few string instances
    /// millions of times, so an instance seen before is found by reference, without hashing its text.</summary>
    private sealed class StringIds
    {
        private readonly Dictionary<string, int> _byInstance = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);

        public int Of(string text)
        {
            if (_byInstance.TryGetValue(text, out var id)) return id;
            if (!_byText.TryGetValue(text, out id)) _byText.Add(text, id = _byText.Count);
            _byInstance.Add(text, id);
            return id;
        }
    }
}
