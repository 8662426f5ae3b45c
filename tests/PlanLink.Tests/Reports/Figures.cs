using System.Globalization;

namespace PlanLink.Tests.Reports;

/// <summary>figures.csv read back as the tests need it (no quoted fields in it: names have no commas).</summary>
internal sealed record FigureRow(string Table, string Level, string AreaCode, string AreaName, string Period, string Breakdown,
    string Category, string Measure, string Unit, string Value, bool Suppressed)
{
    public static IReadOnlyList<FigureRow> Read(string outDir) =>
        File.ReadAllLines(Path.Combine(outDir, "figures.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => new FigureRow(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10] == "true")).ToList();

    public decimal? Number => Value.Length == 0 ? null : decimal.Parse(Value, CultureInfo.InvariantCulture);
}
