using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PlanLink.Analytics.Snapshot;
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
        var plans = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in data.Plans)
        {
            if (p.PlanDate <= upTo) plans.Add(p.PlanId);
        }
        // One pass over the needs (millions at national scale): texts are counted as (課題, 支援目標) pairs and
        // joined once per distinct pair, not once per need.
        var labelledPairs = new Dictionary<(string Need, string Goal, LifeDomain Domain), int>();
        var all = new List<PlanNeed>();
        var blank = new List<PlanNeed>();
        string? lastPlan = null;
        var lastCounts = false;
        foreach (var n in data.Needs)
        {
            // A plan's needs come together: its id is looked up once.
            if (!ReferenceEquals(n.PlanId, lastPlan)) (lastPlan, lastCounts) = (n.PlanId, plans.Contains(n.PlanId));
            if (!lastCounts) continue;
            if (n.Domain is not { } domain)
            {
                blank.Add(n);
                continue;
            }
            all.Add(n);
            CollectionsMarshal.GetValueRefOrAddDefault(labelledPairs, (n.NeedText, n.GoalText, domain), out _)++;
        }
        // Each distinct (text, domain) once, weighted by how often it occurs; beyond the cap an even, ordered sample.
        var labelled = ClassifierEvaluation.Weighted(labelledPairs.Select(p => (NeedDomainClassifier.TextOf(p.Key.Need, p.Key.Goal), p.Key.Domain, p.Value)));
        if (labelled.Count > MaxTrainingExamples)
            labelled = Enumerable.Range(0, MaxTrainingExamples).Select(i => labelled[(int)((long)i * labelled.Count / MaxTrainingExamples)]).ToList();
        if (blank.Count == 0 || labelled.Count < MinTrainingExamples || labelled.Select(l => l.Domain).Distinct().Count() < 2) return None;
        var classifier = NeedDomainClassifier.Train(labelled, minConfidence);
        var pairs = blank.Select(n => (n.NeedText, n.GoalText)).Distinct().ToList();
        var predicted = classifier.Predict(pairs.Select(p => NeedDomainClassifier.TextOf(p.NeedText, p.GoalText)).ToList());
        var byPair = new Dictionary<(string, string), InferredDomain>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++) byPair[pairs[i]] = predicted[i];
        var sample = Enumerable.Range(0, Math.Min(all.Count, MaxEvaluationExamples))
            .Select(i => all[(int)((long)i * all.Count / Math.Min(all.Count, MaxEvaluationExamples))])
            .Select(n => (NeedDomainClassifier.TextOf(n), n.Domain!.Value)).ToList();
        var evaluation = ClassifierEvaluation.CrossValidate(sample, folds: 5, minConfidence);
        var inferred = new Dictionary<(string, int), InferredDomain>(blank.Count);
        foreach (var n in blank) inferred[(n.PlanId, n.Priority)] = byPair[(n.NeedText, n.GoalText)];
        return new DomainInference(inferred, evaluation);
    }

    /// <summary>The need's domain and whether it was inferred; null when unknown (未分類).</summary>
    public (LifeDomain? Domain, bool Inferred) DomainOf(PlanNeed need) =>
        need.Domain is { } d ? (d, false)
        : _inferred.TryGetValue((need.PlanId, need.Priority), out var i) && i.Domain is { } inferred ? (inferred, true)
        : (null, false);

    /// <summary><see cref="DomainOf(PlanNeed)"/> of a need of a snapshot, by its number: without reading the need or
    /// hashing its plan id (figures ask this for many needs of every quarter).</summary>
    public (LifeDomain? Domain, bool Inferred) DomainOf(PlanSnapshot snapshot, int need)
    {
        if (snapshot.NeedDomain(need) is { } d) return (d, false);
        if (_inferred.Count == 0) return (null, false);
        var inferred = _byPosition.GetValue(snapshot.Index, InferredByPosition)[snapshot.NeedPositionOf(need)];
        return inferred >= 0 ? ((LifeDomain)inferred, true) : (null, false);
    }

    /// <summary>Per index, the inferred domain of each need by its position in <see cref="DatasetIndex.Needs"/> (−1 when none): made once.</summary>
    private readonly ConditionalWeakTable<DatasetIndex, sbyte[]> _byPosition = [];

    private sbyte[] InferredByPosition(DatasetIndex index)
    {
        var result = new sbyte[index.Needs.Length];
        for (var n = 0; n < result.Length; n++)
            result[n] = index.NeedDomain(n) is null && DomainOf(index.Needs[n]) is ({ } d, true) ? (sbyte)d : (sbyte)-1;
        return result;
    }

    public int InferredCount => _inferred.Values.Count(i => i.Domain is not null);
    public int UnclassifiedCount => _inferred.Values.Count(i => i.Domain is null);
}
