using PlanLink.Tests.Support;
using System.Text;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Privacy;

namespace PlanLink.Tests;

/// <summary>domain.md §6: an export holding a direct identifier is refused whole, naming file, line
/// and column but never the identifier itself; legitimate codes, dates and office numbers pass.</summary>
public class IngestIdentifierScreenTests
{
    /// <summary>Invented identifiers of each kind, as an office might type them.</summary>
    public static readonly (string Text, IdentifierKind Kind)[] Seeds =
    [
        ("連絡先は090-1234-5678です", IdentifierKind.Phone),
        ("自宅 03(3581)0001 まで", IdentifierKind.Phone),
        ("携帯０８０－９８７６－５４３２", IdentifierKind.Phone),
        ("〒100-8916 に転居", IdentifierKind.Address),
        ("東京都千代田区霞が関1丁目2番2号に住む", IdentifierKind.Address),
        ("大阪府大阪市北区中之島1-3-20 のGH", IdentifierKind.Address),
        ("緑町3丁目5番地", IdentifierKind.Address),
        ("1990年4月1日生", IdentifierKind.BirthDate),
        ("生年月日：平成2年4月1日", IdentifierKind.BirthDate),
        ("S45.7.7生まれ", IdentifierKind.BirthDate),
        ("番号 1234567890 の方", IdentifierKind.CertificateNumber),
        ("受給者証番号は０１２３４５６７８９", IdentifierKind.CertificateNumber),
        ("氏名：山田", IdentifierKind.Name),
    ];

