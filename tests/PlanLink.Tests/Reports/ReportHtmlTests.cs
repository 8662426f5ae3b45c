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
    public void ReportHtml_EveryTableNumber_IsAPublishedFigureOfTheTableItNames()
    {
        var figures = FigureRow.Read(runs.Region).Where(f => !f.Suppressed)
            .GroupBy(f => f.Table).ToDictionary(g => g.Key, g => g.Select(f => f.Number!.Value).ToHashSet());
        var tables = Document().QuerySelectorAll("table").ToList();
        Assert.True(tables.Count >= 15, $"{tables.Count} tables");
        var numbers = 0;
        foreach (var table in tables)
        {
            var caption = table.QuerySelector("caption")?.TextContent;
            var sources = table.GetAttribute("data-source")?.Split(' ');
            Assert.True(sources is { Length: > 0 }, $"table {caption} does not name its published table");
            var allowed = sources.SelectMany(id => figures.TryGetValue(id, out var v) ? v : throw new Xunit.Sdk.XunitException($"{caption}: no table {id} in figures.csv")).ToHashSet();
            foreach (var text in table.QuerySelectorAll("td.num").SelectMany(td => td.TextContent.Trim().Split('〜')))
            {
                if (text is "" or "-" or "供給なし") continue;
                Assert.Matches(@"^[+-]?[\d,]+(\.\d+)?$", text);
                var value = decimal.Parse(text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(allowed.Contains(value), $"{caption}: {text} is not a published figure of {string.Join(", ", sources)}");
                numbers++;
            }
        }
        Assert.True(numbers > 500, $"{numbers} numbers checked");
    }

    [Fact]
    public void ReportHtml_ShowsNoPersonCountBelowK()
    {
        // Persons columns: any number there is 0 or at least k = 10 (or a hidden 「-」).
        foreach (var table in Document().QuerySelectorAll("table"))
        {
            var headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
            for (var c = 0; c < headers.Count; c++)
            {
                if (!headers[c].EndsWith("（人）", StringComparison.Ordinal)) continue;
                foreach (var row in table.QuerySelectorAll("tbody tr"))
                {
                    var text = row.Children[c].TextContent.Trim().Replace(",", "");
                    if (text is "-" or "") continue;
                    var v = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(v == 0 || v >= 10, $"{table.QuerySelector("caption")?.TextContent}: {headers[c]} = {text}");
                }
            }
        }
    }
}
