using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>The free text of the synthetic plans: needs with their 支援目標 per life domain, the
/// person's role, wishes, new issues and the goals of individual support plans. Phrases are
/// written the way 相談支援専門員 write them, so the domain classifier has realistic work.</summary>
internal static class PhraseBank
{
    public static readonly IReadOnlyDictionary<LifeDomain, (string Need, string Goal)[]> Needs = new Dictionary<LifeDomain, (string, string)[]>
    {
        [LifeDomain.Housing] =
        [
            ("一人暮らしをしたい", "一人暮らしの家事を覚える"), ("グループホームで暮らしたい", "ホームの生活に慣れる"),
            ("家を出て自立した生活をしたい", "住まいの場を見つける"), ("今の家に住み続けたい", "在宅生活を続ける"),
            ("将来の住まいを決めたい", "住まいの見学と体験をする"), ("施設から地域に戻りたい", "地域での住まいを確保する"),
        ],
        [LifeDomain.DailyLiving] =
        [
            ("身の回りを手伝ってほしい", "入浴や着替えができる"), ("食事を作れるようになりたい", "簡単な料理を自分で作れる"),
            ("掃除や洗濯を手伝ってほしい", "部屋をきれいに保てる"), ("朝起きられるようになりたい", "生活リズムを整える"),
            ("一人で買い物に行きたい", "必要な物を自分で買える"), ("薬を飲み忘れたくない", "服薬を自分で管理できる"),
        ],
        [LifeDomain.DaytimeActivity] =
        [
            ("日中の居場所がほしい", "日中に通う場所を持つ"), ("働いて給料をもらいたい", "作業に慣れて工賃を増やす"),
            ("一般企業で働きたい", "就職に向けた訓練を続ける"), ("毎日通える場所がほしい", "週5日通所できる"),
            ("自分に合った仕事を見つけたい", "得意なことを見つける"), ("友だちと一緒に活動したい", "日中活動に楽しく参加する"),
        ],
        [LifeDomain.Health] =
        [
            ("体調を崩さずに過ごしたい", "通院して体調を保つ"), ("病院に一緒に行ってほしい", "通院を続けられる"),
            ("体力をつけたい", "散歩や運動を習慣にする"), ("夜ぐっすり眠りたい", "睡眠のリズムを整える"),
            ("体重を減らしたい", "食事と運動に気をつける"), ("発作が起きても安心したい", "発作時の対応を共有する"),
        ],
        [LifeDomain.Money] =
        [
            ("お金の管理を手伝ってほしい", "週単位でやりくりできる"), ("給料の使い方を考えたい", "計画的にお金を使える"),
            ("無駄づかいを減らしたい", "小遣い帳をつける"), ("年金の手続きを手伝ってほしい", "必要な手続きを済ませる"),
            ("貯金をしたい", "毎月少しずつ貯金する"),
        ],
        [LifeDomain.Leisure] =
        [
            ("休みの日に出かけたい", "休日に外出を楽しめる"), ("趣味を続けたい", "好きな活動を続ける"),
            ("バスケットを続けたい", "仲間と練習に参加し続ける"), ("買い物やカラオケに行きたい", "月に2回は外出する"),
            ("旅行に行きたい", "行き先を決めて日帰り旅行をする"), ("絵を描く時間がほしい", "創作活動の場を持つ"),
        ],
        [LifeDomain.SomeoneToConsult] =
        [
            ("相談できる人がほしい", "相談できる相手を持つ"), ("一人で悩まないようにしたい", "困ったときに連絡できる"),
            ("気持ちを聞いてほしい", "定期的に話を聞いてもらう"), ("仕事の悩みを相談したい", "職場の困りごとを相談できる"),
        ],
        [LifeDomain.Relationships] =
        [
            ("友だちがほしい", "同じ趣味の仲間と出会う"), ("人と上手に話したい", "挨拶や会話に慣れる"),
            ("職場の人とうまくやりたい", "困ったことを伝えられる"), ("家族と穏やかに過ごしたい", "落ち着く方法を身につける"),
        ],
        [LifeDomain.Safety] =
        [
            ("パニック時も安全に過ごしたい", "落ち着ける環境を整える"), ("災害のときが心配", "避難の方法を確認しておく"),
            ("一人で外出するときが心配", "安全に外出できる"), ("だまされないようにしたい", "困ったらすぐ相談できる"),
            ("飛び出しが心配", "見守りの体制を整える"),
        ],
        [LifeDomain.FamilyWishes] =
        [
            ("家族が休める時間がほしい", "家族の介護負担を減らす"), ("親亡き後が心配", "将来の暮らしの準備を始める"),
            ("母の体調が悪く介護が大変", "家族以外の支援者を増やす"), ("きょうだいの行事に出たい", "短期入所を利用できる"),
        ],
        [LifeDomain.Community] =
        [
            ("地域の行事に参加したい", "地域の活動に参加する"), ("近所の人に知ってもらいたい", "地域とのつながりを持つ"),
            ("退院して地域で暮らしたい", "退院後の生活の準備をする"), ("地域に通える場所が少ない", "通える社会資源を探す"),
        ],
    };

