using PlanLink.Reports.Charts;

namespace PlanLink.Tests;

/// <summary>Charts must show Japanese glyphs on a machine with no Japanese font installed: PlanLink
/// registers the IPAexGothic it ships with, and these tests check what ScottPlot actually draws.</summary>
public class ChartFontTests
{
    [Fact]
    public void ChartFont_CoversTheJapaneseOfTheReport() =>
        Assert.True(ChartStyle.CanRender("未充足ニーズ 共同生活援助 就労継続支援B型 障害保健福祉圏域 令和8年度 （人）"));

    [Fact]
    public void ChartFont_DoesNotClaimGlyphsItLacks() =>
        Assert.False(ChartStyle.CanRender("\U0001F9EA\U0001FAE0")); // emoji outside IPAexGothic

    [Fact]
    public void RenderedTitle_DifferentKanji_DrawDifferentShapes_NotTofu()
    {
        // Tofu boxes are identical for every missing character; real glyphs are not.
        var ni = InkOfTitle("日");
        var hon = InkOfTitle("本");
        var blank = InkOfTitle(" ");
        Assert.True(ni.Ink > blank.Ink + 50, "the title drew no ink");
        Assert.True(hon.Ink > blank.Ink + 50, "the title drew no ink");
        Assert.NotEqual(ni.Pixels, hon.Pixels);
    }

    private static (int Ink, string Pixels) InkOfTitle(string title)
    {
        var plot = ChartStyle.NewPlot();
        plot.HideAxesAndGrid();
        plot.Title(title, size: 64);
        var gray = plot.GetImage(160, 120).GetArrayGrayscale();
        var ink = 0;
        var pixels = new System.Text.StringBuilder();
        for (var y = 0; y < gray.GetLength(0); y++)
        for (var x = 0; x < gray.GetLength(1); x++)
        {
            var dark = gray[y, x] < 128;
            if (dark) ink++;
            pixels.Append(dark ? '#' : '.');
        }
        return (ink, pixels.ToString());
    }
}
