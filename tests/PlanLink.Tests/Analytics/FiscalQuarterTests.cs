using PlanLink.Analytics.Periods;

namespace PlanLink.Tests;

/// <summary>Japanese fiscal quarters (domain.md §5): 令和8年度 = FY2026 = 2026-04-01..2027-03-31.</summary>
public class FiscalQuarterTests
{
    [Theory]
    [InlineData("2026-04-01", 2026, 1)]
    [InlineData("2026-06-30", 2026, 1)]
    [InlineData("2026-07-01", 2026, 2)]
    [InlineData("2026-12-31", 2026, 3)]
    [InlineData("2027-01-01", 2026, 4)]
    [InlineData("2027-03-31", 2026, 4)]
    public void Of_Date_GivesFiscalYearAndQuarter(string date, int year, int quarter) =>
        Assert.Equal(new FiscalQuarter(year, quarter), FiscalQuarter.Of(DateOnly.Parse(date)));

    [Fact]
    public void Bounds_Q4_RunsJanuaryToMarchOfTheNextCalendarYear()
    {
        var q = FiscalQuarter.Parse("2026Q4");
        Assert.Equal(new DateOnly(2027, 1, 1), q.Start);
        Assert.Equal(new DateOnly(2027, 3, 31), q.End);
        Assert.Equal(new FiscalQuarter(2027, 1), q.Next);
        Assert.Equal(8, q.ReiwaYear);
    }

    [Fact]
    public void LatestCompleteOn_MidQuarter_IsThePreviousQuarter()
    {
        Assert.Equal(new FiscalQuarter(2026, 1), FiscalQuarter.LatestCompleteOn(new DateOnly(2026, 9, 15)));
        Assert.Equal(new FiscalQuarter(2026, 2), FiscalQuarter.LatestCompleteOn(new DateOnly(2026, 9, 30)));
    }

    [Fact]
    public void Parse_BadText_Throws() => Assert.Throws<FormatException>(() => FiscalQuarter.Parse("2026-Q5"));
}
