using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PlanLink.Tests.Reports;

/// <summary>Reads plan-targets.xlsx back with the OpenXml SDK: every sheet's cell values as text, row by row.</summary>
internal static class WorkbookReader
{
    public static Dictionary<string, List<string[]>> Values(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            result[sheet.Name!] = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(Text).ToArray()).ToList();
        }
        return result;
    }

    public static bool HeaderFrozen(string path, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == sheetName);
        var pane = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Pane>().FirstOrDefault();
        return pane is { State.Value: var state } && state == PaneStateValues.Frozen && pane.VerticalSplit?.Value == 1;
    }

    private static string Text(Cell c) => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
}
