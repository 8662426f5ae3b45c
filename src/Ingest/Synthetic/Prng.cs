namespace PlanLink.Ingest.Synthetic;

/// <summary>SplitMix64: a tiny seeded generator whose output is fixed by its algorithm, so the same
/// seed gives the same data on every runtime (System.Random's sequence is an implementation detail).</summary>
internal sealed class Prng(ulong seed)
{
    private ulong _state = seed;

    /// <summary>An independent stream for one part of the data (one person, the region), so that
    /// adding a person never changes another's rows.</summary>
    public static Prng For(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + 0x632BE59BD9B4E019)));

    public ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max) => (int)((NextUInt64() >> 32) * (ulong)max >> 32);

    /// <summary>Uniform in [min, max], both inclusive.</summary>
    public int Range(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn with the given relative weights.</summary>
    public int Weighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>A day in [from, to], both inclusive.</summary>
    public DateOnly Day(DateOnly from, DateOnly to) => from.AddDays(Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>Rounds up with probability equal to the fraction, so small expected counts still sum right.</summary>
    public int StochasticRound(double x)
    {
        var whole = Math.Floor(x);
        return (int)whole + (Chance(x - whole) ? 1 : 0);
    }
}
