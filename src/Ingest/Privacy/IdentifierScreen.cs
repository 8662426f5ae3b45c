using System.Buffers;
using System.Text.RegularExpressions;
using PlanLink.Ingest.Csv;

namespace PlanLink.Ingest.Privacy;

/// <summary>Finds the direct identifiers of domain.md §6 — identifier columns, and phone numbers,
/// addresses, birth dates and 受給者証番号-like numbers in free text — and scrubs them for the
/// anonymiser. Only free-text columns (and columns the contract does not know) are screened, so
/// office numbers and dates in their own columns are never mistaken for identifiers.</summary>
public static partial class IdentifierScreen
{
    /// <summary>What replaces a scrubbed identifier in free text.</summary>
    public const string Redacted = "〔削除〕";

    /// <summary>The free-text columns of each contract file: where people write sentences.</summary>
    private static readonly Dictionary<string, string[]> FreeText = new(StringComparer.OrdinalIgnoreCase)
    {
        [ContractSchema.Plans.FileName] = ["wishes"],
        [ContractSchema.Needs.FileName] = ["need_text", "goal_text", "person_role"],
        [ContractSchema.SupportPlans.FileName] = ["long_goal", "short_goal"],
        [ContractSchema.SupportGoals.FileName] = ["goal_text", "staff_role"],
        [ContractSchema.Monitoring.FileName] = ["new_issue"],
    };

    /// <summary>The contract columns of <paramref name="spec"/> whose values are screened.</summary>
    public static IReadOnlyList<string> FreeTextColumns(FileSpec spec) =>
        FreeText.TryGetValue(spec.FileName, out var columns) ? columns : [];

    // Column names that are identifiers whatever the file (unless the file's own contract has them,
    // like municipalities.csv's `name`). Japanese stems match anywhere in the header.
    private static readonly (string Stem, IdentifierKind Kind)[] JapaneseHeaderStems =
    [
        ("氏名", IdentifierKind.Name), ("名前", IdentifierKind.Name), ("利用者名", IdentifierKind.Name),
        ("フリガナ", IdentifierKind.Name), ("ふりがな", IdentifierKind.Name),
        ("住所", IdentifierKind.Address), ("郵便番号", IdentifierKind.Address), ("所在地", IdentifierKind.Address),
        ("電話", IdentifierKind.Phone), ("携帯", IdentifierKind.Phone),
        ("生年月日", IdentifierKind.BirthDate), ("誕生日", IdentifierKind.BirthDate),
        ("受給者証", IdentifierKind.CertificateNumber), ("受給者番号", IdentifierKind.CertificateNumber),
        ("被保険者番号", IdentifierKind.CertificateNumber), ("個人番号", IdentifierKind.CertificateNumber),
        ("マイナンバー", IdentifierKind.CertificateNumber),
    ];

