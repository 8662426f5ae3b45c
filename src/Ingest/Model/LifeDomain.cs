namespace PlanLink.Ingest.Model;

/// <summary>領域: the life domains of the 生活全般のアセスメント (domain.md §2).</summary>
public enum LifeDomain : byte
{
    Housing, DailyLiving, DaytimeActivity, Health, Money, Leisure,
    SomeoneToConsult, Relationships, Safety, FamilyWishes, Community,
}
