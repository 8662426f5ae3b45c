namespace PlanLink.Ingest.Model;

/// <summary>状況: the status of a planned service at a date (domain.md §3).</summary>
public enum ServiceStatus : byte
{
    /// <summary>利用中</summary>
    InUse,
    /// <summary>調整中: unmet only when older than 90 days.</summary>
    Arranging,
    /// <summary>待機（空きなし）: a provider exists but has no place.</summary>
    Waiting,
    /// <summary>資源なし: the region lacks the resource.</summary>
    NoResource,
    /// <summary>本人希望で利用せず</summary>
    Declined,
    /// <summary>インフォーマル支援で対応</summary>
    Informal,
}
