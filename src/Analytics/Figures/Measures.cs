using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Figures;

/// <summary>Measure and breakdown names used in figures.csv, spelled once.</summary>
public static class Measures
{
    public const string Plans = "plans";
    public const string PersonsUnmet = "persons_unmet";
    public const string Needs = "needs";
    public const string NeedsUnmet = "needs_unmet";
    /// <summary>Of the unmet needs, those whose life domain the classifier inferred (推定).</summary>
    public const string NeedsUnmetInferred = "needs_unmet_inferred";
    public const string UnmetRate = "unmet_rate";
    public const string UnmetPer10000 = "unmet_per_10000";
    public const string NeedsLinked = "needs_linked";
    public const string LinkageRate = "linkage_rate";
    /// <summary>Needs with a service in use but no individual support plan goal linked to them.</summary>
    public const string NeedsInUseUnlinked = "needs_in_use_unlinked";
    /// <summary>Goals of current individual support plans that link to no need of the person's plan.</summary>
    public const string GoalsUnlinked = "goals_unlinked";
    public const string Goals = "goals";

}

/// <summary>Breakdown names used in figures.csv.</summary>
public static class Breakdowns
{
    public const string Total = "total";
    public const string Service = "service";
    public const string Status = "status";
    public const string LifeDomain = "life_domain";
    public const string SupportCategory = "support_category";
    public const string DisabilityType = "disability_type";

    /// <summary>The category of needs that have no service planned at all.</summary>
    public const string NoService = "（サービスなし）";
    /// <summary>The category of needs whose life domain is not known.</summary>
    public const string Unclassified = "未分類";

    /// <summary>The category of each service type by its value, then <see cref="NoService"/>: tables index it by service.</summary>
    internal static readonly string[] ServiceLabels =
        [.. Enum.GetValues<ServiceType>().Select(s => ServiceCatalog.Get(s).JapaneseName), NoService];

    /// <summary>The category of each life domain by its value, then <see cref="Unclassified"/>.</summary>
    internal static readonly string[] DomainLabels = [.. Enum.GetValues<LifeDomain>().Select(d => Codes.Domain.Japanese(d)), Unclassified];
}
