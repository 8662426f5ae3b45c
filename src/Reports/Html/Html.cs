using System.Globalization;
using System.Net;

namespace PlanLink.Reports.Html;

/// <summary>Small helpers for writing the report's HTML: escaping, numbers, tables.</summary>
public static class Html
{
    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A published number as the report shows it; suppressed values show 「-」.</summary>
    public static string Number(decimal? value) =>
        value?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>A table with a caption, header row and rows; cells are already-escaped HTML. The first
    /// <paramref name="labelColumns"/> columns are labels, the rest right-aligned numbers (class "num");
    /// the last <paramref name="trailingTextColumns"/> are text again; <paramref name="source"/> names the published tables the numbers come from (space-separated ids).</summary>
    public static string Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? note = null,
        int labelColumns = 1, string? source = null, int trailingTextColumns = 0)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteTable(writer, caption, headers, rows, note, labelColumns, source, trailingTextColumns);
        return writer.ToString();
    }

    /// <summary><see cref="Table"/> written straight to <paramref name="writer"/>: a table of a hundred thousand rows
    /// (the case-review list) need not become one string.</summary>
    public static void WriteTable(TextWriter writer, string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        string? note = null, int labelColumns = 1, string? source = null, int trailingTextColumns = 0)
    {
        // data-source names the published tables (figures.csv `table`) the numbers come from; wide tables print smaller.
        writer.Write("<table");
        writer.Write(source is null ? "" : $" data-source=\"{E(source)}\"");
        writer.Write(headers.Count > 8 ? " class=\"wide\"" : "");
        writer.Write("><caption>");
        writer.Write(E(caption));
        writer.Write("</caption><thead><tr>");
        bool IsText(int i, int count) => i < labelColumns || i >= count - trailingTextColumns;
        for (var i = 0; i < headers.Count; i++)
        {
            writer.Write(IsText(i, headers.Count) ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">");
            writer.Write(E(headers[i]));
            writer.Write("</th>");
        }
        writer.Write("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            writer.Write("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                writer.Write(i == 0 ? "<th scope=\"row\">" : IsText(i, row.Count) ? "<td>" : "<td class=\"num\">");
                writer.Write(row[i]);
                writer.Write(i == 0 ? "</th>" : "</td>");
            }
            writer.Write("</tr>");
        }
        writer.Write("</tbody></table>");
        if (note is not null)
        {
            writer.Write("<p class=\"note\">");
            writer.Write(E(note));
            writer.Write("</p>");
        }
    }

    /// <summary>A chart inlined as a data: URI, so report.html is one self-contained file.</summary>
    public static string Image(Charts.ChartFiles chart) =>
        $"<figure><img src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(chart.PngPath))}\" alt=\"{E(chart.AltText)}\">" +
        $"<figcaption>{E(chart.Title)}（charts/{E(chart.Name)}.png / .svg）</figcaption></figure>";
}
