namespace PlanLink.Reports.Internal;

/// <summary>A file of internal/ (内部資料) once written: micro- or meso-level, unsuppressed, for case review only.
/// Internal files are written from the analysis directly and listed only by internal/index.html: report.html takes
/// only <see cref="Analytics.Disclosure.PublishedTable"/>s and never links to them.</summary>
public sealed record InternalView(string FileName, string Title)
{
    public const string Mark = "内部資料・取扱注意";
}
