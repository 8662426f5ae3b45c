using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Tables;

/// <summary>Collects the cells of one table: counts per macro area (each record counted once in its
/// municipality, 圏域 and prefecture, so parents equal the sum of their children) and rates.
/// Values live in arrays indexed by area, one array per column (breakdown, category, measure); macro
/// additions are kept per municipality and rolled up to the areas above once, before anything reads them.
/// A column has one unit: the last one given for it.</summary>
public sealed class TableBuilder(string id, string title, AreaHierarchy areas, FiscalQuarter period)
{
    private sealed class ColumnCells(string breakdown, string category, string measure, MeasureUnit unit)
    {
        public string Breakdown { get; } = breakdown;
        public string Category { get; } = category;
        public string Measure { get; } = measure;
        public MeasureUnit Unit { get; set; } = unit;
        /// <summary>Per area: the value, and whether the cell exists (a cell may hold a published zero).</summary>
        public decimal[]? Values;
        public bool[]? Present;
        /// <summary>Per municipality: what <see cref="AddMacro(int, int, decimal)"/> and (as integers, which add
        /// much faster) <see cref="AddMacro(int, int, int)"/> added, not yet rolled up.</summary>
        public decimal[]? Macro;
        public long[]? MacroCount;
        public bool[]? MacroPresent;
    }

    private readonly List<ColumnCells> _columns = [];
    private readonly Dictionary<(string, string, string), int> _columnIndex = [];
    /// <summary>Areas outside the hierarchy (offices, unknown codes) get the indexes after the hierarchy's.</summary>
    private readonly List<(AreaLevel Level, string Code)> _otherAreas = [];
    private readonly Dictionary<(AreaLevel, string), int> _otherAreaIndex = [];
    /// <summary>The length of every column's per-area arrays.</summary>
    private int _capacity = areas.Count;
    private bool _macroPending;
    private readonly List<(int Area, int Column, Cell Cell)> _extra = [];
    /// <summary>The unit of each measure declared by <see cref="EnsureMacro"/>, for cells added without one.</summary>
    private readonly Dictionary<string, MeasureUnit> _units = [];

    /// <summary>The handle of a column for the fast <see cref="AddMacro(int, int, decimal)"/>; sets its unit.</summary>
    public int Column(string breakdown, string category, string measure, MeasureUnit unit)
    {
        var column = Register(breakdown, category, measure, unit);
        _columns[column].Unit = unit;
        return column;
    }

    /// <summary>Adds <paramref name="amount"/> to a column for the municipality with area index
    /// <paramref name="municipality"/> (see <see cref="AreaHierarchy.IndexOf"/>) and every area above it.</summary>
    public void AddMacro(int municipality, int column, decimal amount)
    {
        var c = MarkMacro(municipality, column);
        (c.Macro ??= new decimal[areas.Count])[municipality] += amount;
    }

    /// <summary>Adds a count to a column for a municipality and every area above it (as <see cref="AddMacro(int, int, decimal)"/>:
    /// a count's cell reads the same either way).</summary>
    public void AddMacro(int municipality, int column, int count = 1)
    {
        var c = MarkMacro(municipality, column);
        (c.MacroCount ??= new long[areas.Count])[municipality] += count;
    }

    /// <summary>Marks a column's cell of a municipality as present, to be rolled up; returns the column.</summary>
    private ColumnCells MarkMacro(int municipality, int column)
    {
        var c = _columns[column];
        (c.MacroPresent ??= new bool[areas.Count])[municipality] = true;
        _macroPending = true;
        return c;
    }

    /// <summary>Adds <paramref name="amount"/> to a measure for a municipality and every area above it.</summary>
    public void AddMacro(string municipalityCode, string breakdown, string category, string measure, MeasureUnit unit, decimal amount = 1)
    {
        if (areas.IndexOf(AreaLevel.Municipality, municipalityCode) is var m and >= 0)
            AddMacro(m, Column(breakdown, category, measure, unit), amount);
    }

