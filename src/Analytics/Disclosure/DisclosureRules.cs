namespace PlanLink.Analytics.Disclosure;

/// <summary>The publication rules of domain.md §6 (最小集計単位の原則).</summary>
public sealed record DisclosureRules
{
    /// <summary>A published person count is 0 or at least K; never below 3.</summary>
    public int K { get; init; } = 10;
    /// <summary>Municipalities smaller than this are not published at all.</summary>
    public int UnpublishedPopulation { get; init; } = 2_000;
    /// <summary>Municipalities smaller than this suppress counts below <see cref="SmallAreaK"/>.</summary>
    public int SmallAreaPopulation { get; init; } = 25_000;
    public int SmallAreaK { get; init; } = 20;
    /// <summary>Cells keyed by office suppress any count below this.</summary>
    public int OfficeK { get; init; } = 3;

    public static DisclosureRules WithK(int k) => k < 3
        ? throw new ArgumentOutOfRangeException(nameof(k), k, "k は3以上です / k must be at least 3")
        : new DisclosureRules { K = k };
}
