namespace PlanLink.Reports.Html;

/// <summary>The report's inlined stylesheet: A4 print layout, Japanese fonts, readable tables.</summary>
internal static class ReportStyles
{
    public const string Css = """
        @page { size: A4; margin: 18mm 14mm 16mm 14mm; }
        @media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
        body { font-family: "IPAexGothic", "Noto Sans CJK JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif;
               font-size: 10.5pt; line-height: 1.6; color: #222; max-width: 190mm; margin: 0 auto; }
        header.cover { border-bottom: 3px solid #2c3e50; margin-bottom: 1em; }
        h1 { font-size: 20pt; margin: 0.2em 0; }
        h2 { font-size: 14pt; border-left: 6px solid #2c3e50; padding-left: 0.4em; margin-top: 1.6em; break-after: avoid; }
        h3 { font-size: 11.5pt; margin-top: 1.2em; break-after: avoid; }
        section.chapter { break-before: page; }
        section.chapter:first-of-type { break-before: auto; }
        .synthetic { display: inline-block; background: #c0392b; color: #fff; padding: 0.1em 0.6em; font-weight: bold; }
        .meta { color: #555; }
        .kind { color: #2c3e50; font-weight: bold; margin: 1.2em 0 0; }
        nav.toc ol { columns: 2; list-style: none; padding-left: 1em; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 9.5pt; break-inside: auto; }
        table.wide { font-size: 8pt; }
        caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
        th, td { border: 1px solid #bbb; padding: 0.15em 0.4em; }
        thead th { background: #ecf0f1; }
        tbody th { text-align: left; font-weight: normal; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        tr { break-inside: avoid; }
        figure { margin: 0.8em 0; break-inside: avoid; }
        figure img { max-width: 100%; height: auto; }
        figcaption, .note { font-size: 8.5pt; color: #555; }
        .kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0.5em; }
        .kpi { border: 1px solid #bbb; padding: 0.4em; }
        .kpi .value { font-size: 16pt; font-weight: bold; }
        .kpi .value small { font-size: 10pt; margin-left: 0.1em; }
        .kpi .change { font-size: 8.5pt; color: #555; }
        """;

    /// <summary>The running header and footer of every printed page (CSS page-margin boxes): the region
    /// and quarter in 令和 and Western form, 合成データ when the data is synthetic, and the page number.</summary>
    public static string PageHeader(string running, bool isSynthetic) =>
        "@page { " +
        $"@top-left {{ content: \"{CssString(running)}\"; font-family: IPAexGothic, sans-serif; font-size: 8pt; color: #555; }} " +
        (isSynthetic ? "@top-right { content: \"合成データ\"; font-family: IPAexGothic, sans-serif; font-size: 8pt; font-weight: bold; color: #c0392b; } " : "") +
        "@bottom-center { content: counter(page) \" / \" counter(pages); font-size: 8pt; color: #555; } }";

    private static string CssString(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
