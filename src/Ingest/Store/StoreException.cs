namespace PlanLink.Ingest.Store;

/// <summary>The store cannot do what was asked (schema too new, no permission, no server): its message is one
/// line in Japanese and English, and never holds a password.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
