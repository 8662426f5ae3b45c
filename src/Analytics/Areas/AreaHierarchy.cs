using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Areas;

/// <summary>An area at some level: its code, name, population and parent.</summary>
public sealed record Area(AreaLevel Level, string Code, string Name, long Population, string? ParentCode);

/// <summary>Municipality → 障害保健福祉圏域 → prefecture, from municipalities.csv. Prefecture codes are
/// the 全国地方公共団体コード of the prefecture (pp000 + check digit); 圏域 get codes ppRnn.
/// Every area also has a dense index (0 … <see cref="Count"/> − 1), so that per-area figures can live in arrays.</summary>
public sealed class AreaHierarchy
{
    /// <summary>The areas by index, in the order they were defined; one per (level, code).</summary>
    private readonly List<Area> _areas = [];
    private readonly Dictionary<(AreaLevel, string), int> _indexOf = [];
    private readonly Dictionary<(AreaLevel, string), List<Area>> _children = [];
    private readonly Dictionary<string, Area> _supportCenterOf = [];
    private readonly int[] _parentOf;
    /// <summary>Per area index: the indexes of the areas a municipality's figures count in (empty for other areas).</summary>
    private readonly int[][] _macroIndexesAt;

    public AreaHierarchy(IEnumerable<Municipality> municipalities, IEnumerable<SupportCenterArea>? supportCenters = null)
    {
        var macroIndexes = new Dictionary<int, int[]>();
        var list = municipalities.OrderBy(m => m.Code, StringComparer.Ordinal).ToList();
        foreach (var prefecture in list.GroupBy(m => (Code: LocalGovernmentCode.WithCheckDigit(m.Code[..2] + "000"), m.Prefecture)))
        {
            var pref = Add(new Area(AreaLevel.Prefecture, prefecture.Key.Code, prefecture.Key.Prefecture, prefecture.Sum(m => (long)m.Population), null));
            var n = 0;
            foreach (var region in prefecture.GroupBy(m => m.Region))
            {
                var code = $"{prefecture.Key.Code[..2]}R{++n:00}";
                var area = Add(new Area(AreaLevel.Region, code, region.Key, region.Sum(m => (long)m.Population), pref.Code));
                foreach (var m in region)
                {
                    var municipality = Add(new Area(AreaLevel.Municipality, m.Code, m.Name, m.Population, code));
                    macroIndexes[IndexOf(municipality)] = [IndexOf(municipality), IndexOf(area), IndexOf(pref)];
                }
            }
        }
        // 基幹相談支援センター areas: parents of their municipalities beside the macro chain.
        foreach (var center in (supportCenters ?? []).GroupBy(c => (c.CenterId, c.CenterName)).OrderBy(g => g.Key.CenterId, StringComparer.Ordinal))
        {
            var members = center.Select(c => Municipality(c.MunicipalityCode)).OfType<Area>().ToList();
            var area = new Area(AreaLevel.SupportCenter, center.Key.CenterId, center.Key.CenterName, members.Sum(m => m.Population), null);
            Put(area);
            _children[Key(area.Level, area.Code)] = members;
            foreach (var m in members)
            {
                _supportCenterOf[m.Code] = area;
                var member = IndexOf(m);
                macroIndexes[member] = [.. macroIndexes[member], IndexOf(area)];
            }
        }
        _parentOf = [.. _areas.Select(a => a.ParentCode is { } parent ? IndexOf(a.Level + 1, parent) : -1)];
        _macroIndexesAt = new int[_areas.Count][];
        Array.Fill(_macroIndexesAt, []);
        foreach (var (municipality, areas) in macroIndexes) _macroIndexesAt[municipality] = areas;
    }

    /// <summary>The 基幹相談支援センター area a municipality belongs to, when configured.</summary>
    public Area? SupportCenterOf(string municipalityCode) => _supportCenterOf.GetValueOrDefault(municipalityCode);

    private Area Add(Area area)
    {
        Put(area);
        if (area.ParentCode is { } parent)
        {
            var key = Key(area.Level + 1, parent);
            if (!_children.TryGetValue(key, out var list)) _children[key] = list = [];
            list.Add(area);
        }
        return area;
    }

    /// <summary>Defines an area; a later area with the same level and code replaces the earlier one but keeps its index.</summary>
    private void Put(Area area)
    {
        if (_indexOf.TryGetValue(Key(area.Level, area.Code), out var i)) _areas[i] = area;
        else
        {
            _indexOf[Key(area.Level, area.Code)] = _areas.Count;
            _areas.Add(area);
        }
    }

    private int IndexOf(Area area) => _indexOf[Key(area.Level, area.Code)];

    private static (AreaLevel, string) Key(AreaLevel level, string code) => (level, code);

    /// <summary>The levels every macro table has: municipality, 圏域, prefecture, and 基幹相談支援センター areas when configured.</summary>
    public IReadOnlyList<AreaLevel> AggregateLevels => _supportCenterOf.Count > 0
        ? [AreaLevel.Municipality, AreaLevel.Region, AreaLevel.Prefecture, AreaLevel.SupportCenter]
        : [AreaLevel.Municipality, AreaLevel.Region, AreaLevel.Prefecture];

    public IEnumerable<Area> At(AreaLevel level) => _areas.Where(a => a.Level == level);

    public Area? Find(AreaLevel level, string code) => IndexOf(level, code) is var i and >= 0 ? _areas[i] : null;

    public Area? Municipality(string code) => Find(AreaLevel.Municipality, code);

    public IReadOnlyList<Area> Children(Area parent) => _children.GetValueOrDefault(Key(parent.Level, parent.Code)) ?? [];

    /// <summary>How many areas there are: indexes run from 0 to Count − 1.</summary>
    public int Count => _areas.Count;

    /// <summary>The area with an index.</summary>
    public Area this[int index] => _areas[index];

    /// <summary>The index of an area, or −1 when there is no such area.</summary>
    public int IndexOf(AreaLevel level, string code) => _indexOf.GetValueOrDefault(Key(level, code), -1);

    /// <summary>The index of the area's parent (<see cref="Area.ParentCode"/> one level up), or −1.</summary>
    public int ParentOf(int area) => _parentOf[area];

    /// <summary>Every area index, ordered by level, then code (ordinal): the order of the cells of a table.</summary>
    public IReadOnlyList<int> CellOrder => _cellOrder ??= [.. Enumerable.Range(0, _areas.Count)
        .OrderBy(i => _areas[i].Level).ThenBy(i => _areas[i].Code, StringComparer.Ordinal)];

    private int[]? _cellOrder;

    /// <summary>The indexes of the areas the figures of the municipality with index <paramref name="municipality"/> count in:
    /// itself, its 圏域, its prefecture and, when configured, its 基幹相談支援センター area.</summary>
    public ReadOnlySpan<int> MacroIndexesOf(int municipality) => _macroIndexesAt[municipality];
}
