using System.Xml.Linq;

namespace PlanLink.Tests.Reports;

/// <summary>The internal plan map of the lecture's Aさん (domain.md §7): his wishes at the centre, his four
/// needs, and each need linked to the individual support plan goals that serve it.</summary>
[Collection(ReportRunsCollection.Name)]
public class PlanMapTests(ReportRuns runs)
{
    private const string PersonKey = "7A3F0C19D2E84B61";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private XDocument Map() => XDocument.Load(Path.Combine(runs.ASan, "internal", "plan-maps", PersonKey + ".svg"));

    [Fact]
    public void ASanMap_HasHisWishesAndFourNeeds_AllLinked_NoneUnmet()
    {
        Assert.Equal(0, runs.ASanExit);
        var map = Map();
        string TextOf(XElement g) => string.Concat(g.Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains("内部資料・取扱注意", map.Root!.Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains("友だちとバスケ", TextOf(map.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "wishes")));
        var needs = map.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.StartsWith("need") == true).ToList();
        Assert.Equal(["1", "2", "3", "4"], needs.Select(n => (string)n.Attribute("data-priority")!));
        Assert.Contains("給料で暮らす", TextOf(needs[0]));
        Assert.Contains("余暇", TextOf(needs[1]));
        Assert.Contains("バスケット", TextOf(needs[2]));
        Assert.Contains("一人で暮らしたい", TextOf(needs[3]));
        Assert.All(needs, n => Assert.Equal("need", (string?)n.Attribute("class"))); // not unmet, not unlinked
        Assert.All(map.Root.Attributes("font-family"), a => Assert.Contains("IPAexGothic", a.Value));
    }

    [Fact]
    public void ASanMap_LinksEachNeedToItsSupportPlanGoals()
    {
        var goals = Map().Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "goal")
            .Select(g => ((string)g.Attribute("data-linked-priority")!, string.Concat(g.Elements(Svg + "text").Select(t => t.Value)))).ToList();
        // domain.md §7: GH goals serve needs 3 and 4, A型 goals needs 1 and 2.
        Assert.Contains(goals, g => g.Item1 == "3" && g.Item2.Contains("休日を無理なく楽しむ"));
        Assert.Contains(goals, g => g.Item1 == "4" && g.Item2.Contains("お金の使い方"));
        Assert.Contains(goals, g => g.Item1 == "4" && g.Item2.Contains("食事作り"));
        Assert.Contains(goals, g => g.Item1 == "1" && g.Item2.Contains("毎日通う"));
        Assert.Contains(goals, g => g.Item1 == "1" && g.Item2.Contains("困ったら相談"));
        Assert.Contains(goals, g => g.Item1 == "2" && g.Item2.Contains("無理しすぎない"));
        Assert.Equal(6, goals.Count);
        var lines = Map().Descendants(Svg + "line").Where(l => (string?)l.Attribute("class") == "link").ToList();
        Assert.Contains(lines, l => (string?)l.Attribute("data-from") == "need-4" && (string?)l.Attribute("data-to") == "goal-GH-1-2");
        Assert.Contains(lines, l => (string?)l.Attribute("data-from") == "need-3" && ((string?)l.Attribute("data-to"))!.StartsWith("service-3-mobility_support"));
    }

    [Fact]
    public void InternalFiles_AreAllMarked()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(runs.Region, "internal"), "*", SearchOption.AllDirectories))
            Assert.Contains("内部資料・取扱注意", File.ReadAllText(file));
        var list = File.ReadAllLines(Path.Combine(runs.Region, "internal", "case-review.csv"));
        Assert.True(list.Length > 10);
        Assert.True(Directory.GetFiles(Path.Combine(runs.Region, "internal", "plan-maps")).Length is > 0 and <= 50);
    }

    [Fact]
    public async Task PlanMapOption_DrawsTheNamedPerson_AndListsUnknownKeys()
    {
        using var folder = new Support.TempFolder();
        var exit = await global::PlanLink.Host.PlanLinkCli.RunAsync(["report", "--input", Support.RepoRoot.Combine("data-samples", "a-san"), "--out", folder.Path,
            "--quarter", "2026Q2", "--plan-map", PersonKey, "NO-SUCH-PERSON"]);
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(folder.Path, "internal", "plan-maps", PersonKey + ".svg")));
        Assert.Contains("NO-SUCH-PERSON", File.ReadAllText(Path.Combine(folder.Path, "internal", "index.html")));
    }
}
