namespace PlanLink.Analytics.Areas;

/// <summary>The level of an area a figure belongs to: meso (office) or macro (municipality → 圏域 → prefecture).</summary>
public enum AreaLevel : byte { Office, Municipality, Region, Prefecture }

public static class AreaLevels
{
    public static string Code(this AreaLevel level) => level switch
    {
        AreaLevel.Office => "office",
        AreaLevel.Municipality => "municipality",
        AreaLevel.Region => "region",
        _ => "prefecture",
    };

    public static string Japanese(this AreaLevel level) => level switch
    {
        AreaLevel.Office => "事業所",
        AreaLevel.Municipality => "市町村",
        AreaLevel.Region => "障害保健福祉圏域",
        _ => "都道府県",
    };
}
