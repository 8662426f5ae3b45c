using System.Globalization;
using CsvHelper;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Csv;

/// <summary>Writes a <see cref="PlanDataset"/> as the contract's CSV files (UTF-8 with BOM, so Excel
/// opens them), in the values the contract documents. <see cref="ContractReader"/> reads them back unchanged.</summary>
public static class ContractWriter
{
    public static void Write(PlanDataset data, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteFile(folder, ContractSchema.Plans, data.Plans, p =>
        [
            p.PlanId, p.PersonKey, p.OfficeId, p.MunicipalityCode, Date(p.PlanDate), Codes.PlanKind.Japanese(p.Kind),
            p.AgeBand, Disabilities(p.DisabilityTypes), p.SupportCategory == 0 ? "非該当" : Int(p.SupportCategory),
            Int(p.MonitoringMonths), Date(p.EndDate), p.Wishes,
        ]);
        WriteFile(folder, ContractSchema.Needs, data.Needs, n =>
        [
            n.PlanId, Int(n.Priority), n.NeedText, n.Domain is { } d ? Codes.Domain.Code(d) : null, n.GoalText,
            Int(n.TargetMonths), n.PersonRole,
        ]);
        WriteFile(folder, ContractSchema.Services, data.Services, s =>
        [
            s.PlanId, Int(s.Priority), ServiceCatalog.Get(s.Service).Code, Number(s.Amount), s.Unit, s.ProviderOfficeId,
            Codes.Status.Code(s.Status), Date(s.Since),
        ]);
        WriteFile(folder, ContractSchema.SupportPlans, data.SupportPlans, s =>
        [
            s.SupportPlanId, s.PersonKey, s.ProviderOfficeId, ServiceCatalog.Get(s.Service).Code, Date(s.PlanDate),
            s.LongGoal, s.ShortGoal,
        ]);
        WriteFile(folder, ContractSchema.SupportGoals, data.SupportGoals, g =>
        [
            g.SupportPlanId, Int(g.GoalNo), g.GoalText, Int(g.LinkedPriority), Int(g.PeriodMonths), g.StaffRole,
        ]);
        WriteFile(folder, ContractSchema.Monitoring, data.Monitoring, m =>
        [
            m.PlanId, Date(m.MonitoringDate), Int(m.Priority), Codes.Achievement.Japanese(m.Achievement),
            Flag(m.ChangeServiceType), Flag(m.ChangeAmount), Flag(m.ChangeWeeklySchedule), m.NewIssue,
        ]);
        WriteFile(folder, ContractSchema.Offices, data.Offices, o =>
        [
            o.OfficeId, o.OfficeName, o.MunicipalityCode, ServiceCatalog.Get(o.Service).Code, Number(o.Capacity),
            Date(o.Opened), Date(o.Closed),
        ]);
        WriteFile(folder, ContractSchema.Municipalities, data.Municipalities, m =>
        [
            m.Code, m.Name, m.Prefecture, m.Region, Int(m.Population),
        ]);
    }

    /// <summary>Writes one contract file; files with no rows are not written, unless they are reference data.</summary>
    public static void WriteFile<T>(string folder, FileSpec spec, IEnumerable<T> rows, Func<T, string?[]> fields)
    {
        using var csv = CsvWriter.ToFile(Path.Combine(folder, spec.FileName), CsvWriterOptions.Default with { WriteByteOrderMark = true });
        foreach (var name in spec.ColumnNames) csv.WriteField(name);
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var value in fields(row)) csv.WriteField(value);
            csv.EndRecord();
        }
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string? Int(int? n) => n?.ToString(CultureInfo.InvariantCulture);
    private static string? Number(decimal? n) => n?.ToString(CultureInfo.InvariantCulture);
    private static string Flag(bool b) => b ? "有" : "無";
    private static string Disabilities(DisabilityType t) =>
        string.Join(';', Codes.Disability.Values.Where(v => v != DisabilityType.None && t.HasFlag(v)).Select(Codes.Disability.Japanese));
}