    /// <summary>Every free-text column of every contract file, with the row written to it.</summary>
    public static TheoryData<string, string, int> FreeTextColumns()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var spec in ContractSchema.All)
        {
            foreach (var column in IdentifierScreen.FreeTextColumns(spec))
            {
                for (var seed = 0; seed < Seeds.Length; seed++) data.Add(spec.FileName, column, seed);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FreeTextColumns))]
    public void ReadFolders_IdentifierInFreeText_RefusedWithFileLineColumnButNotTheValue(string fileName, string column, int seed)
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var path = Path.Combine(folder, fileName);
        var (identifier, kind) = Seeds[seed];
        var lines = File.ReadAllLines(path);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var index = Array.IndexOf(header, column);
        var cells = lines[2].Split(',');
        cells[index] = identifier;
        lines[2] = string.Join(',', cells);
        File.WriteAllLines(path, lines, new UTF8Encoding(true));

        var e = Assert.Throws<IdentifierFoundException>(() => ContractReader.ReadFolders([folder]));

        Assert.Equal(("export/" + fileName, 3L, column, kind, false), (e.File, e.Line, e.Column, e.Kind, e.InHeader));
        Assert.DoesNotContain(identifier, e.Message);
        Assert.DoesNotContain(FieldParser.Normalize(identifier), e.Message);
        foreach (var digits in System.Text.RegularExpressions.Regex.Matches(FieldParser.Normalize(identifier), @"\d{3,}").Select(m => m.Value))
            Assert.DoesNotContain(digits, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>The screen looks a value up once: it skips what a field found in its cache (each value there passed on an
    /// earlier row) and screens what the field just added. An identifier after many clean rows of the same column is
    /// refused the first time it appears, on a row otherwise clean, on a row rejected for another field, and on a row
    /// whose fields are never read (too few of them).</summary>
    [Theory]
    [InlineData("clean")]
    [InlineData("bad priority")]
    [InlineData("truncated")]
    public void ReadFolders_IdentifierAfterCachedCleanValues_RefusedWhateverElseTheRowHas(string row)
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var path = Path.Combine(folder, "plan_needs.csv");
        var lines = File.ReadAllLines(path).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var (priority, needText) = (Array.IndexOf(header, "priority"), Array.IndexOf(header, "need_text"));
        var template = lines[1].Split(',');
        // The same clean phrase on many rows of other priorities: the field's cache holds it, hit after hit.
        for (var p = 50; p < 80; p++)
        {
            var cells = (string[])template.Clone();
            (cells[priority], cells[needText]) = (p.ToString(), "日中活動に参加したい");
            lines.Add(string.Join(',', cells));
        }
        var bad = (string[])template.Clone();
        (bad[priority], bad[needText]) = (row == "bad priority" ? "x" : "90", "日中活動に参加したい 090-1234-5678");
        lines.Add(row == "truncated" ? string.Join(',', bad[..(needText + 1)]) : string.Join(',', bad));
        File.WriteAllLines(path, lines, new UTF8Encoding(true));

        var e = Assert.Throws<IdentifierFoundException>(() => ContractReader.ReadFolders([folder]));

        Assert.Equal(("export/plan_needs.csv", (long)lines.Count, "need_text", IdentifierKind.Phone), (e.File, e.Line, e.Column, e.Kind));
    }

    [Theory]
    [InlineData("氏名", IdentifierKind.Name)]
    [InlineData("name", IdentifierKind.Name)]
    [InlineData("利用者氏名", IdentifierKind.Name)]
    [InlineData("住所", IdentifierKind.Address)]
    [InlineData("address", IdentifierKind.Address)]
    [InlineData("電話番号", IdentifierKind.Phone)]
    [InlineData("phone", IdentifierKind.Phone)]
    [InlineData("生年月日", IdentifierKind.BirthDate)]
    [InlineData("birth_date", IdentifierKind.BirthDate)]
    [InlineData("受給者証番号", IdentifierKind.CertificateNumber)]
    [InlineData("certificate_no", IdentifierKind.CertificateNumber)]
    public void ReadFolders_IdentifierNamedColumn_RefusedEvenWhenEmpty(string header, IdentifierKind kind)
    {
        foreach (var fileName in new[] { "plans.csv", "support_plans.csv", "monitoring.csv" })
        {
            using var temp = new TempFolder();
            var folder = IngestSamples.Write(temp);
            var path = Path.Combine(folder, fileName);
            var lines = File.ReadAllLines(path);
            lines[0] += "," + header;
            File.WriteAllLines(path, lines, new UTF8Encoding(true));

            var e = Assert.Throws<IdentifierFoundException>(() => ContractReader.ReadFolders([folder]));

            Assert.Equal(("export/" + fileName, 1L, header, kind, true), (e.File, e.Line, e.Column, e.Kind, e.InHeader));
        }
    }

    [Theory]
    [InlineData("plans.csv")]
    [InlineData("support_plans.csv")]
    public void ReadFolders_PersonKeyIsARawCertificateNumber_Refused(string fileName)
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var path = Path.Combine(folder, fileName);
        var text = File.ReadAllText(path).Replace("pk-a", "０１２３４５６７８９");
        File.WriteAllText(path, text, new UTF8Encoding(true));

        var e = Assert.Throws<IdentifierFoundException>(() => ContractReader.ReadFolders([folder]));

        Assert.Equal(("person_key", 2L, IdentifierKind.CertificateNumber), (e.Column, e.Line, e.Kind));
        Assert.DoesNotContain("0123456789", e.Message);
    }

    [Fact]
    public void ReadFolders_IdentifierInUnknownColumn_Refused()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var path = Path.Combine(folder, "plan_services.csv");
        var lines = File.ReadAllLines(path);
        lines[0] += ",備考";
        lines[1] += ",本人携帯 090-1111-2222";
        File.WriteAllLines(path, lines, new UTF8Encoding(true));

        var e = Assert.Throws<IdentifierFoundException>(() => ContractReader.ReadFolders([folder]));

        Assert.Equal(("備考", 2L, IdentifierKind.Phone), (e.Column, e.Line, e.Kind));
    }

    [Theory]
    [InlineData("2026年4月1日に生活介護の利用を開始")]
    [InlineData("令和8年4月1日から週3回通う")]
    [InlineData("優先順位1番の課題。月2回、1日8時間")]
    [InlineData("東京都に住みたい。大阪府内のGHを探す")]
    [InlineData("事業所番号は提供事業所欄を参照")]
    [InlineData("30代、障害支援区分3、身長170cm")]
    [InlineData("定員20名のうち19名利用中（2026-04-01時点）")]
    [InlineData("電話で相談する。住まいを探す")]
    [InlineData("金額は12,000円/月")]
    public void Find_LegitimateText_NoIdentifier(string text) => Assert.Null(IdentifierScreen.Find(text));

    [Fact]
    public void Find_EverySeed_FindsItsKind()
    {
        foreach (var (text, kind) in Seeds) Assert.Equal((text, kind), (text, IdentifierScreen.Find(text) ?? (IdentifierKind)255));
    }

    [Fact]
    public void ReadFolders_KnownOfficeNumberInFreeText_Accepted()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        File.AppendAllText(Path.Combine(folder, "monitoring.csv"), $"P1,2026-10-01,1,達成,有,無,無,{IngestSamples.GroupHome}（グループホーム架空）へ移行予定\r\n");

        var result = ContractReader.ReadFolders([folder]);

        Assert.Empty(result.Errors);
        Assert.Equal(IdentifierKind.CertificateNumber, IdentifierScreen.Find($"{IngestSamples.GroupHome}へ移行予定"));
    }

    [Fact]
    public void ReadFolders_OfficeNumbersDatesAndMunicipalityNames_NotMistakenForIdentifiers()
    {
        // The sample has 10-digit office numbers, dates and municipalities.csv's own `name` column.
        using var temp = new TempFolder();
        var result = ContractReader.ReadFolders([IngestSamples.Write(temp)]);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Scrub_EverySeed_LeavesNoIdentifier()
    {
        foreach (var (text, _) in Seeds)
        {
            var scrubbed = IdentifierScreen.Scrub(text);
            Assert.Null(IdentifierScreen.Find(scrubbed));
            Assert.Contains(IdentifierScreen.Redacted, scrubbed);
        }
        Assert.Equal("〔削除〕さんは〔削除〕", IdentifierScreen.Scrub("山田さんは090-1234-5678", ["山田 一郎", "山田"]));
        Assert.Equal("バスケットを続けたい（友達と）", IdentifierScreen.Scrub("バスケットを続けたい（友達と）"));
    }
}
