using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Tables;

/// <summary>Collects the cells of one table: counts per macro area (each record counted once in its
/// municipality, 圏域 and prefecture, so parents equal the sum of their children) and rates.</summary>
public sealed class TableBuilder(string id, string title, AreaHierarchy areas, FiscalQuarter period)
{
    private readonly Dictionary<(AreaLevel, string, string, string, string), (decimal Value, MeasureUnit Unit)> _values = [];
    private readonly List<Cell> _extra = [];
    /// <summary>The unit of each measure declared by <see cref="EnsureMacro"/>, for cells added without one.</summary>
    private readonly Dictionary<string, MeasureUnit> _units = [];

    /// <summary>Adds <paramref name="amount"/> to a measure for a municipality and every area above it.</summary>
    public void AddMacro(string municipalityCode, string breakdown, string category, string measure, MeasureUnit unit, decimal amount = 1)
    {
        foreach (var area in areas.MacroAreasOf(municipalityCode))
            Add(area.Level, area.Code, breakdown, category, measure, amount, unit);
    }

    /// <summary>Adds to a measure of one area (an office, for meso tables).</summary>
    public void Add(AreaLevel level, string areaCode, string breakdown, string category, string measure, decimal amount = 1, MeasureUnit? unit = null)
    {
        var key = (level, areaCode, breakdown, category, measure);
        var (value, existingUnit) = _values.TryGetValue(key, out var e) ? e : (0m, unit ?? _units[measure]);
        _values[key] = (value + amount, unit ?? existingUnit);
    }

    /// <summary>Makes sure every area of a level has the measure, so that zeros are published as zeros.</summary>
    public void EnsureMacro(string breakdown, IEnumerable<string> categories, params (string Measure, MeasureUnit Unit)[] measures)
    {
        var cats = categories.ToList();
        foreach (var (measure, unit) in measures)
        {
            _units[measure] = unit;
        }
        foreach (var (measure, _) in measures)
        foreach (var level in areas.AggregateLevels)
        foreach (var area in areas.At(level))
        foreach (var category in cats)
            _values.TryAdd((level, area.Code, breakdown, category, measure), (0, _units[measure]));
    }

    public decimal Get(AreaLevel level, string areaCode, string breakdown, string category, string measure) =>
        _values.GetValueOrDefault((level, areaCode, breakdown, category, measure)).Value;

    /// <summary>Adds a rate cell to every row that has the numerator: numerator / denominator × scale.</summary>
    public void AddRate(string measure, MeasureUnit unit, string numerator, string denominator, decimal scale = 100)
    {
        foreach (var ((level, code, breakdown, category, m), (value, _)) in _values.ToList())
        {
            if (m != numerator) continue;
            var den = _values.GetValueOrDefault((level, code, breakdown, category, denominator)).Value;
            if (den == 0) continue;
            _extra.Add(new Cell(level, code, AreaName(level, code), period, breakdown, category, measure, unit, Math.Round(value / den * scale, 1))
            {
                RateOf = (numerator, denominator),
            });
        }
    }

    /// <summary>Adds a per-10,000-population rate for every macro row that has the numerator.</summary>
    public void AddPerPopulation(string measure, string numerator)
    {
        foreach (var ((level, code, breakdown, category, m), (value, _)) in _values.ToList())
        {
            if (m != numerator || level == AreaLevel.Office || areas.Find(level, code) is not { Population: > 0 } area) continue;
            _extra.Add(new Cell(level, code, area.Name, period, breakdown, category, measure, MeasureUnit.PerTenThousand,
                Math.Round(value / area.Population * 10_000m, 2)) { RateOf = (numerator, numerator) });
        }
    }

    /// <summary>Adds one computed cell (a gap, a ratio); <paramref name="from"/> names the measures it is
    /// derived from, so disclosure control hides it whenever they are hidden.</summary>
    public void AddDerived(AreaLevel level, string areaCode, string breakdown, string category, string measure, MeasureUnit unit,
        decimal value, (string, string)? from) =>
        _extra.Add(new Cell(level, areaCode, AreaName(level, areaCode), period, breakdown, category, measure, unit, value) { RateOf = from });

    public Func<string, string> OfficeNames { get; init; } = code => code;

    private string AreaName(AreaLevel level, string code) =>
        level == AreaLevel.Office ? OfficeNames(code) : areas.Find(level, code)?.Name ?? code;

    public ResultTable Build()
    {
        var cells = _values.Select(p => new Cell(p.Key.Item1, p.Key.Item2, AreaName(p.Key.Item1, p.Key.Item2), period,
                p.Key.Item3, p.Key.Item4, p.Key.Item5, p.Value.Unit, p.Value.Value))
            .Concat(_extra)
            .OrderBy(c => c.Level).ThenBy(c => c.AreaCode, StringComparer.Ordinal).ThenBy(c => c.Breakdown, StringComparer.Ordinal)
            .ThenBy(c => c.Category == Cell.Total ? 0 : 1).ThenBy(c => c.Category, StringComparer.Ordinal).ThenBy(c => c.Measure, StringComparer.Ordinal)
            .ToList();
        return new ResultTable(id, title, cells);
    }
}
