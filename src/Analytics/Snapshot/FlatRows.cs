using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Snapshot;

/// <summary>The status rows of the services of one need as flat spans (see <see cref="DatasetIndex.StatusRowsOf"/>):
/// by service, then since; dates as day numbers.</summary>
public readonly ref struct StatusRows(ReadOnlySpan<int> since, ReadOnlySpan<ServiceType> service, ReadOnlySpan<ServiceStatus> status)
{
    public ReadOnlySpan<int> Since { get; } = since;
    public ReadOnlySpan<ServiceType> Service { get; } = service;
    public ReadOnlySpan<ServiceStatus> Status { get; } = status;
    public int Length => Since.Length;

    /// <summary>Whether row i is its service's latest row on or before the day: the service's state at that day.</summary>
    public bool IsStateAt(int i, int day) =>
        Since[i] <= day && (i + 1 == Since.Length || Service[i + 1] != Service[i] || Since[i + 1] > day);

    /// <summary>The rows of records, for callers that hold records rather than an index.</summary>
    public static StatusRows Of(ReadOnlySpan<PlannedService> rows)
    {
        var (since, service, status) = (new int[rows.Length], new ServiceType[rows.Length], new ServiceStatus[rows.Length]);
        for (var i = 0; i < rows.Length; i++) (since[i], service[i], status[i]) = (rows[i].Since.DayNumber, rows[i].Service, rows[i].Status);
        return new(since, service, status);
    }
}

/// <summary>The monitoring rows of one plan id as flat spans (see <see cref="DatasetIndex.ReviewsOf"/>): by date,
/// then priority; dates as day numbers.</summary>
public readonly ref struct Reviews(ReadOnlySpan<int> day, ReadOnlySpan<int> priority, ReadOnlySpan<Achievement> achievement)
{
    public ReadOnlySpan<int> Day { get; } = day;
    public ReadOnlySpan<int> Priority { get; } = priority;
    public ReadOnlySpan<Achievement> Achievement { get; } = achievement;
    public int Length => Day.Length;

    /// <summary>How many reviews are dated on or before the day: a binary search.</summary>
    public int EndOn(int day)
    {
        var (lo, hi) = (0, Day.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Day[mid] <= day) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
