namespace PlanLink.Analytics.Targets;

/// <summary>How the unmet demand of the latest quarter enters the 第8期 見込量: the percentage that starts
/// using the service in each of FY2027, 2028, 2029 (令和9–11年度). Cumulative: persons who start in
/// FY2027 still use the service in FY2028 and 2029. The default puts all of it in FY2027.</summary>
public sealed record UnmetPhaseIn(int Fy2027, int Fy2028, int Fy2029)
{
    public static UnmetPhaseIn Default { get; } = new(100, 0, 0);

    /// <summary>Parses "100,0,0" (percentages adding up to 100).</summary>
    public static UnmetPhaseIn Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, out var v) && v is >= 0 and <= 100))
            throw new FormatException($"未充足分の段階は 100,0,0 の形で指定してください / phase-in must look like 100,0,0: '{text}'");
        var v = parts.Select(int.Parse).ToArray();
        if (v.Sum() != 100)
            throw new FormatException($"未充足分の段階の合計は100にしてください / phase-in percentages must add up to 100: '{text}'");
        return new(v[0], v[1], v[2]);
    }

    /// <summary>The share of the unmet demand in use by <paramref name="fiscalYear"/> (0 before FY2027).</summary>
    public double ShareBy(int fiscalYear) => fiscalYear switch
    {
        < 2027 => 0,
        2027 => Fy2027 / 100.0,
        2028 => (Fy2027 + Fy2028) / 100.0,
        _ => (Fy2027 + Fy2028 + Fy2029) / 100.0,
    };

    public override string ToString() => $"{Fy2027},{Fy2028},{Fy2029}";
}
