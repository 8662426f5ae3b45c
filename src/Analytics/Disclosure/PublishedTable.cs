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
        for (var i = 0; i < cells.Length; i++)
        {
            var c = _source[i];
            cells[i] = new PublishedCell(c.Level, c.AreaCode, c.AreaName, c.Period, c.Breakdown, c.Category, c.Measure, c.Unit,
                _suppressed![i] ? null : c.Value);
        }
        return cells;
    }

    private Dictionary<(AreaLevel, string, string, string, FiscalQuarter), PublishedCell>? _index;

    /// <summary>The cell of an area, category, measure and period (the first, when breakdowns repeat it),
    /// looked up in an index built on first use.</summary>
    public PublishedCell? Find(AreaLevel level, string areaCode, string category, string measure, FiscalQuarter period)
    {
        return (_index ??= Index()).GetValueOrDefault((level, areaCode, category, measure, period));

        Dictionary<(AreaLevel, string, string, string, FiscalQuarter), PublishedCell> Index()
        {
            var index = new Dictionary<(AreaLevel, string, string, string, FiscalQuarter), PublishedCell>(Cells.Count);
            foreach (var c in Cells) index.TryAdd((c.Level, c.AreaCode, c.Category, c.Measure, c.Period), c);
            return index;
        }
    }
}
