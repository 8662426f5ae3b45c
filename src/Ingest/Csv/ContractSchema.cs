namespace PlanLink.Ingest.Csv;

/// <summary>A column of a contract file: its English name, the Japanese aliases offices use, and whether it must be present.</summary>
public sealed record ColumnSpec(string Name, bool Required, params string[] Aliases);

/// <summary>One file of the data contract (domain.md §3): its file name and columns.</summary>
public sealed record FileSpec(string FileName, IReadOnlyList<ColumnSpec> Columns)
{
    public IEnumerable<string> ColumnNames => Columns.Select(c => c.Name);
}

/// <summary>The eight files of the contract, with English headers and Japanese aliases.</summary>
public static class ContractSchema
{
    public static readonly FileSpec Plans = new("plans.csv",
    [
        new("plan_id", true, "計画ID"), new("person_key", true, "仮名ID"),
        new("office_id", true, "相談支援事業所番号"), new("municipality_code", true, "市町村コード"),
        new("plan_date", true, "作成日"), new("plan_kind", true, "計画種別"),
        new("age_band", true, "年齢階級"), new("disability_types", true, "障害種別"),
        new("support_category", true, "障害支援区分"), new("monitoring_months", true, "モニタリング頻度"),
        new("end_date", false, "終了日"), new("wishes", false, "本人の希望"),
    ]);

    public static readonly FileSpec Needs = new("plan_needs.csv",
    [
        new("plan_id", true, "計画ID"), new("priority", true, "優先順位"), new("need_text", true, "課題", "解決すべき課題"),
        new("domain", false, "領域"), new("goal_text", true, "支援目標"), new("target_months", false, "達成時期"),
        new("person_role", false, "本人の役割"),
    ]);

    public static readonly FileSpec Services = new("plan_services.csv",
    [
        new("plan_id", true, "計画ID"), new("priority", true, "優先順位"), new("service", true, "サービス種類"),
        new("amount", false, "量"), new("unit", false, "単位"), new("provider_office_id", false, "提供事業所番号"),
        new("status", true, "状況"), new("since", true, "状況の開始日"),
    ]);

    public static readonly FileSpec SupportPlans = new("support_plans.csv",
    [
        new("support_plan_id", true, "個別支援計画ID"), new("person_key", true, "仮名ID"),
        new("provider_office_id", true, "提供事業所番号"), new("service", true, "サービス種類"),
        new("plan_date", true, "作成日"), new("long_goal", false, "長期目標"), new("short_goal", false, "短期目標"),
    ]);

    public static readonly FileSpec SupportGoals = new("support_goals.csv",
    [
        new("support_plan_id", true, "個別支援計画ID"), new("goal_no", true, "目標番号"), new("goal_text", true, "到達目標"),
        new("linked_priority", false, "対応する優先順位"), new("period_months", false, "期間"), new("staff_role", false, "担当者"),
    ]);

    public static readonly FileSpec Monitoring = new("monitoring.csv",
    [
        new("plan_id", true, "計画ID"), new("monitoring_date", true, "モニタリング実施日"), new("priority", true, "優先順位"),
        new("achievement", true, "達成度", "支援目標の達成度"), new("change_service_type", false, "サービス種類の変更"),
        new("change_amount", false, "サービス量の変更"), new("change_weekly_schedule", false, "週間計画の変更"),
        new("new_issue", false, "今後の課題"),
    ]);

    public static readonly FileSpec Offices = new("offices.csv",
    [
        new("office_id", true, "事業所番号"), new("office_name", true, "事業所名"), new("municipality_code", true, "市町村コード"),
        new("service", true, "サービス種類"), new("capacity", true, "定員"), new("opened", false, "開設日"),
        new("closed", false, "廃止日"),
    ]);

    public static readonly FileSpec Municipalities = new("municipalities.csv",
    [
        new("municipality_code", true, "市町村コード"), new("name", true, "市町村名"), new("prefecture", true, "都道府県"),
        new("region", true, "障害保健福祉圏域", "圏域"), new("population", true, "人口"),
    ]);

    /// <summary>Optional reference data: which municipalities each 基幹相談支援センター covers.</summary>
    public static readonly FileSpec SupportCenters = new("support_centers.csv",
    [
        new("center_id", true, "基幹相談支援センターID"), new("center_name", true, "基幹相談支援センター名"),
        new("municipality_code", true, "市町村コード"),
    ]);

    public static IReadOnlyList<FileSpec> All { get; } =
        [Plans, Needs, Services, SupportPlans, SupportGoals, Monitoring, Offices, Municipalities];
}
