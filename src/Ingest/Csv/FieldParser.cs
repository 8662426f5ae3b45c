using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PlanLink.Ingest.Csv;

/// <summary>Parses the field formats offices send: NFKC-normalised codes and numbers (full-width
/// digits and spaces), ISO and Japanese-era dates, 有/無 flags.</summary>
public static partial class FieldParser
{
    /// <summary>NFKC (正規化) and trimming, so that ２０２６ and 2026 are the same; ASCII skips the work.</summary>
    public static string Normalize(string value)
    {
        foreach (var c in value)
        {
            if (c > 0x7F) return value.Normalize(NormalizationForm.FormKC).Trim();
        }
        return value.Trim();
    }

    public static bool TryInt(string text, out int value) =>
        int.TryParse(Normalize(text).Replace(",", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(Normalize(text).Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>有/無, Y/N, yes/no, true/false, 1/0.</summary>
    public static bool TryFlag(string text, out bool value)
    {
        switch (Normalize(text).ToLowerInvariant())
        {
            case "有" or "あり" or "y" or "yes" or "true" or "1": value = true; return true;
            case "無" or "なし" or "n" or "no" or "false" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>yyyy-MM-dd exactly, parsed by hand: most exports write dates this way.</summary>
    private static bool TryIsoDate(string s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        int Digits(int start, int count)
        {
            var n = 0;
            for (var i = start; i < start + count; i++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9) return -1;
                n = n * 10 + d;
            }
            return n;
        }
        int year = Digits(0, 4), month = Digits(5, 2), day = Digits(8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static readonly string[] IsoFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d"];

    /// <summary>Start year minus one of each era: 令和1 = 2019, 平成1 = 1989, 昭和1 = 1926.</summary>
    private static int? EraBase(string era) => era switch
    {
        "R" or "令和" or "令" => 2018,
        "H" or "平成" or "平" => 1988,
        "S" or "昭和" or "昭" => 1925,
        _ => null,
    };

    [GeneratedRegex(@"^(令和|平成|昭和|[RHSrhs令平昭])\s*(元|\d{1,2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$")]
    private static partial Regex EraDate();

    /// <summary>Parses 2026-04-01, 2026/4/1, R8.4.1, 令和8年4月1日, 令和元年5月1日, H30.4.1.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        if (TryIsoDate(text, out date)) return true; // the common case, without allocation
        var s = Normalize(text);
        if (DateOnly.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        var m = EraDate().Match(s);
        if (m.Success && EraBase(m.Groups[1].Value.ToUpperInvariant()) is int baseYear)
        {
            var year = baseYear + (m.Groups[2].Value == "元" ? 1 : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            var month = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                date = new DateOnly(year, month, day);
                return true;
            }
        }
        date = default;
        return false;
    }
}
