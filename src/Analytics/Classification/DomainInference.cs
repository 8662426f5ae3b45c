using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Classification;

/// <summary>The life domains of a dataset's needs: as the office wrote them, or inferred by the
/// classifier (kept apart, with confidence, so tables can say 推定を含む).</summary>
public sealed class DomainInference
{
    private readonly IReadOnlyDictionary<(string PlanId, int Priority), InferredDomain> _inferred;

    private DomainInference(IReadOnlyDictionary<(string, int), InferredDomain> inferred, ClassifierEvaluation? evaluation = null)
    {
        _inferred = inferred;
        Evaluation = evaluation;
    }

    /// <summary>Held-out quality of the classifier on this data (5-fold cross-validation on an even
    /// sample of the labelled needs), or null when no classifier was trained.</summary>
    public ClassifierEvaluation? Evaluation { get; }

    /// <summary>Labelled needs the cross-validation uses at most, so that it costs seconds.</summary>
    public const int MaxEvaluationExamples = 2_000;

    /// <summary>No inference: blank domains stay 未分類.</summary>
    public static DomainInference None { get; } = new(new Dictionary<(string, int), InferredDomain>());

    /// <summary>Fewer labelled needs than this and the classifier is not trained.</summary>
    public const int MinTrainingExamples = 50;

    /// <summary>Distinct labelled texts trained on at most (an even sample beyond): more adds little and costs minutes at national scale.</summary>
    public const int MaxTrainingExamples = 20_000;

    /// <summary>Trains on the needs whose domain the offices filled in and infers the rest. Only plans
    /// dated up to <paramref name="upTo"/> count, so a quarter's report does not change when later data arrives.</summary>
    public static DomainInference Infer(PlanDataset data, DateOnly upTo, float minConfidence = NeedDomainClassifier.DefaultMinConfidence)
    {
        var plans = data.Plans.Where(p => p.PlanDate <= upTo).Select(p => p.PlanId).ToHashSet();
        var needs = data.Needs.Where(n => plans.Contains(n.PlanId)).ToList();
        // Each distinct (text, domain) once, weighted by how often it occurs; beyond the cap an even, ordered sample.
        var labelled = ClassifierEvaluation.Weighted(needs.Where(n => n.Domain is not null)
            .Select(n => (NeedDomainClassifier.TextOf(n), n.Domain!.Value)));
        if (labelled.Count > MaxTrainingExamples)
            labelled = Enumerable.Range(0, MaxTrainingExamples).Select(i => labelled[(int)((long)i * labelled.Count / MaxTrainingExamples)]).ToList();
        var blank = needs.Where(n => n.Domain is null).ToList();
        if (blank.Count == 0 || labelled.Count < MinTrainingExamples || labelled.Select(l => l.Domain).Distinct().Count() < 2) return None;
        var classifier = NeedDomainClassifier.Train(labelled, minConfidence);
        var texts = blank.Select(NeedDomainClassifier.TextOf).Distinct().ToList();
        var byText = texts.Zip(classifier.Predict(texts)).ToDictionary(p => p.First, p => p.Second);
        var all = needs.Where(n => n.Domain is not null).ToList();
        var sample = Enumerable.Range(0, Math.Min(all.Count, MaxEvaluationExamples))
            .Select(i => all[(int)((long)i * all.Count / Math.Min(all.Count, MaxEvaluationExamples))])
            .Select(n => (NeedDomainClassifier.TextOf(n), n.Domain!.Value)).ToList();
        var evaluation = ClassifierEvaluation.CrossValidate(sample, folds: 5, minConfidence);
        return new DomainInference(blank.ToDictionary(n => (n.PlanId, n.Priority), n => byText[NeedDomainClassifier.TextOf(n)]), evaluation);
    }

    /// <summary>The need's domain and whether it was inferred; null when unknown (未分類).</summary>
    public (LifeDomain? Domain, bool Inferred) DomainOf(PlanNeed need) =>
        need.Domain is { } d ? (d, false)
        : _inferred.TryGetValue((need.PlanId, need.Priority), out var i) && i.Domain is { } inferred ? (inferred, true)
        : (null, false);

    public int InferredCount => _inferred.Values.Count(i => i.Domain is not null);
    public int UnclassifiedCount => _inferred.Values.Count(i => i.Domain is null);
}
