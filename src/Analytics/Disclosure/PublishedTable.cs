using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Tables;

namespace PlanLink.Analytics.Disclosure;

/// <summary>A figure fit to publish: its value is absent when suppressed (表示は「-」).</summary>
public sealed record PublishedCell(
    AreaLevel Level, string AreaCode, string AreaName, FiscalQuarter Period,
    string Breakdown, string Category, string Measure, MeasureUnit Unit, decimal? Value)
{
    public bool Suppressed => Value is null;
}

/// <summary>One published figure as a value, for writers that go through millions of them (figures.csv)
/// without making a <see cref="PublishedCell"/> each.</summary>
public readonly record struct PublishedFigure(
    AreaLevel Level, string AreaCode, string AreaName, FiscalQuarter Period,
    string Breakdown, string Category, string Measure, MeasureUnit Unit, decimal? Value)
{
    public bool Suppressed => Value is null;
}

/// <summary>A table that went through disclosure control. Only <see cref="DisclosureControl"/> makes
/// these, so a renderer that takes a PublishedTable cannot be handed raw, unprotected figures.</summary>
public sealed class PublishedTable
{
    /// <summary>Set for a table made of published cells (joined parts, changes).</summary>
    private IReadOnlyList<PublishedCell>? _cells;
    /// <summary>Set for a table straight from disclosure control: its cells and which ones are suppressed.
    /// <see cref="Cells"/> are made from them only when asked for: the trend parts only go to figures.csv.</summary>
    private readonly IReadOnlyList<Cell>? _source;
    private readonly bool[]? _suppressed;

    internal PublishedTable(string id, string title, IReadOnlyList<PublishedCell> cells)
    {
        Id = id;
        Title = title;
        _cells = cells;
    }

    internal PublishedTable(string id, string title, IReadOnlyList<Cell> cells, bool[] suppressed)
    {
        Id = id;
        Title = title;
        _source = cells;
        _suppressed = suppressed;
    }

    /// <summary>A table published in parts (a trend, one quarter at a time), its cells joined in order.
    /// Disclosure control never groups cells of different periods, so this hides exactly what publishing
    /// the whole table at once would.</summary>
    public static PublishedTable Join(string id, string title, IEnumerable<PublishedTable> parts) =>
        new(id, title, parts.SelectMany(p => p.Cells).ToList());

    public string Id { get; }
    public string Title { get; }
    public IReadOnlyList<PublishedCell> Cells => _cells ?? LazyInitializer.EnsureInitialized(ref _cells, MakeCells);

    /// <summary>The number of cells.</summary>
    public int Count => _source?.Count ?? _cells!.Count;

    /// <summary>Cell <paramref name="i"/> of <see cref="Cells"/>, as a value.</summary>
    public PublishedFigure Figure(int i)
    {
        if (_source is null)
        {
            var p = _cells![i];
            return new PublishedFigure(p.Level, p.AreaCode, p.AreaName, p.Period, p.Breakdown, p.Category, p.Measure, p.Unit, p.Value);
        }
        var c = _source[i];
        return new PublishedFigure(c.Level, c.AreaCode, c.AreaName, c.Period, c.Breakdown, c.Category, c.Measure, c.Unit,
            _suppressed![i] ? null : c.Value);
    }

    private IReadOnlyList<PublishedCell> MakeCells()
    {
        var cells = new PublishedCell[_source!.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = MakeCell(i);
        return cells;
    }

    private PublishedCell MakeCell(int i)
    {
        var c = _source![i];
        return new PublishedCell(c.Level, c.AreaCode, c.AreaName, c.Period, c.Breakdown, c.Category, c.Measure, c.Unit, _suppressed![i] ? null : c.Value);
    }

    private CellIndex? _index;

    /// <summary>The cell of an area, category, measure and period (the first, when breakdowns repeat it),
    /// looked up in an index built on first use.</summary>
    public PublishedCell? Find(AreaLevel level, string areaCode, string category, string measure, FiscalQuarter period)
    {
        var index = LazyInitializer.EnsureInitialized(ref _index, () => new CellIndex(this));
        // A table straight from disclosure control makes only the cells asked for, not a million it was never asked about.
        return index.Find(level, areaCode, category, measure, period) is { } i ? _cells?[i] ?? MakeCell(i) : null;
    }

    private Dictionary<AreaLevel, IReadOnlyList<(string Code, string Name)>>? _areas;

    /// <summary>The areas of a level that the table has cells for, in code order: (code, name).</summary>
    public IReadOnlyList<(string Code, string Name)> Areas(AreaLevel level) =>
        LazyInitializer.EnsureInitialized(ref _areas, ListAreas).GetValueOrDefault(level) ?? [];

    /// <summary>Every level's distinct (code, name) pairs in one pass, in code order (ties in order of appearance).</summary>
    private Dictionary<AreaLevel, IReadOnlyList<(string Code, string Name)>> ListAreas()
    {
        var seen = new HashSet<(AreaLevel, string, string)>();
        var byLevel = new Dictionary<AreaLevel, List<(string Code, string Name)>>();
        PublishedFigure last = default;
        for (var i = 0; i < Count; i++)
        {
            var f = Figure(i);
            // A table lists an area's cells together: only a change of area needs the set.
            if (i > 0 && f.Level == last.Level && ReferenceEquals(f.AreaCode, last.AreaCode) && ReferenceEquals(f.AreaName, last.AreaName)) continue;
            last = f;
            if (!seen.Add((f.Level, f.AreaCode, f.AreaName))) continue;
            if (!byLevel.TryGetValue(f.Level, out var areas)) byLevel[f.Level] = areas = [];
            areas.Add((f.AreaCode, f.AreaName));
        }
        return byLevel.ToDictionary(l => l.Key, l => (IReadOnlyList<(string Code, string Name)>)l.Value.OrderBy(a => a.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>Cell positions by (level, area, category, measure, period), the strings numbered once each: a table
    /// repeats a few thousand string instances over up to millions of cells, so numbering them by reference
    /// (without reading their characters) and keying on numbers is much cheaper than hashing three strings per cell.</summary>
    private sealed class CellIndex
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<(int LevelPeriod, int Area, int Category, int Measure), int> _cells;

        public CellIndex(PublishedTable table)
        {
            var byReference = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
            int Id(string s)
            {
                if (byReference.TryGetValue(s, out var id)) return id;
                if (!_ids.TryGetValue(s, out id)) _ids[s] = id = _ids.Count;
                return byReference[s] = id;
            }
            _cells = new(table.Count);
            for (var i = 0; i < table.Count; i++)
            {
                var f = table.Figure(i);
                _cells.TryAdd((LevelPeriod(f.Level, f.Period), Id(f.AreaCode), Id(f.Category), Id(f.Measure)), i);
            }
        }

        public int? Find(AreaLevel level, string areaCode, string category, string measure, FiscalQuarter period) =>
            _ids.TryGetValue(areaCode, out var a) && _ids.TryGetValue(category, out var c) && _ids.TryGetValue(measure, out var m)
            && _cells.TryGetValue((LevelPeriod(level, period), a, c, m), out var i) ? i : null;

        private static int LevelPeriod(AreaLevel level, FiscalQuarter period) => ((period.FiscalYear * 8 + period.Quarter) << 4) | (int)level;
    }
}