    /// <summary>Adds to a measure of one area (an office, for meso tables).</summary>
    public void Add(AreaLevel level, string areaCode, string breakdown, string category, string measure, decimal amount = 1, MeasureUnit? unit = null)
    {
        var column = unit is { } u ? Column(breakdown, category, measure, u)
            : _columnIndex.TryGetValue((breakdown, category, measure), out var existing) ? existing
            : Register(breakdown, category, measure, _units[measure]);
        Add(Area(level, areaCode), column, amount);
    }

    /// <summary>Adds to a column of one area; <paramref name="area"/> comes from <see cref="Area"/>.</summary>
    public void Add(int area, int column, decimal amount = 1)
    {
        var c = _columns[column];
        Allocate(c);
        c.Values![area] += amount;
        c.Present![area] = true;
    }

    /// <summary>Makes sure every area of a level has the measure, so that zeros are published as zeros.</summary>
    public void EnsureMacro(string breakdown, IEnumerable<string> categories, params (string Measure, MeasureUnit Unit)[] measures)
    {
        var cats = categories.ToList();
        foreach (var (measure, unit) in measures)
        {
            _units[measure] = unit;
        }
        var levels = areas.AggregateLevels;
        foreach (var (measure, _) in measures)
        foreach (var category in cats)
        {
            var c = _columns[Register(breakdown, category, measure, _units[measure])];
            Allocate(c);
            for (var a = 0; a < areas.Count; a++)
                if (levels.Contains(areas[a].Level)) c.Present![a] = true;
        }
    }

    /// <summary>The value of a column at an area (0 when there is none).</summary>
    public decimal Get(int area, int column)
    {
        RollUpMacro();
        return _columns[column].Values is { } values ? values[area] : 0;
    }

    /// <summary>Adds a rate cell to every row that has the numerator: numerator / denominator × scale.</summary>
    public void AddRate(string measure, MeasureUnit unit, string numerator, string denominator, decimal scale = 100)
    {
        RollUpMacro();
        for (int i = 0, count = _columns.Count; i < count; i++)
        {
            var c = _columns[i];
            if (c.Measure != numerator || c.Present is not { } present) continue;
            var den = _columnIndex.TryGetValue((c.Breakdown, c.Category, denominator), out var d) ? _columns[d].Values : null;
            var rate = Register(c.Breakdown, c.Category, measure, unit);
            var from = new RateMeasures((numerator, denominator));
            for (var a = 0; a < present.Length; a++)
            {
                if (!present[a] || den is null || den[a] == 0) continue;
                var (level, code) = AreaKey(a);
                _extra.Add((a, rate, new Cell(level, code, AreaName(a), period, c.Breakdown, c.Category, measure, unit,
                    Math.Round(c.Values![a] / den[a] * scale, 1)) { Rate = from }));
            }
        }
    }

    /// <summary>Adds a per-10,000-population rate for every macro row that has the numerator.</summary>
    public void AddPerPopulation(string measure, string numerator)
    {
        RollUpMacro();
        for (int i = 0, count = _columns.Count; i < count; i++)
        {
            var c = _columns[i];
            if (c.Measure != numerator || c.Present is not { } present) continue;
            var rate = Register(c.Breakdown, c.Category, measure, MeasureUnit.PerTenThousand);
            var from = new RateMeasures((numerator, numerator));
            for (var a = 0; a < areas.Count; a++)
            {
                if (!present[a] || areas[a] is not { Population: > 0 } area) continue;
                _extra.Add((a, rate, new Cell(area.Level, area.Code, area.Name, period, c.Breakdown, c.Category, measure, MeasureUnit.PerTenThousand,
                    Math.Round(c.Values![a] / area.Population * 10_000m, 2)) { Rate = from }));
            }
        }
    }

