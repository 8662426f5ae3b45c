using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>Fictional names for prefectures, municipalities and offices (合成データ: none is real).</summary>
internal static class Names
{
    public const string Prefecture = "みらい県（合成）";

    private static readonly string[] Stems =
    [
        "あさひ", "いずみ", "うみべ", "えにし", "おおぞら", "かすみ", "きらら", "くすのき", "けやき", "こだま",
        "さざなみ", "しらかば", "すずかけ", "せせらぎ", "そよかぜ", "たまゆら", "ちとせ", "つばさ", "ときわ", "なぎさ",
        "にじいろ", "ぬくもり", "のぞみ", "はるか", "ひばり", "ふたば", "ほたる", "まほろば", "みずほ", "むつみ",
        "めぐみ", "ゆうひ", "よつば", "わかば", "あかね", "いなほ", "かざはな", "こはる", "しおさい", "たかね",
        "ともしび", "ななかまど", "はなみずき", "ひかり", "みやび", "ゆきわり",
    ];

    private static readonly string[] Places =
        ["野", "原", "川", "山", "台", "浜", "沢", "田", "森", "谷", "岡", "里", "島", "瀬", "崎", "坂", "丘", "江", "津", "木"];

    private static readonly string[] OfficeStems =
    [
        "ひまわり", "つくし", "あおぞら", "わかくさ", "すみれ", "たんぽぽ", "こもれび", "ぽぷら", "なのはな", "やまびこ",
        "かえで", "しいのき", "はばたき", "ふれあい", "ほほえみ", "いちょう", "あゆみ", "みのり", "さくらんぼ", "どんぐり",
    ];

    /// <summary>The name of the n-th extra prefecture (n ≥ 1).</summary>
    public static string ExtraPrefecture(int n) => $"{Stems[(n - 1) % Stems.Length]}県（合成）";

    /// <summary>A municipality name unique within its prefecture for up to 400 municipalities.</summary>
    public static string Municipality(int prefecture, int index, string suffix)
    {
        var j = (index * 7 + prefecture * 13) % 400;
        return Stems[(j % 20 + prefecture) % Stems.Length] + Places[(j / 20 + j) % Places.Length] + suffix;
    }

    public static string Office(Prng rng, ServiceType service) => rng.Pick(OfficeStems) + service switch
    {
        ServiceType.PlanConsultation => "相談支援事業所",
        ServiceType.EmploymentLifeCenter => "障害者就業・生活支援センター",
        ServiceType.GroupHome => "グループホーム",
        ServiceType.FacilityResidence => "障害者支援施設",
        ServiceType.AfterSchoolDay => "放課後等デイサービス",
        ServiceType.HomeCare => "ヘルパーステーション",
        ServiceType.CommunityActivityCenter => "地域活動支援センター",
        _ => ServiceCatalog.Get(service).JapaneseName + "事業所",
    };
}
