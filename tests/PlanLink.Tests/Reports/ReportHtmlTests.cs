using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using PlanLink.Reports.Html;

namespace PlanLink.Tests.Reports;

/// <summary>report.html as a document: parses, has every chapter in order, needs no network, and every
/// number in its tables is a published figure.</summary>
[Collection(ReportRunsCollection.Name)]
public class ReportHtmlTests(ReportRuns runs)
{
    private AngleSharp.Html.Dom.IHtmlDocument Document() =>
        new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(runs.Region, "report.html")));

    [Fact]
    public void ReportHtml_HasEveryChapterInOrder_AndATableOfContents()
    {
        var doc = Document();
        var chapters = doc.QuerySelectorAll("section.chapter").Select(s => s.Id).ToList();
        Assert.Equal(["summary", "unmet", "gaps", "linkage", "monitoring", "trends", "targets", "notes"], chapters);
        Assert.Equal(ReportDocument.Chapters.Select(c => "#" + c.Id), doc.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")));
        Assert.Equal("ja", doc.DocumentElement.GetAttribute("lang"));
        Assert.Contains("令和8年度", doc.QuerySelector("style")!.TextContent); // the running page header
        Assert.Contains("2026年", doc.QuerySelector("style")!.TextContent);
        Assert.Contains("合成データ", doc.QuerySelector("header.cover")!.TextContent);
    }

    [Fact]
    public void ReportHtml_IsSelfContained_NoExternalUrl_ImagesInlined_NotLinkingInternal()
    {
        var html = File.ReadAllText(Path.Combine(runs.Region, "report.html"));
        var doc = Document();
        Assert.DoesNotMatch(new Regex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase), Regex.Replace(html, "data:image/png;base64,[A-Za-z0-9+/=]+", ""));
        Assert.DoesNotContain("@import", html);
        var images = doc.QuerySelectorAll("img").ToList();
        Assert.True(images.Count >= 10);
        Assert.All(images, img => Assert.StartsWith("data:image/png;base64,", img.GetAttribute("src")));
        Assert.All(images, img => Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt"))));
        Assert.All(doc.QuerySelectorAll("a[href]"), a => Assert.StartsWith("#", a.GetAttribute("href")));
        Assert.DoesNotContain("internal/", html);
        Assert.DoesNotContain("内部資料・取扱注意", html);
    }

    [Fact]
    public void ReportHtml_EveryChartHasATableBelowIt()
    {
        foreach (var figure in Document().QuerySelectorAll("figure"))
        {
            var next = figure.NextElementSibling;
            Assert.True(next is not null && next.LocalName == "table", $"no table below chart {figure.QuerySelector("figcaption")?.TextContent}");
        }
    }

    [Fact]
    public void ReportHtml_EveryTableNumber_IsInFiguresCsv()
    {
        var figures = FigureRow.Read(runs.Region).Where(f => !f.Suppressed).Select(f => f.Number!.Value).ToHashSet();
        var cells = Document().QuerySelectorAll("td.num").Select(td => td.TextContent.Trim()).ToList();
        Assert.True(cells.Count > 300, $"{cells.Count} number cells");
        var numbers = 0;
        foreach (var text in cells.SelectMany(c => c.Split('〜')))
        {
            if (text is "" or "-" or "供給なし") continue;
            Assert.Matches(@"^[+-]?[\d,]+(\.\d+)?$", text);
            Assert.True(figures.Contains(decimal.Parse(text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)), $"table number {text} is not in figures.csv");
            numbers++;
        }
        Assert.True(numbers > 300);
    }
}
