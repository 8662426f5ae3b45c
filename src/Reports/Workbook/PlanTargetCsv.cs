using System.Globalization;
using CsvHelper;

namespace PlanLink.Reports.Workbook;

/// <summary>plan-targets.csv: the workbook's rows in one file (区分 = the sheet), UTF-8 with BOM for Excel;
/// suppressed values are 「-」 as in the workbook. No timestamp: the same input gives the same bytes.</summary>
public static class PlanTargetCsv
{
    public static void Write(string path, PlanTargetSheet sheet)
    {
        using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default with { WriteByteOrderMark = true, NewLine = "\n" });
        csv.WriteField("区分");
        foreach (var h in sheet.Headers) csv.WriteField(h);
        csv.EndRecord();
        foreach (var (level, name) in PlanTargetSheet.Levels)
        foreach (var row in sheet.Rows[level])
        {
            csv.WriteField(name);
            foreach (var v in row) csv.WriteField(Format(v));
            csv.EndRecord();
        }
    }

    public static string Format(SheetValue v) =>
        v.Text ?? v.Number?.ToString(v.Style == NumberStyle.OneDecimal ? "0.0" : "0", CultureInfo.InvariantCulture) ?? "-";
}