    /// <summary>Adds one computed cell (a gap, a ratio); <paramref name="from"/> names the measures it is
    /// derived from, so disclosure control hides it whenever they are hidden.</summary>
    public void AddDerived(AreaLevel level, string areaCode, string breakdown, string category, string measure, MeasureUnit unit,
        decimal value, (string, string)? from)
    {
        var area = Area(level, areaCode);
        _extra.Add((area, Register(breakdown, category, measure, unit),
            new Cell(level, areaCode, AreaName(area), period, breakdown, category, measure, unit, value) { Rate = Shared(from) }));
    }

    /// <summary>Adds one computed cell to a column (in the column's unit) of an area.</summary>
    public void AddDerived(int area, int column, decimal value, (string, string)? from)
    {
        var (level, code) = AreaKey(area);
        var c = _columns[column];
        _extra.Add((area, column, new Cell(level, code, AreaName(area), period, c.Breakdown, c.Category, c.Measure, c.Unit, value) { Rate = Shared(from) }));
    }

    /// <summary>Makes room for about this many more computed cells (a hint: a table of many saves growing the list by doubling).</summary>
    public void ExpectDerived(int count) => _extra.EnsureCapacity(_extra.Count + count);

    private RateMeasures? _lastFrom;

    /// <summary>The measures a derived cell comes from, as the instance the previous one used when they are the same
    /// (builders derive cell after cell from the same pair).</summary>
    private RateMeasures? Shared((string, string)? from)
    {
        if (from is not { } measures) return null;
        if (_lastFrom is not { } last || last.Measures != measures) _lastFrom = new RateMeasures(measures);
        return _lastFrom;
    }

    public Func<string, string> OfficeNames { get; init; } = code => code;

    /// <summary>The cells ordered by level, area code, breakdown, category (計 first) and measure; at the
    /// same key, counts before computed cells, and these in the order they were added.</summary>
    public ResultTable Build()
    {
        RollUpMacro();
        var areaOrder = AreaOrder();
        var columnOrder = Enumerable.Range(0, _columns.Count).ToArray();
        Array.Sort(columnOrder, (x, y) => CompareColumns(_columns[x], _columns[y]));
        var columnRank = new int[_columns.Count];
        for (var r = 0; r < columnOrder.Length; r++) columnRank[columnOrder[r]] = r;
        var areaRank = new int[areaOrder.Length];
        for (var r = 0; r < areaOrder.Length; r++) areaRank[areaOrder[r]] = r;
        // Computed cells by area rank, column rank, then the order they were added: a unique key each.
        var extraKeys = new long[_extra.Count];
        var extraOrder = new int[_extra.Count];
        for (var i = 0; i < extraKeys.Length; i++)
        {
            extraKeys[i] = checked(((long)areaRank[_extra[i].Area] * _columns.Count + columnRank[_extra[i].Column]) * _extra.Count + i);
            extraOrder[i] = i;
        }
        Array.Sort(extraKeys, extraOrder);

        var count = _extra.Count;
        foreach (var c in _columns)
            if (c.Present is { } present) count += present.AsSpan().Count(true);
        var cells = new Cell[count];
        var into = cells.AsSpan(); // no per-cell array covariance check
        var (next, extra) = (0, 0);
        foreach (var area in areaOrder)
        {
            var (level, code) = AreaKey(area);
            string? name = null;
            foreach (var column in columnOrder)
            {
                var c = _columns[column];
                if (c.Present is { } present && present[area])
                    into[next++] = new Cell(level, code, name ??= AreaName(area), period, c.Breakdown, c.Category, c.Measure, c.Unit, c.Values![area]);
                for (; extra < extraOrder.Length && _extra[extraOrder[extra]] is var e && e.Area == area && e.Column == column; extra++)
                    into[next++] = e.Cell;
            }
        }
        return new ResultTable(id, title, cells);
    }

