using System.Globalization;
using System.Text;
using PlanLink.Analytics.Linkage;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;
using static System.Security.SecurityElement;

namespace PlanLink.Reports.Internal;

/// <summary>The lecture's plan mind map for one person as hand-written SVG: 本人の希望 at the centre,
/// the 解決すべき課題 (with their 支援目標) around it, and outside each need the services planned for it
/// and the individual support plan goals (到達目標) linked to it. Unmet needs and services are red,
/// needs no individual support plan links to are dashed orange.</summary>
public static class PlanMap
{
    private const int Width = 1600, Height = 1080;
    private const double Cx = Width / 2.0, Cy = 560;
    private const string Font = "font-family=\"IPAexGothic, sans-serif\"";
    private const string Red = "#c0392b", Orange = "#e67e22", Blue = "#2471a3", Grey = "#7f8c8d";

    /// <summary>The map of the person's current plan at the snapshot date, given the plan's needs in snapshot order
    /// (found once for many maps: a national snapshot has millions).</summary>
    public static string Render(PlanSnapshot snapshot, Plan plan, IReadOnlyList<NeedState> needs, string areaName)
    {
        var assessed = needs.Select(n => NeedAssessment.Assess(n, snapshot.Date)).ToList();
        var links = LinkageAssessment.Assess(snapshot, needs).ToDictionary(l => l.State.Need.Priority);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" {Font}>");
        sb.Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");
        sb.Append($"<text x=\"24\" y=\"40\" font-size=\"22\" font-weight=\"bold\" fill=\"{Red}\">{InternalView.Mark}</text>");
        sb.Append($"<text x=\"24\" y=\"72\" font-size=\"18\">計画マップ　仮名ID {Escape(plan.PersonKey)}（{Escape(areaName)}・{Escape(plan.AgeBand)}歳・区分{plan.SupportCategory}）</text>");
        sb.Append($"<text x=\"24\" y=\"96\" font-size=\"13\" fill=\"{Grey}\">サービス等利用計画 {Escape(plan.PlanId)}（{plan.PlanDate:yyyy-MM-dd} {Escape(Codes.PlanKind.Japanese(plan.Kind))}）　{snapshot.Date:yyyy-MM-dd} 時点</text>");
        Legend(sb);

