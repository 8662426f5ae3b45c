namespace PlanLink.Ingest.Model;

/// <summary>サービス種類: the service types of domain.md §4, plus informal support.</summary>
public enum ServiceType : byte
{
    HomeCare, SevereHomeVisit, AccompanyingSupport, BehaviouralSupport, ComprehensiveSevere,
    DailyLifeCare, FunctionalTraining, LifeTraining, EmploymentSelection, EmploymentTransition,
    EmploymentA, EmploymentB, ShortStay, EmploymentRetention, MedicalCare,
    IndependentLiving, GroupHome, FacilityResidence,
    PlanConsultation, CommunityTransition, CommunitySettlement,
    ChildDevelopment, AfterSchoolDay, NurseryVisit, HomeChildDevelopment, ChildConsultation,
    MobilitySupport, DayRespite, CommunityActivityCenter,
    EmploymentLifeCenter, Informal,
}

/// <summary>The family a service belongs to, which decides its 見込量 units.</summary>
public enum ServiceFamily : byte { Visiting, Daytime, Residential, Consultation, Children, CommunityLife, Other }

/// <summary>The unit of a service's volume (見込量 besides persons/month).</summary>
public enum VolumeUnit : byte
{
    /// <summary>人分: only persons per month are planned.</summary>
    PersonsPerMonth,
    /// <summary>時間分: hours per month.</summary>
    HoursPerMonth,
    /// <summary>人日分: person-days per month.</summary>
    PersonDaysPerMonth,
}
