using PlanLink.Tests.Support;
using System.Text;
using PlanLink.Host;
using PlanLink.Ingest;
using PlanLink.Ingest.Anonymise;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests;

/// <summary>`planlink anonymise` on the shipped raw sample (data-samples/raw-office): the output is a
/// valid contract export with none of the raw identifiers left anywhere in its bytes.</summary>
public class IngestAnonymiserTests
{
    private static readonly CouncilKey Key = CouncilKey.FromBytes(Encoding.UTF8.GetBytes("test-council-secret-0123456789-abcdef"));

    /// <summary>Every identifier the raw sample holds, as written there or as NFKC turns it (see its README).</summary>
    private static readonly string[] RawIdentifiers =
    [
        "見本 太郎", "見本太郎", "見本", "太郎", "仮名 花子", "仮名", "花子", "試験 一郎", "試験", "一郎",
        "ミホン タロウ", "ミホン", "タロウ", "カメイ ハナコ", "ハナコ", "シケン イチロウ", "イチロウ",
        "9990000001", "999-000-0002", "9990000002", "９９９００００００３", "9990000003",
        "1994-05-10", "S45.7.7", "1970年7月7日", "2010-01-15",
        "090-0000-0001", "03-0000-0002", "〒100-0001", "100-0001", "100-0002", "1丁目2番3号", "4丁目5番6号", "想像町",
    ];

    private static string RawSample => IngestSamples.CorpusPath("raw-office");

