using System.Globalization;

namespace PlanLink.Analytics.Periods;

/// <summary>A Japanese fiscal quarter: the fiscal year runs April–March (令和8年度 = FY2026 =
/// 2026-04-01..2027-03-31); Q1 is April–June … Q4 January–March (domain.md §5).</summary>
public readonly record struct FiscalQuarter(int FiscalYear, int Quarter) : IComparable<FiscalQuarter>
{
    public DateOnly Start => new DateOnly(FiscalYear, 4, 1).AddMonths(3 * (Quarter - 1));
    public DateOnly End => Start.AddMonths(3).AddDays(-1);
    public FiscalQuarter Next => Quarter == 4 ? new(FiscalYear + 1, 1) : new(FiscalYear, Quarter + 1);
    public FiscalQuarter Previous => Quarter == 1 ? new(FiscalYear - 1, 4) : new(FiscalYear, Quarter - 1);
    public FiscalQuarter YearBefore => new(FiscalYear - 1, Quarter);
    /// <summary>令和 year of the fiscal year (令和1 = 2019).</summary>
    public int ReiwaYear => FiscalYear - 2018;

    public static FiscalQuarter Of(DateOnly date)
    {
        var fiscalYear = date.Month >= 4 ? date.Year : date.Year - 1;
        return new(fiscalYear, (date.Month + 8) % 12 / 3 + 1);
    }

    /// <summary>The last quarter that has ended on or before <paramref name="date"/>.</summary>
    public static FiscalQuarter LatestCompleteOn(DateOnly date)
    {
        var q = Of(date);
        return q.End == date ? q : q.Previous;
    }

    /// <summary>Parses "2026Q2" (fiscal year and quarter).</summary>
    public static FiscalQuarter Parse(string text)
    {
        var s = text.Trim().ToUpperInvariant();
        var q = s.IndexOf('Q');
        if (q == 4 && s.Length == 6 && int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && s[5] is >= '1' and <= '4')
            return new(year, s[5] - '0');
        throw new FormatException($"四半期は 2026Q2 の形で指定してください / quarter must look like 2026Q2: '{text}'");
    }

    /// <summary>Every quarter from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public static IEnumerable<FiscalQuarter> Range(FiscalQuarter first, FiscalQuarter last)
    {
        for (var q = first; q.CompareTo(last) <= 0; q = q.Next) yield return q;
    }

    public int CompareTo(FiscalQuarter other) => (FiscalYear, Quarter).CompareTo((other.FiscalYear, other.Quarter));

    public override string ToString() => $"{FiscalYear}Q{Quarter}";

    /// <summary>令和8年度 第2四半期（2026年7月〜9月）</summary>
    public string JapaneseLabel =>
        $"{JapaneseFiscalYear} 第{Quarter}四半期（{Start.Year}年{Start.Month}月〜{End.Month}月）";

    /// <summary>令和8年度（2026年度）</summary>
    public string JapaneseFiscalYear => $"令和{ReiwaYear}年度（{FiscalYear}年度）";

    /// <summary>Short axis label: R8 Q2.</summary>
    public string ShortLabel => $"R{ReiwaYear}Q{Quarter}";
}
