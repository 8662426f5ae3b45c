namespace PlanLink.Ingest.Synthetic;

/// <summary>Size class of a municipality: decides how well it is supplied and which disclosure rules apply.</summary>
internal enum AreaClass : byte
{
    /// <summary>200,000 and more.</summary>
    City,
    /// <summary>25,000 to 200,000.</summary>
    Town,
    /// <summary>2,000 to 25,000: counts below 20 are suppressed.</summary>
    SmallTown,
    /// <summary>Under 2,000: not published at all.</summary>
    Village,
}