    [Fact]
    public void Run_RawSample_OutputHasNoRawIdentifierInAnyByte()
    {
        using var temp = new TempFolder();
        var result = Anonymiser.Run(RawSample, temp.Path, Key);

        Assert.Empty(result.Errors);
        var files = Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(8, files.Count);
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            var text = Encoding.UTF8.GetString(bytes);
            foreach (var identifier in RawIdentifiers)
            {
                Assert.False(text.Contains(identifier, StringComparison.Ordinal), $"{Path.GetFileName(path)} holds '{identifier}'");
                Assert.False(bytes.AsSpan().IndexOf(EncodingDetector.ShiftJis.GetBytes(identifier)) >= 0, $"{Path.GetFileName(path)} holds '{identifier}' (CP932)");
            }
        }
    }

    [Fact]
    public void Run_RawSample_OutputPassesValidateWithZeroErrors()
    {
        using var temp = new TempFolder();
        Anonymiser.Run(RawSample, temp.Path, Key);

        var read = ContractReader.ReadFolders([temp.Path]);

        Assert.Empty(read.Errors);
        Assert.Equal(3, read.Dataset.Plans.Count);
        Assert.Equal(7, read.Dataset.Needs.Count);
        Assert.Equal(3, read.Dataset.SupportGoals.Count);
        // Age bands as of the plan date, computed by hand: born 1994-05-10 → 31 on 2026-04-01;
        // S45 (1970)-07-07 → 55 on 2026-04-15; 2010-01-15 → 16 on 2026-05-01.
        Assert.Equal(["30-39", "50-59", "6-17"], read.Dataset.Plans.OrderBy(p => p.PlanId).Select(p => p.AgeBand));
    }

    [Fact]
    public void Run_SameCertificateInTwoOffices_SamePersonKey()
    {
        using var temp = new TempFolder();
        Anonymiser.Run(RawSample, temp.Path, Key);
        var read = ContractReader.ReadFolders([temp.Path]);

        // office-a (consultation) writes 9990000001 in plans.csv, office-b (group home) in support_plans.csv.
        var plan = Assert.Single(read.Dataset.Plans, p => p.PlanId == "A-0001");
        var supportPlan = Assert.Single(read.Dataset.SupportPlans);
        Assert.Equal(plan.PersonKey, supportPlan.PersonKey);
        Assert.Equal(Key.PersonKey("9990000001"), plan.PersonKey);
        // Formatting does not matter: full-width, hyphens and spaces normalise away.
        Assert.Equal(Key.PersonKey("9990000003"), read.Dataset.Plans.Single(p => p.PlanId == "A-0003").PersonKey);
        Assert.Equal(Key.PersonKey("999 000 0002"), read.Dataset.Plans.Single(p => p.PlanId == "A-0002").PersonKey);
        // Another council's key gives another pseudonym.
        var other = CouncilKey.FromBytes(Encoding.UTF8.GetBytes("another-council-secret-9876543210-xyz"));
        Assert.NotEqual(other.PersonKey("9990000001"), plan.PersonKey);
    }

    [Fact]
    public void Run_TwoSeparateOfficeExports_SameCertificateSameKey()
    {
        using var temp = new TempFolder();
        var a = temp.Sub("raw-a");
        var b = temp.Sub("raw-b");
        foreach (var f in Directory.EnumerateFiles(Path.Combine(RawSample, "office-a"))) File.Copy(f, Path.Combine(a, Path.GetFileName(f)));
        // Office B knows the same person under the same certificate, written full-width with a hyphen.
        File.WriteAllText(Path.Combine(b, "plans.csv"),
            "plan_id,name,certificate_no,birth_date,office_id,municipality_code,plan_date,plan_kind,disability_types,support_category,monitoring_months\n" +
            "B-1,見本 太郎,９９９０００－０００１,1994-05-10,1310100099,131016,2027-04-01,継続,知的,1,3\n", new UTF8Encoding(false));

        Anonymiser.Run(a, temp.Sub("out-a"), Key);
        Anonymiser.Run(b, temp.Sub("out-b"), Key);
        var keyA = ContractReader.ReadFolders([Path.Combine(temp.Path, "out-a")]).Dataset.Plans.Single(p => p.PlanId == "A-0001").PersonKey;
        var keyB = ContractReader.ReadFolders([Path.Combine(temp.Path, "out-b")]).Dataset.Plans.Single().PersonKey;

        Assert.Equal(keyA, keyB);
    }

    [Fact]
    public async Task AnonymiseCli_NoKeyFile_Exit2OneLine()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["anonymise", "--input", RawSample, "--out", temp.Sub("out"), "--key-file", Path.Combine(temp.Path, "missing.key")], new StringWriter(), error);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(temp.Path, "out")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short-key")]
    public async Task AnonymiseCli_EmptyOrShortKey_Exit2(string key)
    {
        using var temp = new TempFolder();
        var keyFile = Path.Combine(temp.Path, "council.key");
        File.WriteAllText(keyFile, key);
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["anonymise", "--input", RawSample, "--out", temp.Sub("out"), "--key-file", keyFile], new StringWriter(), error);

        Assert.Equal(ExitCodes.Refused, exit);
        if (key.Length > 0) Assert.DoesNotContain(key, error.ToString());
    }

    [Fact]
    public async Task AnonymiseCli_RawSample_Exit0AndValidOutput()
    {
        using var temp = new TempFolder();
        var keyFile = Path.Combine(temp.Path, "council.key");
        File.WriteAllText(keyFile, "0123456789abcdef0123456789abcdef-council");
        var output = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["anonymise", "--input", RawSample, "--out", temp.Sub("out"), "--key-file", keyFile], output, new StringWriter());

        Assert.Equal(ExitCodes.Done, exit);
        Assert.Contains("31 = 31 + 0", output.ToString());
    }

    [Fact]
    public void Load_MissingOrShortKey_Refused()
    {
        Assert.Throws<InputRefusedException>(() => CouncilKey.Load(null));
        Assert.Throws<InputRefusedException>(() => CouncilKey.FromBytes(new byte[CouncilKey.MinimumBytes - 1]));
    }

    [Theory]
    [InlineData(2000, 4, 1, 2026, 3, 31, 25, "18-29")]
    [InlineData(2000, 4, 1, 2026, 4, 1, 26, "18-29")]
    [InlineData(1961, 4, 2, 2026, 4, 1, 64, "60-64")]
    [InlineData(1961, 4, 1, 2026, 4, 1, 65, "65+")]
    [InlineData(2021, 4, 1, 2026, 4, 1, 5, "0-5")]
    public void AgeBands_BirthAndPlanDate_FullYearsAndBand(int by, int bm, int bd, int py, int pm, int pd, int age, string band)
    {
        Assert.Equal(age, AgeBands.Age(new DateOnly(by, bm, bd), new DateOnly(py, pm, pd)));
        Assert.Equal(band, AgeBands.Of(age));
    }
}
