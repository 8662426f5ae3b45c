using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>How a service is used and supplied in the synthetic region.</summary>
/// <param name="Share">Rough share of persons whose plan names the service: sizes the supply.</param>
/// <param name="Amount">Typical monthly amount per person, in the service's unit (1 for persons).</param>
/// <param name="OfficeCapacity">Typical capacity of one office (定員, or hours/month for visiting services).</param>
/// <param name="RegionWide">Residents may use offices anywhere in their 圏域; otherwise only in their municipality.</param>
/// <param name="Supply">Supply against demand by <see cref="AreaClass"/>: below 1 people wait, 0 means no office.</param>
internal sealed record ServiceProfile(
    ServiceType Service, double Share, decimal Amount, decimal OfficeCapacity, bool RegionWide, double[] Supply)
{
    public decimal PlacesPerUser => ServiceCatalog.Get(Service).Unit == VolumeUnit.HoursPerMonth ? Amount : 1;

    /// <summary>The chance that a request in an area of this class ends up waiting for a place.</summary>
    public double WaitingChance(AreaClass area) => Math.Clamp(1 - Supply[(int)area], 0.03, 0.45);
}
