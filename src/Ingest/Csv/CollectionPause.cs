using System.Runtime;

namespace PlanLink.Ingest.Csv;

/// <summary>Holds off garbage collection while a read allocates what it keeps. Nearly every byte a read allocates
/// is a row it returns, so a collection during it finds next to no garbage while it traces a growing heap:
/// nationally 17 ephemeral and 8 full collections, 0.5 s of pauses and more of the collector's threads (bench/RESULTS.md,
/// eighth session). The runtime's no-GC region is process-wide: one read at a time holds it, and a read beside it
/// runs with collections as usual. Allocating past the amount asked for ends the region with a collection, as if
/// there had been none.</summary>
internal sealed class CollectionPause : IDisposable
{
    private static int s_held;
    private bool _holding;

    private CollectionPause(bool holding) => _holding = holding;

    /// <summary>A pause for a read of <paramref name="inputBytes"/> bytes of CSV: the rows take about as much as
    /// their bytes (nationally 1.43 GB for 1.5 GB), a quarter more to spare, plus a fixed part for small reads. None when that is more than
    /// a quarter of the memory the process may use, or another read holds the region.</summary>
    public static CollectionPause For(long inputBytes)
    {
        var budget = inputBytes + inputBytes / 4 + (64L << 20);
        if (budget > GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 || Interlocked.Exchange(ref s_held, 1) == 1)
            return new(false);
        try
        {
            // Starts with a full collection of what is there (at the start of a job, next to nothing).
            if (GC.TryStartNoGCRegion(budget)) return new(true);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // More than the runtime can set aside, or a region someone else started: collect as usual.
        }
        Volatile.Write(ref s_held, 0);
        return new(false);
    }

    public void Dispose()
    {
        if (!_holding) return;
        _holding = false;
        try
        {
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
            GC.EndNoGCRegion();
            // Everything the read allocated is still in the youngest generation, where the next collection would
            // copy it (nationally 1.3 GB, and 4.1 GiB at the report's peak instead of 3.2). One full collection that
            // sweeps instead promotes the rows where they lie: nationally 0.25 s on two cores, where the collections it
            // replaces paused the read for 0.5-0.7 s.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
        catch (InvalidOperationException)
        {
            // The region already ended: the read allocated more than asked for, or something collected.
        }
        finally
        {
            Volatile.Write(ref s_held, 0);
        }
    }
}
