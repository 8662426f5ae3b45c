using PlanLink.Ingest.Csv;

namespace PlanLink.Ingest.Anonymise;

/// <summary>The raw export an office's case-record system writes before anonymisation
/// (docs/anonymiser.md): the contract files, except that plans.csv and support_plans.csv carry
/// the person's 氏名, 受給者証番号, 生年月日, 住所 and 電話番号 instead of person_key / age_band.</summary>
public static class RawSchema
{
    public static readonly ColumnSpec Name = new("name", false, "氏名", "利用者氏名", "名前");
    public static readonly ColumnSpec NameKana = new("name_kana", false, "フリガナ", "ふりがな", "氏名カナ");
    public static readonly ColumnSpec CertificateNo = new("certificate_no", true, "受給者証番号", "受給者番号");
    public static readonly ColumnSpec BirthDate = new("birth_date", true, "生年月日");
    public static readonly ColumnSpec Address = new("address", false, "住所");
    public static readonly ColumnSpec Phone = new("phone", false, "電話番号", "電話");

    /// <summary>Raw plans.csv: the contract's columns less person_key and age_band, plus the identifiers.</summary>
    public static readonly FileSpec Plans = new(ContractSchema.Plans.FileName,
        [.. ContractSchema.Plans.Columns.Where(c => c.Name is not ("person_key" or "age_band")), Name, NameKana, CertificateNo, BirthDate, Address, Phone]);

    /// <summary>Raw support_plans.csv: person_key replaced by certificate_no (and optionally the name).</summary>
    public static readonly FileSpec SupportPlans = new(ContractSchema.SupportPlans.FileName,
        [.. ContractSchema.SupportPlans.Columns.Where(c => c.Name != "person_key"), Name, NameKana, CertificateNo]);

    /// <summary>The raw layout of a contract file: the two above differ, the others are the contract's own.</summary>
    public static FileSpec For(FileSpec contract) =>
        contract == ContractSchema.Plans ? Plans : contract == ContractSchema.SupportPlans ? SupportPlans : contract;
}
