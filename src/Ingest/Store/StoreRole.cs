namespace PlanLink.Ingest.Store;

/// <summary>The database role a command works as (SET ROLE after connecting): the least it needs.</summary>
public enum StoreRole
{
    /// <summary>The login user itself: migrations and administration.</summary>
    Owner,
    /// <summary><c>planlink_importer</c>: adds batches (INSERT only), reads the ledger and reference data.</summary>
    Importer,
    /// <summary><c>planlink_reporter</c>: aggregate views and reference data only, no person-level rows.</summary>
    Reporter,
    /// <summary><c>planlink_analyst</c>: the current micro and meso views (internal, 内部資料).</summary>
    Analyst,
}
