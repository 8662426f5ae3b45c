using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>The supply and use assumptions of the synthetic region, chosen so that real gaps show:
/// group homes short in the city, no 行動援護 in small towns, short stays scarce everywhere.</summary>
internal static class ServiceProfiles
{
    // Supply by class:            City   Town  Small  Village
    private static readonly double[] Ample = [1.15, 1.05, 0.95, 0.9];
    private static readonly double[] Urban = [1.0, 0.9, 0.6, 0.0];
    private static readonly double[] CityOnly = [0.9, 0.6, 0.0, 0.0];

    public static IReadOnlyList<ServiceProfile> All { get; } =
    [
        new(ServiceType.HomeCare, 0.15, 25, 600, false, Ample),
        new(ServiceType.SevereHomeVisit, 0.02, 240, 1500, true, Urban),
        new(ServiceType.AccompanyingSupport, 0.02, 20, 300, false, Urban),
        new(ServiceType.BehaviouralSupport, 0.04, 15, 250, false, CityOnly),
        new(ServiceType.DailyLifeCare, 0.12, 20, 20, true, Ample),
        new(ServiceType.FunctionalTraining, 0.02, 12, 10, true, Urban),
        new(ServiceType.LifeTraining, 0.05, 15, 12, true, Urban),
        new(ServiceType.EmploymentSelection, 0.01, 10, 10, true, CityOnly),
        new(ServiceType.EmploymentTransition, 0.04, 18, 15, true, Urban),
        new(ServiceType.EmploymentA, 0.05, 20, 15, true, [1.0, 0.8, 0.5, 0.0]),
        new(ServiceType.EmploymentB, 0.15, 18, 20, true, Ample),
        new(ServiceType.ShortStay, 0.08, 4, 6, true, [0.7, 0.75, 0.7, 0.6]),
        new(ServiceType.MedicalCare, 0.01, 1, 40, true, CityOnly),
        new(ServiceType.IndependentLiving, 0.02, 1, 20, true, Urban),
        new(ServiceType.GroupHome, 0.12, 1, 7, true, [0.65, 0.95, 0.9, 0.8]),
        new(ServiceType.FacilityResidence, 0.03, 1, 50, true, [0.85, 0.85, 0.85, 0.85]),
        new(ServiceType.CommunityTransition, 0.01, 1, 10, true, Urban),
        new(ServiceType.CommunitySettlement, 0.02, 1, 15, true, Urban),
        new(ServiceType.ChildDevelopment, 0.07, 12, 10, true, [1.0, 0.9, 0.8, 0.6]),
        new(ServiceType.AfterSchoolDay, 0.12, 12, 10, true, Ample),
        new(ServiceType.NurseryVisit, 0.02, 2, 20, true, Urban),
        new(ServiceType.HomeChildDevelopment, 0.005, 6, 20, true, CityOnly),
        new(ServiceType.MobilitySupport, 0.08, 15, 300, false, Ample),
        new(ServiceType.DayRespite, 0.04, 6, 10, false, [1.0, 0.9, 0.7, 0.5]),
        new(ServiceType.CommunityActivityCenter, 0.04, 1, 20, false, [1.1, 1.0, 0.8, 0.0]),
    ];

    private static readonly ServiceProfile?[] ByType = Enumerable.Range(0, Enum.GetValues<ServiceType>().Length)
        .Select(i => All.FirstOrDefault(p => (int)p.Service == i)).ToArray();

    /// <summary>The profile of a service provided by ordinary provider offices; null for consultation,
    /// the 就業・生活支援センター (one per 圏域) and informal support, which are supplied otherwise.</summary>
    public static ServiceProfile? Find(ServiceType service) => ByType[(int)service];
}
