namespace PlanLink.Ingest.Privacy;

/// <summary>The kinds of direct identifier that domain.md §6 forbids in an export.</summary>
public enum IdentifierKind : byte
{
    /// <summary>氏名: a name column, or a labelled name in free text.</summary>
    Name,
    /// <summary>住所 or 〒 postal code.</summary>
    Address,
    /// <summary>電話番号.</summary>
    Phone,
    /// <summary>生年月日: a full birth date.</summary>
    BirthDate,
    /// <summary>受給者証番号: a 10-digit certificate-like number.</summary>
    CertificateNumber,
}

/// <summary>Japanese and English labels of <see cref="IdentifierKind"/>, for messages.</summary>
public static class IdentifierKinds
{
    public static string Japanese(this IdentifierKind kind) => kind switch
    {
        IdentifierKind.Name => "氏名",
        IdentifierKind.Address => "住所・郵便番号",
        IdentifierKind.Phone => "電話番号",
        IdentifierKind.BirthDate => "生年月日",
        _ => "受給者証番号",
    };

    public static string English(this IdentifierKind kind) => kind switch
    {
        IdentifierKind.Name => "a name",
        IdentifierKind.Address => "an address or postal code",
        IdentifierKind.Phone => "a phone number",
        IdentifierKind.BirthDate => "a birth date",
        _ => "a 受給者証番号-like number",
    };
}
