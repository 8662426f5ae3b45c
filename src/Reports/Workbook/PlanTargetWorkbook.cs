using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PlanLink.Reports.Workbook;

/// <summary>plan-targets.xlsx with DocumentFormat.OpenXml (Microsoft's maintained SDK: full control of
/// number formats and frozen panes, no native dependencies; ClosedXML crashes beside OpenXml 3.x, stack.md).
/// One sheet per area level plus 説明; the header row is frozen; text is written inline so the
/// workbook's values do not depend on a shared-string order.</summary>
public static class PlanTargetWorkbook
{
    // Style indexes of the stylesheet below.
    private const uint Header = 1, Integer = 2, OneDecimal = 3, Wrapped = 4, Suppressed = 5;

    public static void Write(string path, PlanTargetSheet sheet)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var (level, name) in PlanTargetSheet.Levels)
            AddSheet(workbook, sheets, id++, name, sheet.Headers, sheet.Rows[level], frozen: true);
        AddSheet(workbook, sheets, id, "説明", ["項目", "内容"],
            sheet.Notes.Select(n => (IReadOnlyList<SheetValue>)[SheetValue.Of(n.Key), SheetValue.Of(n.Value)]).ToList(), frozen: false);
        workbook.Workbook.Save();
    }

    /// <summary>Writes the sheet element by element (OpenXmlWriter) instead of building its DOM: a national
    /// municipality sheet has millions of cells, and the DOM of them took gigabytes and seconds.</summary>
    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<SheetValue>> rows, bool frozen)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part, new UTF8Encoding(false))) // no BOM, as the DOM writes it
        {
            writer.WriteStartElement(new Worksheet());
            var view = new SheetView { WorkbookViewId = 0 };
            if (frozen)
            {
                view.Append(new Pane { VerticalSplit = 1, HorizontalSplit = 3, TopLeftCell = "D2", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen });
                view.Append(new Selection { Pane = PaneValues.BottomRight, ActiveCell = "D2", SequenceOfReferences = new ListValue<StringValue>(["D2"]) });
            }
            writer.WriteElement(new SheetViews(view));
            writer.WriteElement(Columns(headers, frozen));
            writer.WriteStartElement(new SheetData());
            var columnNames = Enumerable.Range(0, headers.Count).Select(ColumnName).ToArray(); // every row has the header's columns
            WriteRow(writer, columnNames, 1, headers.Select(h => SheetValue.Of(h)).ToList(), header: true);
            for (var i = 0; i < rows.Count; i++)
                WriteRow(writer, columnNames, (uint)i + 2, rows[i], header: false);
            writer.WriteEndElement(); // SheetData
            writer.WriteEndElement(); // Worksheet
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Columns Columns(IReadOnlyList<string> headers, bool table)
    {
        var columns = new Columns();
        for (var i = 0; i < headers.Count; i++)
        {
            double width = !table ? (i == 0 ? 16 : 100)
                : headers[i] switch { "地域コード" => 11, "地域名" => 14, "サービス種類" => 26, "指標" => 9, "単位" => 9, "予測方法" => 36, "前提" => 80, _ => 15 };
            columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true });
        }
        return columns;
    }

    // Tags written with their attributes given per cell, instead of an element object per cell.
    private static readonly Row RowTag = new();
    private static readonly Cell CellTag = new();
    private static readonly InlineString InlineStringTag = new();
    private static readonly Text TextTag = new();
    private static readonly CellValue ValueTag = new();

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<string> columnNames, uint index, IReadOnlyList<SheetValue> values, bool header)
    {
        var rowNumber = index.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(RowTag, [new OpenXmlAttribute("r", "", rowNumber)]);
        for (var c = 0; c < values.Count; c++)
            WriteCell(writer, columnNames[c] + rowNumber, values[c], header);
        writer.WriteEndElement();
    }

    /// <summary>A number (t="n", <c>v</c>) or inline text (t="inlineStr", <c>is/t</c>); a suppressed value is 「-」 right-aligned.</summary>
    private static void WriteCell(OpenXmlWriter writer, string reference, SheetValue v, bool header)
    {
        var (style, type, text) = v switch
        {
            { Number: { } n } => (v.Style == NumberStyle.OneDecimal ? OneDecimal : Integer, "n", n.ToString(CultureInfo.InvariantCulture)),
            { Text: { } t } => (header ? Header : t.Length > 30 ? Wrapped : 0u, "inlineStr", t),
            _ => (Suppressed, "inlineStr", "-"),
        };
        writer.WriteStartElement(CellTag,
            [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("s", "", StyleText[style]), new OpenXmlAttribute("t", "", type)]);
        if (type == "n") WriteLeaf(writer, ValueTag, text);
        else
        {
            writer.WriteStartElement(InlineStringTag);
            WriteLeaf(writer, TextTag, text);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static void WriteLeaf(OpenXmlWriter writer, OpenXmlElement tag, string text)
    {
        writer.WriteStartElement(tag);
        writer.WriteString(text);
        writer.WriteEndElement();
    }

    private static readonly string[] StyleText = ["0", "1", "2", "3", "4", "5"];

    /// <summary>A, B, … Z, AA, AB …</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFECF0F1" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, ApplyAlignment = true },
            new CellFormat { Alignment = new Alignment { Horizontal = HorizontalAlignmentValues.Right }, ApplyAlignment = true }) { Count = 6 });
}
