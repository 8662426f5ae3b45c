namespace PlanLink.Ingest.Model;

/// <summary>計画の種別: 計画案 / 本計画 / 変更 / 継続.</summary>
public enum PlanKind : byte { Draft, Final, Change, Continuation }
