using System.Globalization;
using System.Net;
using System.Text;

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
        var sb = new StringBuilder();
        // data-source names the published tables (figures.csv `table`) the numbers come from; wide tables print smaller.
        sb.Append("<table").Append(source is null ? "" : $" data-source=\"{E(source)}\"").Append(headers.Count > 8 ? " class=\"wide\"" : "").Append("><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        bool IsText(int i, int count) => i < labelColumns || i >= count - trailingTextColumns;
        for (var i = 0; i < headers.Count; i++) sb.Append(IsText(i, headers.Count) ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">").Append(E(headers[i])).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                sb.Append(i == 0 ? "<th scope=\"row\">" : IsText(i, row.Count) ? "<td>" : "<td class=\"num\">").Append(row[i]).Append(i == 0 ? "</th>" : "</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (note is not null) sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
        return sb.ToString();
    }

    /// <summary>A chart inlined as a data: URI, so report.html is one self-contained file.</summary>
    public static string Image(Charts.ChartFiles chart) =>
        $"<figure><img src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(chart.PngPath))}\" alt=\"{E(chart.AltText)}\">" +
        $"<figcaption>{E(chart.Title)}（charts/{E(chart.Name)}.png / .svg）</figcaption></figure>";
}
