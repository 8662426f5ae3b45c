namespace PlanLink.Analytics.Areas;

/// <summary>The level of an area a figure belongs to: meso (office, 基幹相談支援センター area) or macro
/// (municipality → 圏域 → prefecture). A support-centre area groups municipalities beside the macro chain.</summary>
public enum AreaLevel : byte { Office, Municipality, Region, Prefecture, SupportCenter }

public static class AreaLevels
{
    public static string Code(this AreaLevel level) => level switch
    {
        AreaLevel.Office => "office",
        AreaLevel.Municipality => "municipality",
        AreaLevel.Region => "region",
        AreaLevel.SupportCenter => "support_center",
        _ => "prefecture",
    };

    public static string Japanese(this AreaLevel level) => level switch
    {
        AreaLevel.Office => "事業所",
        AreaLevel.Municipality => "市町村",
        AreaLevel.Region => "障害保健福祉圏域",
        AreaLevel.SupportCenter => "基幹相談支援センター圏域",
        _ => "都道府県",
    };
}