        var n = Math.Max(1, needs.Count);
        for (var i = 0; i < needs.Count; i++)
        {
            var need = needs[i];
            var a = assessed[i];
            var link = links.GetValueOrDefault(need.Need.Priority);
            var angle = -Math.PI / 2 + 2 * Math.PI * i / n;
            var (nx, ny) = (Cx + 330 * Math.Cos(angle), Cy + 250 * Math.Sin(angle));
            var leaves = new List<(string Kind, string Id, string[] Lines, string Stroke, bool Dashed)>();
            foreach (var s in need.Services)
            {
                var info = ServiceCatalog.Get(s.Service);
                var unmet = a.UnmetServices.Any(u => u.Service == s);
                var provider = s.ProviderOfficeId is { } p ? snapshot.Index.OfficeName(p) : null;
                leaves.Add(("service", $"service-{need.Need.Priority}-{info.Code}",
                    [.. Wrap(info.JapaneseName, 12), StatusLabel(s, unmet, snapshot.Date), .. provider is null ? [] : Wrap(provider, 12).Take(1)],
                    unmet ? Red : s.Status == ServiceStatus.Informal ? Grey : "#34495e", s.Status == ServiceStatus.Informal));
            }
            foreach (var (sp, goal) in link?.LinkedGoals ?? [])
                leaves.Add(("goal", $"goal-{sp.SupportPlanId}-{goal.GoalNo}",
                    [$"{ServiceCatalog.Get(sp.Service).JapaneseName} 個別支援計画", .. Wrap($"到達目標{goal.GoalNo}: {goal.GoalText}", 12).Take(3)], Blue, false));

            var span = 2 * Math.PI / n * 0.8;
            for (var j = 0; j < leaves.Count; j++)
            {
                var la = leaves.Count == 1 ? angle : angle - span / 2 + span * j / (leaves.Count - 1);
                var (lx, ly) = (Cx + 640 * Math.Cos(la), Cy + 400 * Math.Sin(la));
                var leaf = leaves[j];
                sb.Append(CultureInfo.InvariantCulture,
                    $"<line class=\"link\" data-from=\"need-{need.Need.Priority}\" data-to=\"{Escape(leaf.Id)}\" x1=\"{nx:0.#}\" y1=\"{ny:0.#}\" x2=\"{lx:0.#}\" y2=\"{ly:0.#}\" stroke=\"{leaf.Stroke}\" stroke-width=\"1.5\"{(leaf.Kind == "goal" ? " stroke-dasharray=\"6 3\"" : "")}/>");
                Box(sb, leaf.Kind, leaf.Id, leaf.Kind == "goal" ? $" data-linked-priority=\"{need.Need.Priority}\"" : "", lx, ly, 160, leaf.Lines, leaf.Stroke, leaf.Dashed,
                    leaf.Kind == "goal" ? "#eaf2fb" : "#ffffff", 11);
            }

            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Cx:0.#}\" y1=\"{Cy:0.#}\" x2=\"{nx:0.#}\" y2=\"{ny:0.#}\" stroke=\"#2c3e50\" stroke-width=\"3\"/>");
            var marks = new List<string>();
            if (a.IsUnmet) marks.Add("未充足: " + string.Join("・", a.Reasons.Select(r => r.Japanese())));
            if (link is not { IsLinked: true }) marks.Add("個別支援計画との連動なし");
            var lines = new List<string> { $"課題{Circled(need.Need.Priority)}" };
            lines.AddRange(Wrap(need.Need.NeedText, 14).Take(3));
            lines.AddRange(Wrap("支援目標: " + need.Need.GoalText, 16).Take(2));
            lines.AddRange(marks);
            var stroke = a.IsUnmet ? Red : link is not { IsLinked: true } ? Orange : "#2c3e50";
            Box(sb, "need" + (a.IsUnmet ? " unmet" : "") + (link is not { IsLinked: true } ? " unlinked" : ""), $"need-{need.Need.Priority}",
                $" data-priority=\"{need.Need.Priority}\"", nx, ny, 250, lines, stroke, link is not { IsLinked: true }, "#fdfefe", 13, 2.5);
        }

        var wish = new List<string> { "本人の希望" };
        wish.AddRange(Wrap(plan.Wishes ?? "（記載なし）", 15).Take(6));
        Box(sb, "wishes", "wishes", "", Cx, Cy, 270, wish, "#2c3e50", false, "#fef9e7", 14, 3, rounded: 40);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Legend(StringBuilder sb)
    {
        var items = new[] { ("#2c3e50", false, "課題（サービス等利用計画）"), (Red, false, "未充足"), (Orange, true, "個別支援計画との連動なし"),
            ("#34495e", false, "サービス（状況）"), (Blue, false, "個別支援計画の到達目標") };
        var x = 1040;
        for (var i = 0; i < items.Length; i++)
        {
            var (color, dashed, label) = items[i];
            var y = 30 + i * 22;
            sb.Append($"<rect x=\"{x}\" y=\"{y - 12}\" width=\"26\" height=\"14\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")}/>");
            sb.Append($"<text x=\"{x + 34}\" y=\"{y}\" font-size=\"13\">{label}</text>");
        }
    }

    private static void Box(StringBuilder sb, string cls, string id, string data, double cx, double cy, double width, IReadOnlyList<string> lines,
        string stroke, bool dashed, string fill, int fontSize, double strokeWidth = 1.5, int rounded = 8)
    {
        var lineHeight = fontSize + 4;
        var height = lines.Count * lineHeight + 12;
        var (x, y) = (cx - width / 2, cy - height / 2.0);
        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"{cls}\" id=\"{Escape(id)}\"{data}>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{width:0.#}\" height=\"{height}\" rx=\"{rounded}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth:0.#}\"{(dashed ? " stroke-dasharray=\"7 4\"" : "")}/>");
        for (var i = 0; i < lines.Count; i++)
        {
            var bold = i == 0 ? " font-weight=\"bold\"" : "";
            var color = lines[i].StartsWith("未充足", StringComparison.Ordinal) ? $" fill=\"{Red}\"" : lines[i].StartsWith("個別支援計画との連動なし", StringComparison.Ordinal) ? $" fill=\"{Orange}\"" : "";
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{cx:0.#}\" y=\"{y + 6 + fontSize + i * lineHeight:0.#}\" font-size=\"{fontSize}\" text-anchor=\"middle\"{bold}{color}>{Escape(lines[i])}</text>");
        }
        sb.Append("</g>");
    }

    private static string StatusLabel(ServiceState s, bool unmet, DateOnly date) => s.Status switch
    {
        ServiceStatus.InUse => "利用中",
        ServiceStatus.Arranging => unmet ? $"未充足: 調整中 {s.DaysInStatus(date)}日" : "調整中",
        ServiceStatus.Waiting => $"未充足: 待機 {s.DaysInStatus(date)}日",
        ServiceStatus.NoResource => $"未充足: 資源なし {s.DaysInStatus(date)}日",
        ServiceStatus.Declined => "本人希望で利用せず",
        _ => "インフォーマル支援",
    };

    private static string Circled(int n) => n is >= 1 and <= 20 ? ((char)('①' + n - 1)).ToString() : $"({n})";

    /// <summary>Breaks Japanese text into lines of at most <paramref name="width"/> characters.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var t = text.Trim();
        for (var i = 0; i < t.Length; i += width) yield return t.Substring(i, Math.Min(width, t.Length - i));
    }
}
