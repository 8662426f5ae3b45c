namespace PlanLink.Reports.Workbook;

/// <summary>How a number is shown.</summary>
public enum NumberStyle : byte { Text, Integer, OneDecimal }