    public static readonly IReadOnlyDictionary<LifeDomain, string[]> Roles = new Dictionary<LifeDomain, string[]>
    {
        [LifeDomain.Housing] = ["見学に行く", "家事の練習をする", "希望を伝える"],
        [LifeDomain.DailyLiving] = ["できることは自分でする", "毎日の予定を確認する"],
        [LifeDomain.DaytimeActivity] = ["休まずに通う", "体調が悪いときは連絡する"],
        [LifeDomain.Health] = ["通院日を守る", "薬を忘れずに飲む"],
        [LifeDomain.Money] = ["レシートをとっておく", "使う前に相談する"],
        [LifeDomain.Leisure] = ["予定を自分で決める", "楽しむ"],
        [LifeDomain.SomeoneToConsult] = ["困ったら電話する"],
        [LifeDomain.Relationships] = ["挨拶をする", "気持ちを言葉で伝える"],
        [LifeDomain.Safety] = ["避難訓練に参加する", "外出先を伝える"],
        [LifeDomain.FamilyWishes] = ["家族と話し合う"],
        [LifeDomain.Community] = ["行事の日程を確認する"],
    };

    public static readonly string[] AdultWishes =
    [
        "今の生活を続けたい", "いつか一人暮らしをしたい", "働いて自分のお金で暮らしたい", "友だちと楽しく過ごしたい",
        "体調を崩さずに暮らしたい", "家族に迷惑をかけずに暮らしたい", "好きなことを続けたい", "地域で普通に暮らしたい",
    ];

    public static readonly string[] ChildWishes =
    [
        "友だちと遊びたい", "元気に学校に通いたい", "（保護者）できることを増やしてほしい", "（保護者）預け先がほしい",
    ];

    public static readonly string[] NewIssues =
    [
        "通所先の変更を検討", "家族の高齢化への対応", "体調の変化に注意", "金銭管理の支援が必要", "グループホームの空き待ち",
        "卒業後の進路の検討", "事業所が見つからない", "支給量の見直しが必要", "相談先を増やす",
    ];

    /// <summary>到達目標, 長期目標 and 短期目標 of individual support plans, and the staff who write
    /// them, per service family.</summary>
    public static (string[] Goals, string[] LongGoals, string[] ShortGoals, string[] Staff) ForProvider(ServiceType service) =>
        ServiceCatalog.Get(service).Family switch
        {
            ServiceFamily.Residential => (["休日を無理なく楽しむ", "お金の使い方を覚える", "食事作りに挑戦する", "生活リズムを整える", "服薬を自分で管理する"],
                ["安心して地域で暮らし続ける", "一人暮らしに向けて力をつける"], ["ホームでの生活に慣れる", "家事を一つ覚える"], ["世話人", "生活支援員", "サビ管"]),
            ServiceFamily.Daytime => (["毎日通う", "困ったら相談する", "無理しすぎない", "作業の手順を覚える", "休憩を上手にとる"],
                ["働いて生活を安定させる", "日中活動で自信をつける"], ["予定どおり通所する", "作業に慣れる"], ["サビ管", "職業指導員", "生活支援員"]),
            ServiceFamily.Children => (["友だちと遊ぶ", "身支度を自分でする", "気持ちを言葉で伝える", "集団活動に参加する"],
                ["学校生活を楽しく送る", "できることを増やす"], ["活動に慣れる", "ルールを覚える"], ["児童発達支援管理責任者", "児童指導員", "保育士"]),
            _ => (["安全に外出する", "身の回りのことを一緒にする", "予定どおり利用する", "困ったら連絡する"],
                ["地域で暮らし続ける", "安心して在宅生活を送る"], ["支援に慣れる", "必要な支援を受けられる"], ["サービス提供責任者", "ヘルパー", "支援員"]),
        };
}
