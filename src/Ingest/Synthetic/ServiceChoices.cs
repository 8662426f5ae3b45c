using PlanLink.Ingest.Model;
using S = PlanLink.Ingest.Model.ServiceType;

namespace PlanLink.Ingest.Synthetic;

/// <summary>Which services a 相談支援専門員 plans for a need of each life domain, with relative
/// weights that depend on the person (child or adult, disability, 障害支援区分).</summary>
internal static class ServiceChoices
{
    public static List<(ServiceType Service, double Weight)> For(LifeDomain domain, Person p)
    {
        var physical = p.Types.HasFlag(DisabilityType.Physical);
        var behaviour = p.Types.HasFlag(DisabilityType.Intellectual) || p.Types.HasFlag(DisabilityType.Developmental);
        var heavy = p.Category >= 4;
        var young = p.AgeAtStart < 6;
        (ServiceType, double)[] choices = p.IsChild ? domain switch
        {
            LifeDomain.DailyLiving => [(S.HomeChildDevelopment, physical ? 1.5 : 0.3), (S.HomeCare, 3), (S.ShortStay, 3)],
            LifeDomain.DaytimeActivity => [(young ? S.ChildDevelopment : S.AfterSchoolDay, 8), (S.NurseryVisit, young ? 2 : 0.5)],
            LifeDomain.Health => [(young ? S.ChildDevelopment : S.AfterSchoolDay, 3), (S.HomeChildDevelopment, 1), (S.ShortStay, 1)],
            LifeDomain.Leisure => [(S.MobilitySupport, 3), (S.DayRespite, 2), (S.AfterSchoolDay, young ? 0 : 3)],
            LifeDomain.SomeoneToConsult => [(S.ChildConsultation, 4)],
            LifeDomain.Relationships => [(young ? S.ChildDevelopment : S.AfterSchoolDay, 3), (S.NurseryVisit, 2)],
            LifeDomain.Safety => [(S.BehaviouralSupport, behaviour ? 3 : 0), (S.ShortStay, 2)],
            LifeDomain.FamilyWishes => [(S.ShortStay, 5), (S.DayRespite, 3), (S.AfterSchoolDay, young ? 0 : 2)],
            _ => [(S.DayRespite, 2), (S.MobilitySupport, 2)],
        } : domain switch
        {
            LifeDomain.Housing => [(S.GroupHome, 5), (S.IndependentLiving, 1.5), (S.FacilityResidence, heavy ? 1.5 : 0), (S.HomeCare, 2)],
            LifeDomain.DailyLiving => [(S.HomeCare, 5), (S.SevereHomeVisit, heavy && physical ? 1.5 : 0), (S.LifeTraining, 2), (S.ShortStay, 1.5)],
            LifeDomain.DaytimeActivity =>
            [
                (S.EmploymentB, 3.5), (S.EmploymentA, p.Category <= 3 ? 1.2 : 0), (S.EmploymentTransition, p.Category <= 3 && p.AgeAtStart < 62 ? 1.2 : 0),
                (S.DailyLifeCare, p.Category >= 3 ? 3 : 0), (S.CommunityActivityCenter, 0.8), (S.EmploymentSelection, 0.3),
            ],
            LifeDomain.Health => [(S.HomeCare, 3), (S.MedicalCare, p.Category >= 5 ? 1 : 0), (S.FunctionalTraining, physical ? 2 : 0), (S.ShortStay, 1)],
            LifeDomain.Money => [(S.LifeTraining, 3), (S.EmploymentLifeCenter, 2), (S.IndependentLiving, 1.5), (S.HomeCare, 1)],
            LifeDomain.Leisure =>
            [
                (S.MobilitySupport, 4.5), (S.AccompanyingSupport, physical ? 1.5 : 0), (S.BehaviouralSupport, behaviour ? 2 : 0),
                (S.DayRespite, 1), (S.CommunityActivityCenter, 1),
            ],
            LifeDomain.SomeoneToConsult =>
            [
                (S.PlanConsultation, 4), (S.CommunitySettlement, p.Types.HasFlag(DisabilityType.Mental) ? 2 : 0),
                (S.EmploymentLifeCenter, 2), (S.CommunityActivityCenter, 2),
            ],
            LifeDomain.Relationships => [(S.CommunityActivityCenter, 3.5), (S.LifeTraining, 3.5), (S.EmploymentB, 3)],
            LifeDomain.Safety => [(S.BehaviouralSupport, behaviour ? 4 : 0), (S.CommunitySettlement, 3), (S.ShortStay, 3)],
            LifeDomain.FamilyWishes => [(S.ShortStay, 5), (S.DayRespite, 2.5), (S.GroupHome, 2.5)],
            _ => [(S.CommunityTransition, p.Types.HasFlag(DisabilityType.Mental) || heavy ? 5 : 0), (S.CommunityActivityCenter, 3), (S.IndependentLiving, 2)],
        };
        return choices.Where(c => c.Item2 > 0).ToList();
    }

    /// <summary>Life-domain weights of a person's needs (index = <see cref="LifeDomain"/>).</summary>
    public static double[] DomainWeights(Person p) => p.IsChild
        ? [0, 0.8, 1.6, 0.7, 0, 0.7, 0.3, 0.8, 0.5, 0.9, 0.1]
        : [1.0, 1.2, 1.6, 1.0, 0.7, 0.9, 0.6, 0.5, 0.4, 0.4, 0.3];
}
