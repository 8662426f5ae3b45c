using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Classification;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;
using Xunit.Abstractions;

namespace PlanLink.Tests.Analytics;

/// <summary>Properties every figure of the sample region must have, whatever its values.</summary>
public class SampleRegionTests(ITestOutputHelper output)
{
    [Fact]
    public void Hierarchy_EveryParentEqualsTheSumOfItsChildren_AtEveryLevelAndQuarter()
    {
        var analysis = SampleRegion.Analysis;
        var areas = analysis.Snapshot.Index.Areas;
        var checkedGroups = 0;
        foreach (var table in analysis.Tables.Concat(analysis.History.SelectMany(q => analysis.Trend(q).Tables)))
        {
            var additive = table.Cells.Where(c => c.Level != AreaLevel.Office && c.RateOf is null
                && (c.Unit.IsProtectedCount() || c.Unit.IsVolume() || c.Unit == MeasureUnit.Capacity));
            var byKey = additive.ToDictionary(c => (c.Level, c.AreaCode, c.Period, c.Breakdown, c.Category, c.Measure));
            foreach (var parent in byKey.Values.Where(c => c.Level != AreaLevel.Municipality))
            {
                var area = areas.Find(parent.Level, parent.AreaCode)!;
                var sum = areas.Children(area)
                    .Sum(a => byKey.TryGetValue((a.Level, a.Code, parent.Period, parent.Breakdown, parent.Category, parent.Measure), out var c) ? c.Value : 0);
                Assert.True(sum == parent.Value, $"{table.Id} {parent.Period} {parent.AreaName} {parent.Category} {parent.Measure}: {parent.Value} ≠ Σ {sum}");
                checkedGroups++;
            }
        }
        Assert.True(checkedGroups > 1000, $"only {checkedGroups} groups checked");
        Assert.True(analysis.History.Count >= 8);
    }

    [Fact]
    public void Suppression_AtDefaultK_NothingRecoverable_NoSmallCountVisible() =>
        DisclosureTests.AssertSafe(SampleRegion.Analysis, new DisclosureRules());

    [Fact]
    public void Suppression_AtK3_NothingRecoverable_NoSmallCountVisible() =>
        DisclosureTests.AssertSafe(SampleRegion.Analysis, DisclosureRules.WithK(3));

    [Fact]
    public void Classifier_CrossValidatedMacroF1_IsAboveTheFloor()
    {
        // Every 4th labelled need keeps the test quick; CV deals them to 5 folds after a seeded shuffle.
        var examples = SampleRegion.Read.Dataset.Needs.Where(n => n.Domain is not null)
            .Select(n => (NeedDomainClassifier.TextOf(n), n.Domain!.Value)).Where((_, i) => i % 4 == 0).ToList();
        var result = ClassifierEvaluation.CrossValidate(examples, folds: 5);
        output.WriteLine($"need-domain classifier, 5-fold CV on {result.Examples} labelled needs: " +
                         $"accuracy {result.Accuracy:P1}, macro-F1 {result.MacroF1:F3}, coverage {result.Coverage:P1}");
        // Floor: 11 domains, so guessing the commonest scores a macro-F1 near 0.03; the phrase-bank
        // texts of the sample are separable, so anything under 0.6 means the featurisation broke.
        Assert.True(result.MacroF1 > 0.6, $"macro-F1 {result.MacroF1:F3}");
    }

    [Fact]
    public void Classifier_TextFromNoTrainingDomain_StaysUnclassified()
    {
        var examples = SampleRegion.Read.Dataset.Needs.Where(n => n.Domain is not null)
            .Select(n => (NeedDomainClassifier.TextOf(n), n.Domain!.Value)).Take(3000).ToList();
        var classifier = NeedDomainClassifier.Train(examples);
        var result = classifier.Predict(["量子コンピュータの誤り訂正符号を実装する", "xyzzy 12345"]);
        Assert.All(result, r => Assert.Null(r.Domain));
        var known = classifier.Predict([NeedDomainClassifier.TextOf(SampleRegion.Read.Dataset.Needs.First(n => n.Domain == LifeDomain.Housing))]);
        Assert.Equal(LifeDomain.Housing, known[0].Domain);
    }

    [Fact]
    public void DomainInference_FillsBlankDomains_AndCountsThemApart()
    {
        var analysis = SampleRegion.Analysis;
        Assert.True(analysis.Domains.InferredCount > 0);
        var byDomain = analysis.Tables.Single(t => t.Id == "unmet_needs_by_life_domain");
        Assert.Contains(byDomain.Cells, c => c.Measure == "needs_unmet_inferred" && c.Value > 0);
    }
}
