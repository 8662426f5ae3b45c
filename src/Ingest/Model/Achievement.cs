namespace PlanLink.Ingest.Model;

/// <summary>支援目標の達成度 recorded at モニタリング.</summary>
public enum Achievement : byte
{
    /// <summary>達成</summary>
    Achieved,
    /// <summary>一部達成</summary>
    PartlyAchieved,
    /// <summary>未達成</summary>
    NotAchieved,
    /// <summary>中止</summary>
    Discontinued,
}
