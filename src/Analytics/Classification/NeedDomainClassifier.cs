using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Classification;

/// <summary>A domain the classifier inferred for a need the office left without one.</summary>
public sealed record InferredDomain(LifeDomain? Domain, float Confidence)
{
    /// <summary>True when the confidence was below the threshold, so the need stays 未分類.</summary>
    public bool Unclassified => Domain is null;
}

/// <summary>Infers the life domain of a need from its 課題 and 支援目標 text (ML.NET): Japanese has no
/// spaces, so features are character 1–3-grams, and a maximum-entropy model gives a probability per
/// domain. Below <see cref="MinConfidence"/> it refuses to guess: the need stays 未分類.</summary>
public sealed class NeedDomainClassifier
{
    public const float DefaultMinConfidence = 0.5f;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly string[] _labels;

    private NeedDomainClassifier(MLContext ml, ITransformer model, string[] labels, float minConfidence)
    {
        _ml = ml;
        _model = model;
        _labels = labels;
        MinConfidence = minConfidence;
    }

    public float MinConfidence { get; }

    /// <summary>The text a need is classified by: its 課題 and its 支援目標.</summary>
    public static string TextOf(PlanNeed need) => TextOf(need.NeedText, need.GoalText);

    public static string TextOf(string needText, string goalText) => $"{needText} {goalText}";

    public static NeedDomainClassifier Train(IEnumerable<(string Text, LifeDomain Domain)> examples, float minConfidence = DefaultMinConfidence, int seed = 1) =>
        Train(examples.Select(e => (e.Text, e.Domain, 1f)), minConfidence, seed);

    /// <summary>Trains on weighted examples: a text that recurs n times is one example of weight n,
    /// which trains as well and much faster (plan versions repeat their needs; offices reuse phrases).</summary>
    public static NeedDomainClassifier Train(IEnumerable<(string Text, LifeDomain Domain, float Weight)> examples, float minConfidence = DefaultMinConfidence, int seed = 1)
    {
        var ml = new MLContext(seed);
        var rows = examples.Select(e => new Row { Text = e.Text, Label = Codes.Domain.Code(e.Domain), Weight = e.Weight }).ToList();
        if (rows.Select(r => r.Label).Distinct().Count() < 2)
            throw new InvalidOperationException("classifier needs examples of at least two domains");
        var model = Pipeline(ml).Fit(ml.Data.LoadFromEnumerable(rows));
        // The order of the score vector is the order of the label key values.
        var labelBuffer = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(ml.Data.LoadFromEnumerable(rows).Schema)["Score"].GetSlotNames(ref labelBuffer);
        var labels = labelBuffer.DenseValues().Select(v => v.ToString()).ToArray();
        return new NeedDomainClassifier(ml, model, labels, minConfidence);
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = null,
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true },
                KeepPunctuations = false,
            }, nameof(Row.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(exampleWeightColumnName: nameof(Row.Weight), maximumNumberOfIterations: 50));

    /// <summary>Classifies many texts in one pass (much faster than one prediction at a time).</summary>
    public IReadOnlyList<InferredDomain> Predict(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(texts.Select(t => new Row { Text = t, Label = _labels[0] })));
        var scores = _ml.Data.CreateEnumerable<Scored>(scored, reuseRowObject: false).Select(s => s.Score).ToList();
        var result = new List<InferredDomain>(scores.Count);
        foreach (var score in scores)
        {
            var best = 0;
            for (var i = 1; i < score.Length; i++) if (score[i] > score[best]) best = i;
            LifeDomain? domain = score[best] >= MinConfidence && Codes.Domain.TryParse(_labels[best], out var d) ? d : null;
            result.Add(new InferredDomain(domain, score[best]));
        }
        return result;
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
        public float Weight { get; set; } = 1;
    }

    private sealed class Scored
    {
        public float[] Score { get; set; } = [];
    }
}
