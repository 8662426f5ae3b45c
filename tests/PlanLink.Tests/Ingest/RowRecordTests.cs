using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>The rows of needs, services and goals hold their small numbers in 16 bits and their optional codes in a byte:
/// they must give back exactly what they were made with (none apart from zero, the scale of an amount), compare as the
/// values they hold, and refuse a number they cannot hold rather than change it.</summary>
public class RowRecordTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(120)]
    [InlineData(-5)]
    [InlineData(32767)]
    [InlineData(-32767)]
    public void OptionalNumbers_ComeBackAsMade(int? value)
    {
        var need = new PlanNeed("P1", 3, "n", null, "g", value, null);
        var goal = new SupportGoal("S1", 2, "g", value, value, null);
        Assert.Equal((3, value), (need.Priority, need.TargetMonths));
        Assert.Equal((2, value, value), (goal.GoalNo, goal.LinkedPriority, goal.PeriodMonths));
    }

    [Theory]
    [InlineData(32768)]
    [InlineData(-32768)]
    [InlineData(100_000)]
    public void NumbersBeyondSixteenBits_AreRefused(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanNeed("P1", value, "n", null, "g", null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanNeed("P1", 1, "n", null, "g", value, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlannedService("P1", value, ServiceType.GroupHome, null, null, null, ServiceStatus.InUse, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportGoal("S1", value, "g", null, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportGoal("S1", 1, "g", value, null, null));
    }

    [Fact]
    public void OptionalCodesAndAmounts_KeepNoneApartFromTheirFirstValue()
    {
        var domains = Enum.GetValues<LifeDomain>().Select(d => (LifeDomain?)d).Append(null).ToList();
        Assert.Equal(domains, domains.Select(d => new PlanNeed("P1", 1, "n", d, "g", null, null).Domain));
        Assert.NotEqual(new PlanNeed("P1", 1, "n", null, "g", null, null), new PlanNeed("P1", 1, "n", LifeDomain.Housing, "g", null, null));

        PlannedService Service(decimal? amount) => new("P1", 1, ServiceType.HomeCare, amount, "時間/月", "1310100011", ServiceStatus.InUse, new DateOnly(2026, 4, 1));
        Assert.Null(Service(null).Amount);
        Assert.Equal(0m, Service(0m).Amount);
        Assert.NotEqual(Service(null), Service(0m));
        // The amount keeps its scale as written, and compares as a number, as a decimal does.
        Assert.Equal("1.50", Service(1.50m).Amount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Service(1.5m), Service(1.50m));
        Assert.Equal(Service(1.5m).GetHashCode(), Service(1.50m).GetHashCode());
        Assert.Equal(decimal.MaxValue, Service(decimal.MaxValue).Amount);
    }
}
