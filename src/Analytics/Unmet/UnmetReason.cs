namespace PlanLink.Analytics.Unmet;

/// <summary>Why a need or a planned service counts as unmet (未充足).</summary>
public enum UnmetReason : byte
{
    /// <summary>待機: a provider exists but has no place.</summary>
    Waiting,
    /// <summary>資源なし: the region lacks the resource.</summary>
    NoResource,
    /// <summary>調整中のまま90日超</summary>
    LongArranging,
    /// <summary>サービスもインフォーマル支援もない</summary>
    NoSupport,
}

public static class UnmetReasons
{
    public static string Code(this UnmetReason r) => r switch
    {
        UnmetReason.Waiting => "waiting",
        UnmetReason.NoResource => "no_resource",
        UnmetReason.LongArranging => "long_arranging",
        _ => "no_support",
    };

    public static string Japanese(this UnmetReason r) => r switch
    {
        UnmetReason.Waiting => "待機（空きなし）",
        UnmetReason.NoResource => "資源なし",
        UnmetReason.LongArranging => "調整中（90日超）",
        _ => "支援なし",
    };
}
