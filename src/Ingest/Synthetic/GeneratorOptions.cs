namespace PlanLink.Ingest.Synthetic;

/// <summary>What the synthetic generator makes; one set of options gives byte-identical files.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Persons with a service use plan, spread over the municipalities by population.</summary>
    public int Persons { get; init; } = 2000;

    public ulong Seed { get; init; } = 1;

    /// <summary>8 = one fictional prefecture; larger numbers add prefectures of about 37 each (national ≈ 1,741).</summary>
    public int Municipalities { get; init; } = 8;

    /// <summary>The last day of the history (the end of FY2026 Q2).</summary>
    public DateOnly HistoryEnd { get; init; } = new(2026, 9, 30);

    /// <summary>Persons already supported before the history's first quarter have plans from this date.</summary>
    public DateOnly HistoryStart => new(HistoryEnd.Year - 3, 4, 1);

    /// <summary>The first fiscal quarter in which new persons arrive (two and a half years before the end).</summary>
    public DateOnly ArrivalsFrom => new(HistoryEnd.Year - 2, 4, 1);
}
