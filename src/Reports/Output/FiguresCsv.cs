using System.Globalization;
using CsvHelper;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Tables;

namespace PlanLink.Reports.Output;

/// <summary>figures.csv: every published number in one tidy table (design.md), UTF-8 with BOM for Excel.
/// Takes only <see cref="PublishedTable"/>s, so unprotected figures cannot reach it.</summary>
public static class FiguresCsv
{
    public static readonly string[] Header =
        ["table", "level", "area_code", "area_name", "period", "breakdown", "category", "measure", "unit", "value", "suppressed"];

    public static void Write(string path, IEnumerable<PublishedTable> tables)
    {
        using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default with { WriteByteOrderMark = true, NewLine = "\n" });
        foreach (var h in Header) csv.WriteField(h);
        csv.EndRecord();
        foreach (var table in tables)
        foreach (var c in table.Cells)
        {
            csv.WriteField(table.Id);
            csv.WriteField(c.Level.Code());
            csv.WriteField(c.AreaCode);
            csv.WriteField(c.AreaName);
            csv.WriteField(c.Period.ToString());
            csv.WriteField(c.Breakdown);
            csv.WriteField(c.Category);
            csv.WriteField(c.Measure);
            csv.WriteField(c.Unit.Code());
            csv.WriteField(Format(c.Value));
            csv.WriteField(c.Suppressed ? "true" : "false");
            csv.EndRecord();
        }
    }

    /// <summary>A value as figures.csv and the report print it: invariant, no trailing zeros.</summary>
    public static string Format(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}
