namespace PlanLink.Reports.Internal;

/// <summary>An internal file (内部資料): micro- or meso-level, unsuppressed, for case review only.
/// A type of its own so no published renderer can be handed one: report.html takes only
/// <see cref="Analytics.Disclosure.PublishedTable"/>s and never links to these.</summary>
public sealed record InternalView(string FileName, string Title, string Content)
{
    public const string Mark = "内部資料・取扱注意";
}
