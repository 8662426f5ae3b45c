namespace PlanLink.Ingest.Model;

/// <summary>The contract's code lists: English code and Japanese label of every coded value.</summary>
public static class Codes
{
    public static readonly CodeList<ServiceStatus> Status = new(
    [
        (ServiceStatus.InUse, "in_use", "利用中"), (ServiceStatus.Arranging, "arranging", "調整中"),
        (ServiceStatus.Waiting, "waiting", "待機（空きなし）"), (ServiceStatus.NoResource, "no_resource", "資源なし"),
        (ServiceStatus.Declined, "declined", "本人希望で利用せず"), (ServiceStatus.Informal, "informal", "インフォーマル支援で対応"),
    ], ("待機", ServiceStatus.Waiting), ("空きなし", ServiceStatus.Waiting), ("資源なし（地域に事業所がない）", ServiceStatus.NoResource),
       ("利用せず", ServiceStatus.Declined), ("インフォーマル", ServiceStatus.Informal));

    public static readonly CodeList<LifeDomain> Domain = new(
    [
        (LifeDomain.Housing, "housing", "住まい"), (LifeDomain.DailyLiving, "daily_living", "日常生活"),
        (LifeDomain.DaytimeActivity, "daytime_activity", "日中活動"), (LifeDomain.Health, "health", "健康"),
        (LifeDomain.Money, "money", "金銭面"), (LifeDomain.Leisure, "leisure", "趣味・余暇"),
        (LifeDomain.SomeoneToConsult, "someone_to_consult", "相談相手"), (LifeDomain.Relationships, "relationships", "対人関係"),
        (LifeDomain.Safety, "safety", "安全"), (LifeDomain.FamilyWishes, "family_wishes", "家族の希望"),
        (LifeDomain.Community, "community", "地域状況"),
    ], ("趣味", LifeDomain.Leisure), ("余暇", LifeDomain.Leisure), ("家族希望", LifeDomain.FamilyWishes), ("金銭", LifeDomain.Money));

    public static readonly CodeList<Achievement> Achievement = new(
    [
        (Model.Achievement.Achieved, "achieved", "達成"), (Model.Achievement.PartlyAchieved, "partly_achieved", "一部達成"),
        (Model.Achievement.NotAchieved, "not_achieved", "未達成"), (Model.Achievement.Discontinued, "discontinued", "中止"),
    ]);

    public static readonly CodeList<PlanKind> PlanKind = new(
    [
        (Model.PlanKind.Draft, "draft", "計画案"), (Model.PlanKind.Final, "final", "本計画"),
        (Model.PlanKind.Change, "change", "変更"), (Model.PlanKind.Continuation, "continuation", "継続"),
    ]);

    public static readonly CodeList<DisabilityType> Disability = new(
    [
        (DisabilityType.Physical, "physical", "身体"), (DisabilityType.Intellectual, "intellectual", "知的"),
        (DisabilityType.Mental, "mental", "精神"), (DisabilityType.Developmental, "developmental", "発達"),
        (DisabilityType.IntractableDisease, "intractable_disease", "難病"), (DisabilityType.Child, "child", "児"),
    ]);
}

/// <summary>A closed list of codes: each value has an English code and a Japanese label, both accepted on input.</summary>
public sealed class CodeList<T> where T : struct, Enum
{
    // Plain dictionaries filled by loops: a list has a dozen entries, and a read asks it only for a value its fields'
    // caches have not seen. Frozen dictionaries, and LINQ over the tuples of each code type, cost more to build and to
    // compile at the start of every run than their lookups saved (with the service names and column ordinals, a fifth
    // of the machine code a national read compiled: 190 KB).
    private readonly Dictionary<string, T> _byText = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<T, (string Code, string Japanese)> _byValue = [];

    public CodeList(IEnumerable<(T Value, string Code, string Japanese)> entries, params (string Text, T Value)[] aliases)
    {
        foreach (var (value, code, japanese) in entries)
        {
            _byValue.Add(value, (code, japanese));
            _byText.Add(code, value);
            _byText.Add(japanese, value);
        }
        foreach (var (text, value) in aliases) _byText.Add(text, value);
    }

    public bool TryParse(string text, out T value) => _byText.TryGetValue(text, out value);
    public string Code(T value) => _byValue[value].Code;
    public string Japanese(T value) => _byValue[value].Japanese;
    public IEnumerable<T> Values => _byValue.Keys.Order();
    /// <summary>The accepted codes, for error messages.</summary>
    public string Expected => string.Join("/", _byValue.Values.Select(v => v.Code));
}
