using System.Diagnostics;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Reports;

/// <summary>report.html in a real browser: it prints to a plausible number of A4 pages and the first page
/// shows Japanese text, not blank and not tofu boxes.</summary>
[Collection(ReportRunsCollection.Name)]
public class ReportPrintTests(ReportRuns runs)
{
    [ChromiumFact]
    public void Report_PrintsToPdf_WithAPlausiblePageCount()
    {
        Assert.True(Chromium.Executable is not null, "CI=true but chromium is missing: .ci/run should install it");
        using var work = new TempFolder();
        var pdf = work.File("report.pdf");
        Chromium.Run(work.Path, new Uri(Path.Combine(runs.Region, "report.html")).AbsoluteUri, $"--print-to-pdf={pdf}", "--no-pdf-header-footer");
        var pages = PdfPages(pdf);
        Assert.InRange(pages, 12, 60); // eight chapters, each from a new page, 14 charts with their tables
    }

    [ChromiumFact]
    public void Report_Screenshot_ShowsJapaneseText_NotBlank_NotTofu()
    {
        Assert.True(Chromium.Executable is not null, "CI=true but chromium is missing: .ci/run should install it");
        using var work = new TempFolder();
        var report = Screenshot(work, new Uri(Path.Combine(runs.Region, "report.html")).AbsoluteUri, "report.png");
        var blank = Screenshot(work, Page(work, "blank.html", ""), "blank.png");
        Assert.True(report.Ink > blank.Ink + 20_000, $"the report drew {report.Ink} dark pixels, a blank page {blank.Ink}");
        // Tofu boxes are identical for every missing character; real glyphs differ. Same CSS as the report.
        var ni = Screenshot(work, Page(work, "ni.html", "日本語日本語"), "ni.png");
        var ka = Screenshot(work, Page(work, "ka.html", "未充足未充足"), "ka.png");
        Assert.True(ni.Ink > blank.Ink + 500, "the Japanese test text drew nothing");
        Assert.NotEqual(ni.Pixels, ka.Pixels);
    }

    /// <summary>A page with the report's own stylesheet (so the same font stack) and one line of large text.</summary>
    private string Page(TempFolder work, string name, string text)
    {
        var html = File.ReadAllText(Path.Combine(runs.Region, "report.html"));
        var css = System.Text.RegularExpressions.Regex.Match(html, "<style>(.*?)</style>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        File.WriteAllText(work.File(name), $"<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><style>{css}</style></head><body><p style=\"font-size:80px\">{text}</p></body></html>");
        return new Uri(work.File(name)).AbsoluteUri;
    }

    private static (int Ink, string Pixels) Screenshot(TempFolder work, string url, string name)
    {
        var png = work.File(name);
        Chromium.Run(work.Path, url, $"--screenshot={png}", "--window-size=1240,1754");
        var gray = new ScottPlot.Image(png).GetArrayGrayscale();
        var ink = 0;
        var pixels = new System.Text.StringBuilder();
        for (var y = 0; y < gray.GetLength(0); y += 2)
        for (var x = 0; x < gray.GetLength(1); x += 2)
        {
            var dark = gray[y, x] < 128;
            if (dark) ink++;
            if (y < 300) pixels.Append(dark ? '#' : '.');
        }
        return (ink * 4, pixels.ToString());
    }

    private static int PdfPages(string pdf)
    {
        var info = new ProcessStartInfo("pdfinfo", [pdf]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
