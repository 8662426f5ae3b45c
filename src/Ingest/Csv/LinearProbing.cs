using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PlanLink.Ingest.Csv;

/// <summary>Where a key goes in an open-addressing table of a power-of-two number of slots, probed linearly: its home
/// slot (the key scrambled by a multiplication, so that numbers or hashes close to each other spread out), then the
/// next slots, wrapping around. The flat tables of the read (office numbers, plans and support plans) share it.</summary>
internal static class LinearProbing
{
    public static int Home(ulong key, int slots) => (int)(key * 0x9E37_79B9_7F4A_7C15UL >> 32) & (slots - 1);

    public static int Next(int slot, int slots) => (slot + 1) & (slots - 1);

    /// <summary>Asks the CPU to fetch <paramref name="slot"/> of <paramref name="slots"/> before it is probed: in a table
    /// that outgrows the CPU's caches each probe is a trip to memory, which the work done meanwhile then hides. A hint
    /// only (x86; elsewhere nothing): it never faults, and the slot's address is read at once.</summary>
    public static unsafe void Prefetch<T>(T[] slots, int slot)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref slots[slot]));
    }
}
