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
        foreach (var l in listOf) if (l >= 0) start[l + 1]++;
        for (var l = 0; l < count; l++) start[l + 1] += start[l];
        var next = start[..^1];
        var members = new int[start[count]];
        for (var i = 0; i < listOf.Length; i++) if (listOf[i] >= 0) members[next[listOf[i]]++] = i;
        return new IndexLists(start, members);
    }
}
