namespace PlanLink.Ingest.Csv;

/// <summary>全国地方公共団体コード: 5 digits plus a check digit (modulus 11, weights 6–2).</summary>
public static class LocalGovernmentCode
{
    public static bool IsValid(string code) =>
        code.Length == 6 && code.All(char.IsAsciiDigit) && CheckDigit(code.AsSpan(0, 5)) == code[5] - '0';

    /// <summary>The check digit of the first five digits, as the 総務省 defines it.</summary>
    public static int CheckDigit(ReadOnlySpan<char> five)
    {
        var sum = 0;
        for (var i = 0; i < 5; i++) sum += (five[i] - '0') * (6 - i);
        // The last digit of 11 − (sum mod 11): remainder 0 gives 1, remainder 1 gives 0.
        return (11 - sum % 11) % 10;
    }

    /// <summary>Appends the check digit to a 5-digit code.</summary>
    public static string WithCheckDigit(string five) => five + CheckDigit(five);
}