    private static readonly Dictionary<string, IdentifierKind> EnglishHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = IdentifierKind.Name, ["full_name"] = IdentifierKind.Name, ["person_name"] = IdentifierKind.Name,
        ["first_name"] = IdentifierKind.Name, ["last_name"] = IdentifierKind.Name, ["kana"] = IdentifierKind.Name,
        ["address"] = IdentifierKind.Address, ["postal_code"] = IdentifierKind.Address, ["zip"] = IdentifierKind.Address,
        ["zip_code"] = IdentifierKind.Address, ["phone"] = IdentifierKind.Phone, ["tel"] = IdentifierKind.Phone,
        ["telephone"] = IdentifierKind.Phone, ["mobile"] = IdentifierKind.Phone, ["phone_number"] = IdentifierKind.Phone,
        ["birth_date"] = IdentifierKind.BirthDate, ["birthdate"] = IdentifierKind.BirthDate,
        ["date_of_birth"] = IdentifierKind.BirthDate, ["dob"] = IdentifierKind.BirthDate, ["birthday"] = IdentifierKind.BirthDate,
        ["certificate_no"] = IdentifierKind.CertificateNumber, ["certificate_number"] = IdentifierKind.CertificateNumber,
        ["recipient_no"] = IdentifierKind.CertificateNumber, ["my_number"] = IdentifierKind.CertificateNumber,
    };

    /// <summary>The identifier kind of a header that is not one of the file's contract columns, or null.</summary>
    public static IdentifierKind? ColumnKind(string header)
    {
        var h = FieldParser.Normalize(header);
        if (EnglishHeaders.TryGetValue(h.Replace(' ', '_').Replace('-', '_'), out var kind)) return kind;
        foreach (var (stem, k) in JapaneseHeaderStems)
        {
            if (h.Contains(stem, StringComparison.Ordinal)) return k;
        }
        return null;
    }

    private const string Prefecture =
        "(?:北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|富山県|" +
        "石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|" +
        "岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県)";

    private const string Dash = @"[-‐‑‒–—―−ーｰ]";
    private const string FullDate = @"(?:(?:19|20)\d{2}|(?:昭和|平成|令和|[SHRshr])\s*(?:元|\d{1,2}))\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*日?";

    [GeneratedRegex($@"〒\s*\d{{3}}\s*{Dash}?\s*\d{{4}}|郵便番号\s*[:：]?\s*\d{{3}}\s*{Dash}?\s*\d{{4}}")]
    private static partial Regex PostalCode();

    [GeneratedRegex($@"{Prefecture}[^\s、。,]{{0,12}}?[市区町村郡][^\s、。,]{{0,20}}?\d+\s*(?:丁目|番地?|号|{Dash}\s*\d+)" +
                    $@"|\d+\s*丁目\s*\d+\s*(?:番地?|{Dash})|\d+\s*番地(?:\s*{Dash}?\s*\d+)?" +
                    @"|(?:現?住所|居所)\s*[:：]")]
    private static partial Regex Address();

    [GeneratedRegex($@"(?:生年月日|誕生日|DOB)\s*[:：は]?\s*{FullDate}|{FullDate}\s*(?:生まれ|生(?![活徒産涯計])|産まれ|うまれ)", RegexOptions.IgnoreCase)]
    private static partial Regex BirthDate();

    /// <summary>Candidates for a phone number; <see cref="IsPhone"/> then counts the digits.</summary>
    [GeneratedRegex($@"(?<!\d)\(?0\d[\d\s()]{{0,5}}(?:{Dash}|\s|\(|\))*\d[\d\s()]{{0,5}}(?:{Dash}|\s|\(|\))*\d{{3,4}}(?!\d)")]
    private static partial Regex PhoneCandidate();

    [GeneratedRegex(@"(?<!\d)\d{10}(?!\d)|受給者証?番号\s*[:：は]?\s*\d")]
    private static partial Regex Certificate();

    [GeneratedRegex(@"(?:氏名|本名|フルネーム)\s*[:：]")]
    private static partial Regex LabelledName();

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789０１２３４５６７８９");
    /// <summary>The first characters of the labels (氏名, 本名, フルネーム, 住所, 現住所, 居所) that need no digit.</summary>
    private static readonly SearchValues<char> LabelStarts = SearchValues.Create("氏本フ住現居");

    private static bool IsPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits is 10 or 11 && candidate.Any(c => !char.IsAsciiDigit(c)) || digits == 11;
    }

    /// <summary>The first identifier in a free-text value, or null when there is none.</summary>
    /// <param name="text">The value of a free-text field.</param>
    /// <param name="publicNumbers">10-digit numbers known not to be personal (the office numbers of
    /// offices.csv), which free text may mention.</param>
    public static IdentifierKind? Find(string? text, IReadOnlySet<string>? publicNumbers = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Cheap exit, taken by most free text: every pattern but the labelled ones needs a digit.
        if (text.AsSpan().IndexOfAny(Digits) < 0)
        {
            if (text.AsSpan().IndexOfAny(LabelStarts) < 0) return null;
            var t = FieldParser.Normalize(text);
            return LabelledName().IsMatch(t) ? IdentifierKind.Name : Address().IsMatch(t) ? IdentifierKind.Address : null;
        }
        var s = FieldParser.Normalize(text);
        if (PostalCode().IsMatch(s)) return IdentifierKind.Address;
        if (BirthDate().IsMatch(s)) return IdentifierKind.BirthDate;
        if (Address().IsMatch(s)) return IdentifierKind.Address;
        foreach (Match m in PhoneCandidate().Matches(s))
        {
            if (IsPhone(m.Value)) return IdentifierKind.Phone;
        }
        foreach (Match m in Certificate().Matches(s))
        {
            if (publicNumbers is null || !publicNumbers.Contains(m.Value)) return IdentifierKind.CertificateNumber;
        }
        if (LabelledName().IsMatch(s)) return IdentifierKind.Name;
        return null;
    }

    /// <summary>True when a person_key is a raw 受給者証番号 (10 digits, spaces and hyphens aside) rather
    /// than the keyed hash the contract asks for.</summary>
    public static bool IsCertificateLike(string? personKey)
    {
        if (string.IsNullOrWhiteSpace(personKey)) return false;
        var digits = 0;
        foreach (var c in FieldParser.Normalize(personKey))
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is not ('-' or ' ')) return false;
        }
        return digits == 10;
    }

    /// <summary>Free text with every identifier pattern, and each of <paramref name="names"/>, replaced
    /// by <see cref="Redacted"/>. A text that needs scrubbing comes back NFKC-normalised (as the screen
    /// reads it); one that does not comes back unchanged.</summary>
    public static string Scrub(string text, IEnumerable<string>? names = null)
    {
        var scrubbed = ScrubNormalized(FieldParser.Normalize(text), names);
        return scrubbed == FieldParser.Normalize(text) ? text : scrubbed;
    }

    private static string ScrubNormalized(string s, IEnumerable<string>? names)
    {
        if (names is not null)
        {
            foreach (var name in names.Select(FieldParser.Normalize).Where(n => n.Length >= 2).Distinct().OrderByDescending(n => n.Length))
                s = s.Replace(name, Redacted, StringComparison.OrdinalIgnoreCase);
        }
        s = PostalCode().Replace(s, Redacted);
        s = BirthDate().Replace(s, Redacted);
        s = Address().Replace(s, Redacted);
        s = PhoneCandidate().Replace(s, m => IsPhone(m.Value) ? Redacted : m.Value);
        s = Certificate().Replace(s, Redacted);
        s = LabelledName().Replace(s, Redacted);
        return s;
    }
}
