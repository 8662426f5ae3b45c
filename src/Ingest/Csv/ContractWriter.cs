using System.Globalization;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Csv;

/// <summary>Writes a <see cref="PlanDataset"/> as the contract's CSV files (UTF-8 with BOM, so Excel
/// opens them), in the values the contract documents. <see cref="ContractReader"/> reads them back unchanged.</summary>
public static class ContractWriter
{
    public static void Write(PlanDataset data, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteFile(folder, ContractSchema.Plans, data.Plans, Fields);
        WriteFile(folder, ContractSchema.Needs, data.Needs, Fields);
        WriteFile(folder, ContractSchema.Services, data.Services, Fields);
        WriteFile(folder, ContractSchema.SupportPlans, data.SupportPlans, Fields);
        WriteFile(folder, ContractSchema.SupportGoals, data.SupportGoals, Fields);
        WriteFile(folder, ContractSchema.Monitoring, data.Monitoring, Fields);
        WriteFile(folder, ContractSchema.Offices, data.Offices, Fields);
        WriteFile(folder, ContractSchema.Municipalities, data.Municipalities, Fields);
        if (data.SupportCenters.Count > 0) WriteFile(folder, ContractSchema.SupportCenters, data.SupportCenters, Fields);
    }

    /// <summary>Writes one contract file.</summary>
    public static void WriteFile<T>(string folder, FileSpec spec, IEnumerable<T> rows, Func<T, string?[]> fields)
    {
        using var file = new ContractFileWriter(folder, spec);
        foreach (var row in rows) file.Write(fields(row));
    }

    // The fields of each record in its file's column order: the one formatting path that
    // Write and streaming writers (the synthetic generator) share.

    public static string?[] Fields(SupportCenterArea c) => [c.CenterId, c.CenterName, c.MunicipalityCode];

    public static string?[] Fields(Plan p) =>
    [
        p.PlanId, p.PersonKey, p.OfficeId, p.MunicipalityCode, Date(p.PlanDate), Codes.PlanKind.Japanese(p.Kind),
        p.AgeBand, Disabilities(p.DisabilityTypes), p.SupportCategory == 0 ? "非該当" : Int(p.SupportCategory),
        Int(p.MonitoringMonths), Date(p.EndDate), p.Wishes,
    ];

    public static string?[] Fields(PlanNeed n) =>
    [
        n.PlanId, Int(n.Priority), n.NeedText, n.Domain is { } d ? Codes.Domain.Code(d) : null, n.GoalText,
        Int(n.TargetMonths), n.PersonRole,
    ];

    public static string?[] Fields(PlannedService s) =>
    [
        s.PlanId, Int(s.Priority), ServiceCatalog.Get(s.Service).Code, Number(s.Amount), s.Unit, s.ProviderOfficeId,
        Codes.Status.Code(s.Status), Date(s.Since),
    ];

    public static string?[] Fields(SupportPlan s) =>
    [
        s.SupportPlanId, s.PersonKey, s.ProviderOfficeId, ServiceCatalog.Get(s.Service).Code, Date(s.PlanDate),
        s.LongGoal, s.ShortGoal,
    ];

    public static string?[] Fields(SupportGoal g) =>
    [
        g.SupportPlanId, Int(g.GoalNo), g.GoalText, Int(g.LinkedPriority), Int(g.PeriodMonths), g.StaffRole,
    ];

    public static string?[] Fields(MonitoringRecord m) =>
    [
        m.PlanId, Date(m.MonitoringDate), Int(m.Priority), Codes.Achievement.Japanese(m.Achievement),
        Flag(m.ChangeServiceType), Flag(m.ChangeAmount), Flag(m.ChangeWeeklySchedule), m.NewIssue,
    ];

    public static string?[] Fields(Office o) =>
    [
        o.OfficeId, o.OfficeName, o.MunicipalityCode, ServiceCatalog.Get(o.Service).Code, Number(o.Capacity),
        Date(o.Opened), Date(o.Closed),
    ];

    public static string?[] Fields(Municipality m) => [m.Code, m.Name, m.Prefecture, m.Region, Int(m.Population)];

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string? Int(int? n) => n?.ToString(CultureInfo.InvariantCulture);
    private static string? Number(decimal? n) => n?.ToString(CultureInfo.InvariantCulture);
    private static string Flag(bool b) => b ? "有" : "無";
    private static string Disabilities(DisabilityType t) =>
        string.Join(';', Codes.Disability.Values.Where(v => v != DisabilityType.None && t.HasFlag(v)).Select(Codes.Disability.Japanese));
}
