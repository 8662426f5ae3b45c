using System.Buffers;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PlanLink.Reports.Output;

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

    /// <summary>Writes the sheet's XML straight as UTF-8 bytes, exactly as OpenXmlWriter wrote it (prefix x:, attributes
    /// in the same order, text escaped the same way): a national municipality sheet has millions of cells, and writing
    /// them one element object at a time took seconds.</summary>
    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<SheetValue>> rows, bool frozen)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var xml = new Utf8Output(part.GetStream(FileMode.Create, FileAccess.Write)))
        {
            xml.Bytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetViews>"u8);
            xml.Bytes(frozen
                ? "<x:sheetView workbookViewId=\"0\"><x:pane xSplit=\"3\" ySplit=\"1\" topLeftCell=\"D2\" activePane=\"bottomRight\" state=\"frozen\" /><x:selection pane=\"bottomRight\" activeCell=\"D2\" sqref=\"D2\" /></x:sheetView>"u8
                : "<x:sheetView workbookViewId=\"0\" />"u8);
            xml.Bytes("</x:sheetViews><x:cols>"u8);
            for (var i = 0; i < headers.Count; i++)
            {
                xml.Bytes("<x:col min=\""u8);
                xml.Integer(i + 1);
                xml.Bytes("\" max=\""u8);
                xml.Integer(i + 1);
                xml.Bytes("\" width=\""u8);
                xml.Text(XmlConvert.ToString(ColumnWidth(i, headers[i], frozen)));
                xml.Bytes("\" customWidth=\"1\" />"u8);
            }
            xml.Bytes("</x:cols><x:sheetData>"u8);
            // Every row has the header's columns; a cell reference is its column's name and the row number.
            var columnNames = Enumerable.Range(0, headers.Count).Select(c => Encoding.ASCII.GetBytes(ColumnName(c))).ToArray();
            WriteRow(xml, columnNames, 1, [.. headers.Select(SheetValue.Of)], header: true);
            for (var i = 0; i < rows.Count; i++)
                WriteRow(xml, columnNames, i + 2, rows[i], header: false);
            xml.Bytes("</x:sheetData></x:worksheet>"u8);
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static double ColumnWidth(int index, string header, bool table) => !table ? (index == 0 ? 16 : 100)
        : header switch { "地域コード" => 11, "地域名" => 14, "サービス種類" => 26, "指標" => 9, "単位" => 9, "予測方法" => 36, "前提" => 80, _ => 15 };

    private static void WriteRow(Utf8Output xml, byte[][] columnNames, int row, IReadOnlyList<SheetValue> values, bool header)
    {
        xml.Bytes("<x:row r=\""u8);
        xml.Integer(row);
        xml.Bytes("\">"u8);
        for (var c = 0; c < values.Count; c++)
        {
            // A number (t="n", v) or inline text (t="inlineStr", is/t); a suppressed value is 「-」 right-aligned.
            var v = values[c];
            xml.Bytes("<x:c r=\""u8);
            xml.Bytes(columnNames[c]);
            xml.Integer(row);
            if (v.Number is { } n)
            {
                xml.Bytes(v.Style == NumberStyle.OneDecimal ? "\" s=\"3\" t=\"n\"><x:v>"u8 : "\" s=\"2\" t=\"n\"><x:v>"u8);
                xml.Decimal(n);
                xml.Bytes("</x:v></x:c>"u8);
                continue;
            }
            var (style, text) = v.Text is { } t ? (header ? Header : t.Length > 30 ? Wrapped : 0u, t) : (Suppressed, "-");
            xml.Bytes("\" s=\""u8);
            xml.Integer(style);
            xml.Bytes("\" t=\"inlineStr\"><x:is><x:t>"u8);
            XmlText(xml, text);
            xml.Bytes("</x:t></x:is></x:c>"u8);
        }
        xml.Bytes("</x:row>"u8);
    }

    /// <summary>Characters an XmlWriter would not copy as they are: markup, line breaks it normalises, characters it refuses.</summary>
    private static readonly SearchValues<char> NotPlain = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n')).Select(c => (char)c), '<', '>', '&',
         .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    /// <summary>Element text as XmlWriter writes it: plain text as it is, anything else through an XmlWriter (rare).</summary>
    private static void XmlText(Utf8Output xml, string text)
    {
        if (!text.AsSpan().ContainsAny(NotPlain))
        {
            xml.Text(text);
            return;
        }
        var escaped = new StringBuilder();
        using (var writer = XmlWriter.Create(escaped, new XmlWriterSettings { ConformanceLevel = ConformanceLevel.Fragment }))
            writer.WriteString(text);
        xml.Text(escaped.ToString());
    }

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
