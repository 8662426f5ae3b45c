using System.Text;
using System.Text.Unicode;
using PlanLink.Ingest.Csv;

namespace PlanLink.Tests;

/// <summary>The vectorised UTF-8 check must agree with the runtime's on every input: each byte pair and triple that
/// decides validity, at every place in a 32-byte block (and across two), and random text with damage.</summary>
public class Utf8ValidatorTests
{
    // Bytes at the edges of every class: ASCII, continuations (80-8F, 90-9F, A0-BF), the leads (C0/C1 overlong, C2-DF,
    // E0 and ED with their narrow ranges, F0-F4, F5 and above never valid).
    private static readonly byte[] Edges =
        [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF];

    private static void AgreesAt(byte[] buffer, int at, ReadOnlySpan<byte> sequence)
    {
        Array.Fill(buffer, (byte)'a');
        sequence.CopyTo(buffer.AsSpan(at));
        var span = buffer.AsSpan(0, at + sequence.Length + (at % 3));
        if (Utf8Validator.IsValid(span) != Utf8.IsValid(span))
            Assert.Fail($"{Convert.ToHexString(sequence)} at {at} of {span.Length}: runtime says {Utf8.IsValid(span)}");
    }

    [Fact]
    public void EveryPair_AndEdgeTriple_AgreesWithTheRuntime()
    {
        var buffer = new byte[72];
        int[] places = [0, 15, 30, 31, 33, 62];
        for (var first = 0; first < 256; first++)
        {
            for (var second = 0; second < 256; second++)
            {
                foreach (var at in places) AgreesAt(buffer, at, [(byte)first, (byte)second]);
                foreach (var third in Edges) AgreesAt(buffer, places[(first + second) % places.Length], [(byte)first, (byte)second, third]);
            }
        }
    }

    [Fact]
    public void FourByteLeads_WithEdgeContinuations_AgreeWithTheRuntime()
    {
        var buffer = new byte[72];
        for (var first = 0xF0; first <= 0xFF; first++)
        for (var second = 0x70; second < 0xD0; second++)
        foreach (var third in Edges)
        foreach (var fourth in Edges)
            AgreesAt(buffer, 29 + (second + third) % 4, [(byte)first, (byte)second, third, fourth]);
    }

    [Fact]
    public void RandomText_WithDamage_AgreesWithTheRuntime()
    {
        var random = new Random(20261126);
        var builder = new StringBuilder();
        var bad = 0;
        for (var round = 0; round < 20_000; round++)
        {
            builder.Clear();
            var length = random.Next(0, 90);
            for (var i = 0; i < length; i++)
            {
                var kind = random.Next(5);
                builder.Append(kind switch
                {
                    0 => (char)random.Next(0x20, 0x7F),
                    1 => (char)random.Next(0x80, 0x800),
                    2 => (char)random.Next(0x3040, 0x9FFF), // kana and kanji: 3 bytes
                    3 => (char)random.Next(0xE000, 0xFFFE),
                    _ => char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF))[0],
                });
                if (kind == 4 && builder[^1] is var high && char.IsHighSurrogate(high))
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF))[1] is var low && char.IsLowSurrogate(low) ? low : 'x');
            }
            var bytes = Encoding.UTF8.GetBytes(builder.ToString());
            // Damage: a random byte, a cut, or none.
            switch (random.Next(3))
            {
                case 0 when bytes.Length > 0:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Length > 0:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
            }
            var expected = Utf8.IsValid(bytes);
            if (!expected) bad++;
            Assert.True(expected == Utf8Validator.IsValid(bytes), $"{Convert.ToHexString(bytes)}: runtime says {expected}");
        }
        Assert.InRange(bad, 2_000, 15_000);
    }

    [Fact]
    public void LongJapaneseText_IsValid_UntilOneByteBreaksIt()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("日中活動の場がなく、自宅で過ごす時間が長い。（週３日）", 500)));
        Assert.True(Utf8Validator.IsValid(bytes));
        foreach (var at in new[] { 0, 1, 2, 31, 32, 33, bytes.Length / 2, bytes.Length - 1 })
        {
            var broken = bytes.ToArray();
            broken[at] = 0xFF;
            Assert.False(Utf8Validator.IsValid(broken), $"0xFF at {at}");
        }
        Assert.False(Utf8Validator.IsValid(bytes.AsSpan(0, bytes.Length - 1)), "a character cut at the end");
    }
}
