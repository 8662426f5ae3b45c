namespace PlanLink.Ingest.Model;

/// <summary>障害種別; a person may have several.</summary>
[Flags]
public enum DisabilityType : byte
{
    None = 0,
    /// <summary>身体</summary>
    Physical = 1,
    /// <summary>知的</summary>
    Intellectual = 2,
    /// <summary>精神</summary>
    Mental = 4,
    /// <summary>発達</summary>
    Developmental = 8,
    /// <summary>難病</summary>
    IntractableDisease = 16,
    /// <summary>児 (障害児)</summary>
    Child = 32,
}
