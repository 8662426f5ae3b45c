namespace PlanLink.Analytics.Targets;

/// <summary>What a 見込量 row counts: persons per month (人分) or the service's volume per month (時間分・人日分).</summary>
public enum TargetMeasure : byte { Persons, Volume }