    /// <summary>Every area index in cell order (level, then code): the hierarchy's order merged with the other areas, sorted.</summary>
    private int[] AreaOrder()
    {
        var others = Enumerable.Range(areas.Count, _otherAreas.Count).ToArray();
        Array.Sort(others, (x, y) => CompareAreas(AreaKey(x), AreaKey(y)));
        var hierarchy = areas.CellOrder;
        var order = new int[hierarchy.Count + others.Length];
        var (h, o) = (0, 0);
        for (var i = 0; i < order.Length; i++)
            order[i] = o == others.Length || (h < hierarchy.Count && CompareAreas(AreaKey(hierarchy[h]), AreaKey(others[o])) < 0) ? hierarchy[h++] : others[o++];
        return order;
    }

    private static int CompareAreas((AreaLevel Level, string Code) x, (AreaLevel Level, string Code) y) =>
        x.Level != y.Level ? x.Level.CompareTo(y.Level) : string.CompareOrdinal(x.Code, y.Code);

    private static int CompareColumns(ColumnCells x, ColumnCells y)
    {
        var c = string.CompareOrdinal(x.Breakdown, y.Breakdown);
        if (c != 0) return c;
        c = (x.Category == Cell.Total ? 0 : 1).CompareTo(y.Category == Cell.Total ? 0 : 1);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Category, y.Category);
        return c != 0 ? c : string.CompareOrdinal(x.Measure, y.Measure);
    }

    /// <summary>The index of a column, created with <paramref name="unit"/> when new (an existing column keeps its unit).</summary>
    private int Register(string breakdown, string category, string measure, MeasureUnit unit)
    {
        if (_columnIndex.TryGetValue((breakdown, category, measure), out var column)) return column;
        _columns.Add(new ColumnCells(breakdown, category, measure, unit));
        return _columnIndex[(breakdown, category, measure)] = _columns.Count - 1;
    }

    private void Allocate(ColumnCells c)
    {
        c.Values ??= new decimal[_capacity];
        c.Present ??= new bool[_capacity];
    }

    /// <summary>The index of an area for <see cref="Add(int, int, decimal)"/>: the hierarchy's, or one after
    /// the hierarchy's for an office or an unknown code.</summary>
    public int Area(AreaLevel level, string code)
    {
        if (level != AreaLevel.Office && areas.IndexOf(level, code) is var a and >= 0) return a;
        if (_otherAreaIndex.TryGetValue((level, code), out var other)) return other;
        other = areas.Count + _otherAreas.Count;
        _otherAreas.Add((level, code));
        _otherAreaIndex[(level, code)] = other;
        if (other >= _capacity)
        {
            _capacity = Math.Max(2 * _capacity, other + 1);
            foreach (var c in _columns)
            {
                if (c.Values is null) continue;
                Array.Resize(ref c.Values, _capacity);
                Array.Resize(ref c.Present, _capacity);
            }
        }
        return other;
    }

    private (AreaLevel Level, string Code) AreaKey(int area) =>
        area < areas.Count ? (areas[area].Level, areas[area].Code) : _otherAreas[area - areas.Count];

    private string AreaName(int area)
    {
        if (area < areas.Count) return areas[area].Name;
        var (level, code) = _otherAreas[area - areas.Count];
        return level == AreaLevel.Office ? OfficeNames(code) : code;
    }

    /// <summary>Adds what was added per municipality to the municipality and every area above it.</summary>
    private void RollUpMacro()
    {
        if (!_macroPending) return;
        foreach (var c in _columns)
        {
            if (c.MacroPresent is not { } macroPresent) continue;
            Allocate(c);
            var (values, present) = (c.Values!, c.Present!);
            for (var m = 0; m < macroPresent.Length; m++)
            {
                if (!macroPresent[m]) continue;
                // Exact decimal sums: adding counts and amounts in another order gives the same value and scale.
                var amount = (c.MacroCount is { } counts ? counts[m] : 0) + (c.Macro is { } macro ? macro[m] : 0);
                foreach (var a in areas.MacroIndexesOf(m))
                {
                    values[a] += amount;
                    present[a] = true;
                }
            }
            c.Macro = null;
            c.MacroCount = null;
            c.MacroPresent = null;
        }
        _macroPending = false;
    }
}
