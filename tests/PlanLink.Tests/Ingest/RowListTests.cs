using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>RowList keeps rows in chunks: it must read like a list across chunk boundaries, and truncating must keep
/// exactly the rows asked for.</summary>
public class RowListTests
{
    private static RowList<PlanNeed> Needs(int count)
    {
        var rows = new RowList<PlanNeed>();
        for (var i = 0; i < count; i++) rows.Add(new PlanNeed($"P{i}", i % 99 + 1, "text", null, "goal", null, null));
        return rows;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5000)]
    public void Rows_ReadBackInOrder_AcrossChunks(int count)
    {
        var rows = Needs(count);
        Assert.Equal(count, rows.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"P{i}"), rows.Select(r => r.PlanId));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"P{i}"), Enumerable.Range(0, count).Select(i => rows[i].PlanId));
        Assert.Equal(count, rows.Chunks().Sum(c => c.Length));
        Assert.True(rows.Chunks().Count() >= count / 2048, "rows come in chunks of at most 64 KB");
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[-1]);
    }

    [Theory]
    [InlineData(5000, 4999)]
    [InlineData(5000, 1024)]
    [InlineData(5000, 1)]
    [InlineData(5000, 0)]
    public void Truncate_KeepsTheFirstRows_AndLetsGoOfTheRest(int count, int keep)
    {
        var rows = Needs(count);
        rows.Truncate(keep);
        Assert.Equal(keep, rows.Count);
        Assert.Equal(Enumerable.Range(0, keep).Select(i => $"P{i}"), rows.Select(r => r.PlanId));
        Assert.Equal(keep, rows.Chunks().Sum(c => c.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[keep]);
        // Rows added after truncating follow the rows kept.
        rows.Add(new PlanNeed("again", 1, "t", null, "g", null, null));
        Assert.Equal("again", rows[keep].PlanId);
        Assert.Equal(keep + 1, rows.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    [InlineData(10_000)]
    public void RowChunks_GiveEveryRowInOrder_WhateverListHoldsThem(int count)
    {
        var rows = Needs(count);
        var expected = Enumerable.Range(0, count).Select(i => $"P{i}").ToList();
        // A RowList, an array and any other list (copied a few thousand rows at a time into one reused buffer).
        foreach (IReadOnlyList<PlanNeed> list in (IReadOnlyList<PlanNeed>[])[rows, rows.ToArray(), rows.ToList()])
        {
            var read = new List<string>();
            foreach (var chunk in RowChunks.Of(list))
                foreach (var row in chunk.Span) read.Add(row.PlanId);
            Assert.Equal(expected, read);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    public void TouchedArray_IsANewZeroedArrayOfTheLength(int length)
    {
        var first = TouchedArray.Of<long>(length);
        Assert.Equal(length, first.Length);
        Assert.All(first, v => Assert.Equal(0, v));
        if (length > 0) Assert.NotSame(first, TouchedArray.Of<long>(length));
    }
}
