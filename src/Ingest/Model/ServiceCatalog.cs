namespace PlanLink.Ingest.Model;

/// <summary>One service type: its contract code, Japanese name, family and volume unit.</summary>
public sealed record ServiceInfo(ServiceType Type, string Code, string JapaneseName, ServiceFamily Family, VolumeUnit Unit);

/// <summary>The service types of domain.md §4, looked up by contract code or Japanese name.</summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<ServiceInfo> All { get; } =
    [
        new(ServiceType.HomeCare, "home_care", "居宅介護", ServiceFamily.Visiting, VolumeUnit.HoursPerMonth),
        new(ServiceType.SevereHomeVisit, "severe_home_visit", "重度訪問介護", ServiceFamily.Visiting, VolumeUnit.HoursPerMonth),
        new(ServiceType.AccompanyingSupport, "accompanying_support", "同行援護", ServiceFamily.Visiting, VolumeUnit.HoursPerMonth),
        new(ServiceType.BehaviouralSupport, "behavioural_support", "行動援護", ServiceFamily.Visiting, VolumeUnit.HoursPerMonth),
        new(ServiceType.ComprehensiveSevere, "comprehensive_severe", "重度障害者等包括支援", ServiceFamily.Visiting, VolumeUnit.HoursPerMonth),
        new(ServiceType.DailyLifeCare, "daily_life_care", "生活介護", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.FunctionalTraining, "functional_training", "自立訓練（機能訓練）", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.LifeTraining, "life_training", "自立訓練（生活訓練）", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.EmploymentSelection, "employment_selection", "就労選択支援", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.EmploymentTransition, "employment_transition", "就労移行支援", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.EmploymentA, "employment_a", "就労継続支援A型", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.EmploymentB, "employment_b", "就労継続支援B型", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.ShortStay, "short_stay", "短期入所", ServiceFamily.Daytime, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.EmploymentRetention, "employment_retention", "就労定着支援", ServiceFamily.Daytime, VolumeUnit.PersonsPerMonth),
        new(ServiceType.MedicalCare, "medical_care", "療養介護", ServiceFamily.Daytime, VolumeUnit.PersonsPerMonth),
        new(ServiceType.IndependentLiving, "independent_living", "自立生活援助", ServiceFamily.Residential, VolumeUnit.PersonsPerMonth),
        new(ServiceType.GroupHome, "group_home", "共同生活援助", ServiceFamily.Residential, VolumeUnit.PersonsPerMonth),
        new(ServiceType.FacilityResidence, "facility_residence", "施設入所支援", ServiceFamily.Residential, VolumeUnit.PersonsPerMonth),
        new(ServiceType.PlanConsultation, "plan_consultation", "計画相談支援", ServiceFamily.Consultation, VolumeUnit.PersonsPerMonth),
        new(ServiceType.CommunityTransition, "community_transition", "地域移行支援", ServiceFamily.Consultation, VolumeUnit.PersonsPerMonth),
        new(ServiceType.CommunitySettlement, "community_settlement", "地域定着支援", ServiceFamily.Consultation, VolumeUnit.PersonsPerMonth),
        new(ServiceType.ChildDevelopment, "child_development", "児童発達支援", ServiceFamily.Children, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.AfterSchoolDay, "after_school_day", "放課後等デイサービス", ServiceFamily.Children, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.NurseryVisit, "nursery_visit", "保育所等訪問支援", ServiceFamily.Children, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.HomeChildDevelopment, "home_child_development", "居宅訪問型児童発達支援", ServiceFamily.Children, VolumeUnit.PersonDaysPerMonth),
        new(ServiceType.ChildConsultation, "child_consultation", "障害児相談支援", ServiceFamily.Children, VolumeUnit.PersonsPerMonth),
        new(ServiceType.MobilitySupport, "mobility_support", "移動支援", ServiceFamily.CommunityLife, VolumeUnit.HoursPerMonth),
        new(ServiceType.DayRespite, "day_respite", "日中一時支援", ServiceFamily.CommunityLife, VolumeUnit.PersonsPerMonth),
        new(ServiceType.CommunityActivityCenter, "community_activity_center", "地域活動支援センター", ServiceFamily.CommunityLife, VolumeUnit.PersonsPerMonth),
        new(ServiceType.EmploymentLifeCenter, "employment_life_center", "障害者就業・生活支援センター", ServiceFamily.Other, VolumeUnit.PersonsPerMonth),
        new(ServiceType.Informal, "informal", "インフォーマル支援（家族・友人・地域）", ServiceFamily.Other, VolumeUnit.PersonsPerMonth),
    ];

    private static readonly ServiceInfo[] ByType = All.OrderBy(s => s.Type).ToArray();

    // A plain dictionary, as the code lists have (Codes): asked only for names the fields' caches have not seen.
    private static readonly Dictionary<string, ServiceType> ByName =
        All.SelectMany(s => new[] { (s.Code, s.Type), (s.JapaneseName, s.Type) })
           .Concat(Aliases)
           .ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Names offices write besides the official ones (half-width brackets, short forms).</summary>
    private static IEnumerable<(string, ServiceType)> Aliases =>
    [
        ("自立訓練(機能訓練)", ServiceType.FunctionalTraining), ("自立訓練(生活訓練)", ServiceType.LifeTraining),
        ("就労A型", ServiceType.EmploymentA), ("就労B型", ServiceType.EmploymentB),
        ("グループホーム", ServiceType.GroupHome), ("GH", ServiceType.GroupHome),
        ("放デイ", ServiceType.AfterSchoolDay), ("就業・生活支援センター", ServiceType.EmploymentLifeCenter),
        ("インフォーマル", ServiceType.Informal), ("家族", ServiceType.Informal),
    ];

    public static ServiceInfo Get(ServiceType type) => ByType[(int)type];

    /// <summary>Finds a service by its contract code or Japanese name (after NFKC normalisation by the caller).</summary>
    public static bool TryParse(string text, out ServiceType type) => ByName.TryGetValue(text, out type);
}
