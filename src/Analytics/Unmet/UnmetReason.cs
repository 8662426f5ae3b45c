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

/// <summary>A set of <see cref="UnmetReason"/>s as bits: the verdict on a need that figures count, without a list per need.</summary>
public readonly record struct UnmetReasonSet(byte Bits)
{
    public static UnmetReasonSet Of(UnmetReason r) => new((byte)(1 << (int)r));
    public UnmetReasonSet With(UnmetReason r) => new((byte)(Bits | 1 << (int)r));
    public bool Contains(UnmetReason r) => (Bits & 1 << (int)r) != 0;
    /// <summary>Whether the need is unmet: any reason applies.</summary>
    public bool Any => Bits != 0;
}
