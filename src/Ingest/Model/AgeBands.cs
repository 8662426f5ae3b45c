namespace PlanLink.Ingest.Model;

/// <summary>年齢階級 of the contract (domain.md §3): 0-5, 6-17, 18-29, 30-39, 40-49, 50-59, 60-64, 65+.</summary>
public static class AgeBands
{
    /// <summary>Full years of age on <paramref name="asOf"/>.</summary>
    public static int Age(DateOnly birth, DateOnly asOf)
    {
        var age = asOf.Year - birth.Year;
        if (asOf.Month < birth.Month || (asOf.Month == birth.Month && asOf.Day < birth.Day)) age--;
        return age;
    }

    public static string Of(int age) => age switch
    {
        < 6 => "0-5",
        < 18 => "6-17",
        < 30 => "18-29",
        < 40 => "30-39",
        < 50 => "40-49",
        < 60 => "50-59",
        < 65 => "60-64",
        _ => "65+",
    };
}
