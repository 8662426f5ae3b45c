namespace PlanLink.Analytics.Disclosure;

/// <summary>Lists of indices kept in two flat arrays: every list's members one after another, and where each list starts.</summary>
internal sealed class IndexLists(int[] start, int[] members)
{
    public int Count => start.Length - 1;

    public ReadOnlySpan<int> this[int list] => members.AsSpan(start[list], start[list + 1] - start[list]);

    /// <summary>The indices 0, 1, … sorted into the lists <paramref name="listOf"/> names (-1: none), each list in index order.</summary>
    public static IndexLists Of(int[] listOf, int count)
    {
        var start = new int[count + 1];
        foreach (var l in listOf) if (l >= 0) start[l]++;
        var members = new int[Ends(start)];
        // Backwards from each list's end: every list fills in index order and its end moves down to its start.
        for (var i = listOf.Length - 1; i >= 0; i--) if (listOf[i] >= 0) members[--start[listOf[i]]] = i;
        return new IndexLists(start, members);
    }

    /// <summary>Turns the lists' sizes (in <paramref name="start"/>[0 … Count − 1]) into where each list ends, its last
    /// slot into the total, which it returns: filling each list backwards then leaves <paramref name="start"/> as the starts.</summary>
    public static int Ends(int[] start)
    {
        var total = 0;
        for (var l = 0; l < start.Length - 1; l++) start[l] = total += start[l];
        return start[^1] = total;
    }
}
