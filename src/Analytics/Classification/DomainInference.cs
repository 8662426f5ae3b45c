using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Classification;

/// <summary>The life domains of a dataset's needs: as the office wrote them, or inferred by the
/// classifier (kept apart, with confidence, so tables can say 推定を含む).</summary>
public sealed class DomainInference
{
    private readonly IReadOnlyDictionary<(string PlanId, int Priority), InferredDomain> _inferred;

    private DomainInference(IReadOnlyDictionary<(string, int), InferredDomain> inferred) => _inferred = inferred;

    /// <summary>No inference: blank domains stay 未分類.</summary>
    public static DomainInference None { get; } = new(new Dictionary<(string, int), InferredDomain>());

    /// <summary>Fewer labelled needs than this and the classifier is not trained.</summary>
    public const int MinTrainingExamples = 50;

    /// <summary>Trains on the needs whose domain the offices filled in and infers the rest. Only plans
    /// dated up to <paramref name="upTo"/> count, so a quarter's report does not change when later data arrives.</summary>
    public static DomainInference Infer(PlanDataset data, DateOnly upTo, float minConfidence = NeedDomainClassifier.DefaultMinConfidence)
    {
        var plans = data.Plans.Where(p => p.PlanDate <= upTo).Select(p => p.PlanId).ToHashSet();
        var needs = data.Needs.Where(n => plans.Contains(n.PlanId)).ToList();
        var labelled = needs.Where(n => n.Domain is not null).Select(n => (NeedDomainClassifier.TextOf(n), n.Domain!.Value)).ToList();
        var blank = needs.Where(n => n.Domain is null).ToList();
        if (blank.Count == 0 || labelled.Count < MinTrainingExamples || labelled.Select(l => l.Value).Distinct().Count() < 2) return None;
        var classifier = NeedDomainClassifier.Train(labelled, minConfidence);
        var predictions = classifier.Predict(blank.Select(NeedDomainClassifier.TextOf).ToList());
        return new DomainInference(blank.Select((n, i) => (n, i)).ToDictionary(x => (x.n.PlanId, x.n.Priority), x => predictions[x.i]));
    }

    /// <summary>The need's domain and whether it was inferred; null when unknown (未分類).</summary>
    public (LifeDomain? Domain, bool Inferred) DomainOf(PlanNeed need) =>
        need.Domain is { } d ? (d, false)
        : _inferred.TryGetValue((need.PlanId, need.Priority), out var i) && i.Domain is { } inferred ? (inferred, true)
        : (null, false);

    public int InferredCount => _inferred.Values.Count(i => i.Domain is not null);
    public int UnclassifiedCount => _inferred.Values.Count(i => i.Domain is null);
}
