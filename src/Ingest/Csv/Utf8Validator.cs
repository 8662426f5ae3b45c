using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Unicode;

namespace PlanLink.Ingest.Csv;

/// <summary>Whether bytes are valid UTF-8, 32 at a time: the lookup algorithm of Keiser and Lemire ("Validating UTF-8
/// in less than one instruction per byte", 2021), which classifies every byte by its high nibble, the previous byte's
/// two nibbles and the two bytes before, with three table lookups and no branch per character. Japanese text is
/// almost all 3-byte characters, where <see cref="Utf8.IsValid"/> goes a character at a time: checking the national
/// files took ~5 % of the read's CPU with it. Without AVX2 the runtime's own check runs.</summary>
public static class Utf8Validator
{
    private const int Block = 32;

    public static bool IsValid(ReadOnlySpan<byte> bytes)
    {
        if (!Avx2.IsSupported) return Utf8.IsValid(bytes);
        var error = Vector256<byte>.Zero;
        var previous = Vector256<byte>.Zero;
        var incomplete = Vector256<byte>.Zero;
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var i = 0;
        for (; i + Block <= bytes.Length; i += Block)
        {
            var input = Vector256.LoadUnsafe(ref start, (nuint)i);
            Step(input, ref previous, ref incomplete, ref error);
            // Every 1 KiB, stop at an error already found rather than check a broken file to its end.
            if ((i & 1023) == 0 && error != Vector256<byte>.Zero) return false;
        }
        if (i < bytes.Length)
        {
            // The last bytes padded with ASCII zeros, which end any character cut by the end.
            Span<byte> last = stackalloc byte[Block];
            last.Clear();
            bytes[i..].CopyTo(last);
            Step(Vector256.Create((ReadOnlySpan<byte>)last), ref previous, ref incomplete, ref error);
        }
        return (error | incomplete) == Vector256<byte>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(Vector256<byte> input, ref Vector256<byte> previous, ref Vector256<byte> incomplete, ref Vector256<byte> error)
    {
        if ((input & Vector256.Create((byte)0x80)) == Vector256<byte>.Zero)
        {
            // All ASCII: only a character the previous block left unfinished can be wrong.
            error |= incomplete;
        }
        else
        {
            // The previous block's last bytes before this block's first ones: input shifted by 1, 2 and 3 bytes.
            var carried = Avx2.Permute2x128(previous, input, 0x21);
            var prev1 = Avx2.AlignRight(input, carried, 16 - 1);
            var prev2 = Avx2.AlignRight(input, carried, 16 - 2);
            var prev3 = Avx2.AlignRight(input, carried, 16 - 3);
            var special = Avx2.Shuffle(Byte1High, HighNibble(prev1)) & Avx2.Shuffle(Byte1Low, prev1 & Vector256.Create((byte)0x0F))
                          & Avx2.Shuffle(Byte2High, HighNibble(input));
            // A continuation must follow a 3-byte lead two bytes back or a 4-byte lead three back: the one case where
            // two continuations in a row (bit 7 above) are right.
            var must23 = Avx2.SubtractSaturate(prev2, Vector256.Create((byte)(0xE0 - 0x80)))
                         | Avx2.SubtractSaturate(prev3, Vector256.Create((byte)(0xF0 - 0x80)));
            error |= (must23 & Vector256.Create((byte)0x80)) ^ special;
            // A lead in the last three bytes whose character runs past this block.
            incomplete = Avx2.SubtractSaturate(input, IncompleteMax);
        }
        previous = input;
    }

    private static Vector256<byte> HighNibble(Vector256<byte> v) => Avx2.ShiftRightLogical(v.AsUInt16(), 4).AsByte() & Vector256.Create((byte)0x0F);

    // The error classes a pair of bytes (the previous one and this one) can fall in; a pair is wrong when all three
    // lookups share a bit.
    private const byte TooShort = 1 << 0;      // 11______ 0_______ or 11______ 11______
    private const byte TooLong = 1 << 1;       // 0_______ 10______
    private const byte Overlong3 = 1 << 2;     // 11100000 100_____
    private const byte TooLarge = 1 << 3;      // 11110100 1001____ and above
    private const byte Surrogate = 1 << 4;     // 11101101 101_____
    private const byte Overlong2 = 1 << 5;     // 1100000_ 10______
    private const byte TooLarge1000 = 1 << 6;  // 11110101 1000____ and above
    private const byte Overlong4 = 1 << 6;     // 11110000 1000____
    private const byte TwoConts = 1 << 7;      // 10______ 10______
    private const byte Carry = TooShort | TooLong | TwoConts;

    // By the previous byte's high nibble.
    private static readonly Vector256<byte> Byte1High = Repeat(
        TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong,
        TwoConts, TwoConts, TwoConts, TwoConts,
        TooShort | Overlong2,
        TooShort,
        TooShort | Overlong3 | Surrogate,
        TooShort | TooLarge | TooLarge1000 | Overlong4);

    // By the previous byte's low nibble.
    private static readonly Vector256<byte> Byte1Low = Repeat(
        Carry | Overlong3 | Overlong2 | Overlong4,
        Carry | Overlong2,
        Carry,
        Carry,
        Carry | TooLarge,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000 | Surrogate,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000);

    // By this byte's high nibble.
    private static readonly Vector256<byte> Byte2High = Repeat(
        TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort,
        TooLong | Overlong2 | TwoConts | Overlong3 | TooLarge1000 | Overlong4,
        TooLong | Overlong2 | TwoConts | Overlong3 | TooLarge,
        TooLong | Overlong2 | TwoConts | Surrogate | TooLarge,
        TooLong | Overlong2 | TwoConts | Surrogate | TooLarge,
        TooShort, TooShort, TooShort, TooShort);

    // Above these, a byte in the last three places of a block leads a character longer than the bytes left.
    private static readonly Vector256<byte> IncompleteMax = Vector256.Create(
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0b1111_0000 - 1, 0b1110_0000 - 1, 0b1100_0000 - 1);

    /// <summary>A table of 16 bytes in both 128-bit lanes (the shuffle looks up within each lane).</summary>
    private static Vector256<byte> Repeat(params ReadOnlySpan<byte> table)
    {
        var lane = Vector128.Create(table);
        return Vector256.Create(lane, lane);
    }
}
