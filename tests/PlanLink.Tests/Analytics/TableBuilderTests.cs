using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Tables;
using static PlanLink.Tests.TinyRegion;

namespace PlanLink.Tests.Analytics;

/// <summary>TableBuilder's arrays and roll-up give the cells its contract describes: macro additions counted in
/// the municipality and every area above, areas outside the hierarchy and offices beside them, rates and
/// computed cells after the counts of their row, everything in (level, code, breakdown, 計 first, category, measure) order.</summary>
public class TableBuilderTests
{
    private static readonly AreaHierarchy Areas = new(Build().Municipalities);
    private static readonly FiscalQuarter Q = FiscalQuarter.Of(AsOf);

    [Fact]
    public void Cells_RollUpMunicipalities_KeepOtherAreas_AndFollowTheOrder()
    {
        var t = new TableBuilder("t", "t", Areas, Q) { OfficeNames = code => "事業所" + code };
        t.EnsureMacro("b", ["x"], ("m", MeasureUnit.Persons));
        var persons = t.Column("b", "y", "m", MeasureUnit.Persons);
        t.AddMacro(Areas.IndexOf(AreaLevel.Municipality, A), persons, 2);
        t.AddMacro(B, "b", "y", "m", MeasureUnit.Persons, 1.5m);
        t.AddMacro("000000", "b", "y", "m", MeasureUnit.Persons); // not a municipality of the region: not counted
        t.Add(AreaLevel.Municipality, "999999", "b", Cell.Total, "m", 4, MeasureUnit.Persons);
        t.Add(AreaLevel.Office, O2, "b", Cell.Total, "m", 0, MeasureUnit.Persons);
        t.Add(AreaLevel.Office, O1, "b", Cell.Total, "m");
        t.AddDerived(AreaLevel.Office, O1, "b", Cell.Total, "d", MeasureUnit.Ratio, 0.5m, ("m", "m"));
        // At the same key as a count: after it, in the order added.
        t.AddDerived(AreaLevel.Office, O2, "b", Cell.Total, "m", MeasureUnit.Ratio, 7, null);
        t.AddDerived(AreaLevel.Office, O2, "b", Cell.Total, "m", MeasureUnit.Ratio, 8, null);
        t.AddRate("r", MeasureUnit.Percent, "m", "m");
        var cells = t.Build().Cells;

        var pref = Areas.At(AreaLevel.Prefecture).Single().Code;
        var north = Areas.At(AreaLevel.Region).Single(r => r.Name == "北圏域").Code;
        decimal? V(AreaLevel level, string code, string category, string measure) =>
            cells.SingleOrDefault(c => c.Level == level && c.AreaCode == code && c.Category == category && c.Measure == measure)?.Value;
        Assert.Equal(2, V(AreaLevel.Municipality, A, "y", "m"));
        Assert.Equal(3.5m, V(AreaLevel.Region, north, "y", "m"));
        Assert.Equal("3.5", V(AreaLevel.Prefecture, pref, "y", "m")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, V(AreaLevel.Municipality, C, "x", "m"));
        Assert.Null(V(AreaLevel.Municipality, C, "y", "m"));
        Assert.Equal(4, V(AreaLevel.Municipality, "999999", Cell.Total, "m"));
        Assert.Equal("999999", cells.First(c => c.AreaCode == "999999").AreaName);
        Assert.Equal(0, cells.First(c => c.AreaCode == O2 && c.Measure == "m").Value);
        Assert.Null(V(AreaLevel.Office, O2, Cell.Total, "r"));
        Assert.Equal(100, V(AreaLevel.Office, O1, Cell.Total, "r"));
        Assert.Equal("事業所" + O1, cells.First(c => c.AreaCode == O1).AreaName);
        Assert.Equal(2, t.Get(Areas.IndexOf(AreaLevel.Municipality, A), persons));

        var ordered = cells.OrderBy(c => c.Level).ThenBy(c => c.AreaCode, StringComparer.Ordinal).ThenBy(c => c.Breakdown, StringComparer.Ordinal)
            .ThenBy(c => c.Category == Cell.Total ? 0 : 1).ThenBy(c => c.Category, StringComparer.Ordinal).ThenBy(c => c.Measure, StringComparer.Ordinal);
        Assert.Equal(ordered, cells);
        Assert.Equal([(O1, "d", 0.5m), (O1, "m", 1), (O1, "r", 100), (O2, "m", 0), (O2, "m", 7), (O2, "m", 8)],
            cells.Where(c => c.Level == AreaLevel.Office).Select(c => (c.AreaCode, c.Measure, c.Value)));
    }

    [Fact]
    public void RatesAndDerivedCells_NameTheMeasuresTheyComeFrom_AndCompareByValue()
    {
        var t = new TableBuilder("t", "t", Areas, Q);
        t.Add(AreaLevel.Office, O1, "b", Cell.Total, "n", 1, MeasureUnit.Persons);
        t.Add(AreaLevel.Office, O1, "b", Cell.Total, "d", 4, MeasureUnit.Persons);
        t.AddRate("r", MeasureUnit.Percent, "n", "d");
        t.AddDerived(AreaLevel.Office, O1, "b", Cell.Total, "g", MeasureUnit.Ratio, 3, ("d", "n"));
        t.AddDerived(AreaLevel.Office, O2, "b", Cell.Total, "g", MeasureUnit.Ratio, 5, ("d", "n"));
        t.AddDerived(AreaLevel.Office, O2, "b", Cell.Total, "h", MeasureUnit.Ratio, 6, null);
        var cells = t.Build().Cells;

        (string, string)? From(string code, string measure) => cells.Single(c => c.AreaCode == code && c.Measure == measure).RateOf;
        Assert.Null(From(O1, "n"));
        Assert.Equal(("n", "d"), From(O1, "r"));
        Assert.Equal(("d", "n"), From(O1, "g"));
        Assert.Equal(("d", "n"), From(O2, "g"));
        Assert.Null(From(O2, "h"));
        var rate = cells.Single(c => c.Measure == "r");
        Assert.Equal(rate with { RateOf = ("n", "d") }, rate);
        Assert.NotEqual(rate with { RateOf = ("n", "x") }, rate);
        Assert.NotEqual(rate with { RateOf = null }, rate);
    }
}
