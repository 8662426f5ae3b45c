using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Forecasting;

/// <summary>Quarter arithmetic on a running index (fiscal year × 4 + quarter − 1).</summary>
internal static class QuarterIndex
{
    public static int Of(FiscalQuarter q) => q.FiscalYear * 4 + q.Quarter - 1;
    public static FiscalQuarter At(int index) => new(Math.DivRem(index, 4, out var r), r + 1);
    public static FiscalQuarter Add(FiscalQuarter q, int quarters) => At(Of(q) + quarters);
    public static int Distance(FiscalQuarter from, FiscalQuarter to) => Of(to) - Of(from);
}
