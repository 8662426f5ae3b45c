using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>The traits of one synthetic person that decide their needs and services.</summary>
internal sealed record Person(int AgeAtStart, DisabilityType Types, byte Category)
{
    public bool IsChild => AgeAtStart < 18;

    /// <summary>年齢階級 at a date, counting from the age at the history's start.</summary>
    public string AgeBand(DateOnly historyStart, DateOnly date) =>
        AgeBands.Of(AgeAtStart + (date.DayNumber - historyStart.DayNumber) / 365);
}
