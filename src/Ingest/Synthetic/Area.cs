using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>A municipality as the generator sees it: its size class, its region and its expected share of persons.</summary>
internal sealed record Area(int Index, Municipality Municipality, AreaClass Class, int Region, double Weight, string PrefectureCode)
{
    public static AreaClass ClassOf(int population) => population switch
    {
        >= 200_000 => AreaClass.City,
        >= 25_000 => AreaClass.Town,
        >= 2_000 => AreaClass.SmallTown,
        _ => AreaClass.Village,
    };
}
