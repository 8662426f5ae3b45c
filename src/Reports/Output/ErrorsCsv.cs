using CsvHelper;
using PlanLink.Ingest.Csv;

namespace PlanLink.Reports.Output;

/// <summary>errors.csv: every rejected input row (file, line, column, value, reason), UTF-8 with BOM for Excel.</summary>
public static class ErrorsCsv
{
    public static void Write(string path, IEnumerable<RowError> errors)
    {
        using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default with { WriteByteOrderMark = true });
        foreach (var h in new[] { "file", "line", "column", "value", "reason" }) csv.WriteField(h);
        csv.EndRecord();
        foreach (var e in errors)
        {
            csv.WriteField(e.File);
            csv.WriteField(e.Line);
            csv.WriteField(e.Column);
            csv.WriteField(e.Value);
            csv.WriteField(e.Reason);
            csv.EndRecord();
        }
    }
}
