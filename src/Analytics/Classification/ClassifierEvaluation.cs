using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Classification;

/// <summary>Held-out quality of the need-domain classifier: accuracy and macro-F1 (the mean of the
/// per-domain F1, so rare domains weigh as much as common ones), over k folds.</summary>
public sealed record ClassifierEvaluation(int Folds, int Examples, double Accuracy, double MacroF1, double Coverage)
{
    /// <summary>k-fold cross-validation; examples are dealt to folds in turn after a seeded shuffle.
    /// Accuracy and F1 count a refusal (未分類) as wrong; <see cref="Coverage"/> is the share classified.</summary>
    public static ClassifierEvaluation CrossValidate(IReadOnlyList<(string Text, LifeDomain Domain)> examples, int folds = 5,
        float minConfidence = NeedDomainClassifier.DefaultMinConfidence, int seed = 1)
    {
        var order = Enumerable.Range(0, examples.Count).OrderBy(i => (i * 2654435761u + (uint)seed) % 4294967291u).ToArray();
        var predicted = new LifeDomain?[examples.Count];
        for (var f = 0; f < folds; f++)
        {
            var test = order.Where((_, j) => j % folds == f).ToArray();
            var train = order.Where((_, j) => j % folds != f).Select(i => examples[i]);
            var model = NeedDomainClassifier.Train(Weighted(train.Select(e => (e.Text, e.Domain, 1))), minConfidence, seed);
            // Texts repeat (plan versions carry their needs on): each distinct one is predicted once.
            var texts = test.Select(i => examples[i].Text).Distinct().ToList();
            var byText = texts.Zip(model.Predict(texts)).ToDictionary(p => p.First, p => p.Second.Domain);
            foreach (var i in test) predicted[i] = byText[examples[i].Text];
        }
        var correct = examples.Where((e, i) => predicted[i] == e.Domain).Count();
        var f1s = examples.Select(e => e.Domain).Distinct().Select(domain =>
        {
            var tp = examples.Where((e, i) => e.Domain == domain && predicted[i] == domain).Count();
            var fp = examples.Where((e, i) => e.Domain != domain && predicted[i] == domain).Count();
            var fn = examples.Where((e, i) => e.Domain == domain && predicted[i] != domain).Count();
            return tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        }).ToList();
        return new ClassifierEvaluation(folds, examples.Count, (double)correct / examples.Count, f1s.Average(),
            (double)predicted.Count(p => p is not null) / examples.Count);
    }

    /// <summary>Each distinct (text, domain) once, weighted by how often it occurs, in a fixed order: trains
    /// about as the repeated examples would, at a fraction of the cost (plan versions repeat their needs).</summary>
    internal static List<(string Text, LifeDomain Domain, float Weight)> Weighted(IEnumerable<(string Text, LifeDomain Domain, int Count)> examples) =>
        examples.GroupBy(e => (e.Text, e.Domain)).Select(g => (g.Key.Text, g.Key.Domain, Weight: (float)g.Sum(e => e.Count))).Order().ToList();
}
