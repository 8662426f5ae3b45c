namespace PlanLink.Reports.Workbook;

/// <summary>One value of the plan-target table: text, a number with its format, or a suppressed number (「-」).
/// A value type: a national workbook holds millions of them.</summary>
public readonly record struct SheetValue(string? Text, decimal? Number, NumberStyle Style)
{
    public bool Suppressed => Text is null && Number is null;
    public static SheetValue Of(string text) => new(text, null, NumberStyle.Text);
    public static SheetValue Of(decimal? number, NumberStyle style) => new(null, number, style);
}
