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

/// <summary>A table that went through disclosure control. Only <see cref="DisclosureControl"/> makes
/// these, so a renderer that takes a PublishedTable cannot be handed raw, unprotected figures.</summary>
public sealed class PublishedTable
{
    internal PublishedTable(string id, string title, IReadOnlyList<PublishedCell> cells)
    {
        Id = id;
        Title = title;
        Cells = cells;
    }

    /// <summary>A table published in parts (a trend, one quarter at a time), its cells joined in order.
    /// Disclosure control never groups cells of different periods, so this hides exactly what publishing
    /// the whole table at once would.</summary>
    public static PublishedTable Join(string id, string title, IEnumerable<PublishedTable> parts) =>
        new(id, title, parts.SelectMany(p => p.Cells).ToList());

    public string Id { get; }
    public string Title { get; }
    public IReadOnlyList<PublishedCell> Cells { get; }

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
