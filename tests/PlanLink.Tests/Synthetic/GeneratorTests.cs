using PlanLink.Analytics.Periods;
using PlanLink.Host;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Synthetic;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Synthetic;

public sealed class GeneratorTests(GeneratedRegion region) : IClassFixture<GeneratedRegion>
{
    [Fact]
    public void Generate_SameSeed_ByteIdenticalFiles()
    {
        using var again = new TempFolder();
        SyntheticGenerator.Generate(GeneratedRegion.Options, again.Path);

        var first = Directory.GetFiles(region.Folder).Select(Path.GetFileName).Order().ToList();
        var second = Directory.GetFiles(again.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(first, second);
        Assert.Equal(9, first.Count); // the 8 contract files and SYNTHETIC.txt
        foreach (var name in first)
            Assert.True(File.ReadAllBytes(Path.Combine(region.Folder, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(again.File(name!))), name);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentFiles()
    {
        using var other = new TempFolder();
        SyntheticGenerator.Generate(GeneratedRegion.Options with { Seed = 8 }, other.Path);

        foreach (var file in new[] { "plans.csv", "plan_needs.csv", "plan_services.csv", "offices.csv" })
            Assert.False(File.ReadAllBytes(Path.Combine(region.Folder, file)).AsSpan().SequenceEqual(File.ReadAllBytes(other.File(file))), file);
    }

    [Fact]
    public void Generate_ReadBack_ZeroErrorsAndRowCountsAsWritten()
    {
        Assert.Empty(region.Read.Errors);
        Assert.Empty(region.Read.Warnings);
        Assert.True(region.Data.IsSynthetic);
        Assert.Equal(ContractSchema.All.Select(s => s.FileName).Order(), region.Summary.RowsPerFile.Keys.Order());
        foreach (var tally in region.Read.Tallies)
        {
            var written = region.Summary.RowsPerFile[Path.GetFileName(tally.File)];
            Assert.Equal(written, tally.Read);
            Assert.Equal(written, tally.Accepted);
            Assert.Equal(0, tally.Duplicates);
        }
        Assert.Equal(GeneratedRegion.Options.Persons, region.Data.Plans.Select(p => p.PersonKey).Distinct().Count());
    }

    [Fact]
    public void Generate_Default_AtLeastTwoRegionsAndEightValidMunicipalities()
    {
        var municipalities = region.Data.Municipalities;
        Assert.True(municipalities.Count >= 8);
        Assert.True(municipalities.Select(m => m.Region).Distinct().Count() >= 2);
        Assert.All(municipalities, m => Assert.True(LocalGovernmentCode.IsValid(m.Code), m.Code));
        Assert.All(municipalities, m => Assert.Contains("合成", m.Prefecture));
        // Every disclosure rule needs a cell: a village under 2,000, a town under 25,000, a city.
        Assert.Contains(municipalities, m => m.Population < 2_000);
        Assert.Contains(municipalities, m => m.Population is >= 2_000 and < 25_000);
        Assert.Contains(municipalities, m => m.Population >= 200_000);
        var codes = municipalities.Select(m => m.Code).ToHashSet();
        Assert.All(region.Data.Plans, p => Assert.Contains(p.MunicipalityCode, codes));
        Assert.All(region.Data.Offices, o => Assert.Contains(o.MunicipalityCode, codes));
    }

    [Fact]
    public void Generate_PlanDates_CoverEveryQuarterFromFy2024Q1ToFy2026Q2()
    {
        var quarters = region.Data.Plans.Select(p => FiscalQuarter.Of(p.PlanDate)).ToHashSet();
        var expected = FiscalQuarter.Range(new(2024, 1), new(2026, 2)).ToList();
        Assert.Equal(10, expected.Count);
        Assert.All(expected, q => Assert.Contains(q, quarters));
        Assert.True(region.Data.Plans.Max(p => p.PlanDate) <= new DateOnly(2026, 9, 30));
    }

    [Fact]
    public void Generate_EveryPlan_HasOneToSixNeeds()
    {
        var needsPerPlan = region.Data.Needs.GroupBy(n => n.PlanId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(region.Data.Plans, p => Assert.InRange(needsPerPlan.GetValueOrDefault(p.PlanId), 1, 6));
    }

    [Fact]
    public void Generate_Plans_MixKindsStatusesAndGapsTheAnalyticsLookFor()
    {
        var data = region.Data;
        Assert.Equal(Enum.GetValues<PlanKind>().Order(), data.Plans.Select(p => p.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<ServiceStatus>().Order(), data.Services.Select(s => s.Status).Distinct().Order());
        Assert.Contains(data.Plans, p => p.EndDate is not null);
        Assert.Contains(data.Plans, p => p.DisabilityTypes.HasFlag(DisabilityType.Child));
        // Some needs are left for the classifier, some have no service, some goals serve no need.
        Assert.Contains(data.Needs, n => n.Domain is null);
        Assert.Contains(data.Needs, n => !data.Services.Any(s => s.PlanId == n.PlanId && s.Priority == n.Priority));
        Assert.Contains(data.SupportGoals, g => g.LinkedPriority is null);
        Assert.Contains(data.Services, s => s.Service == ServiceType.Informal && s.Status == ServiceStatus.Informal);
        Assert.Contains(data.Offices, o => o.Closed is not null);
        Assert.All(data.Services.Where(s => s.Status == ServiceStatus.NoResource), s => Assert.Null(s.ProviderOfficeId));
    }

    [Fact]
    public void Generate_Amounts_AreInTheServicesUnits()
    {
        foreach (var s in region.Data.Services.Where(s => s.Service != ServiceType.Informal))
        {
            var expected = ServiceCatalog.Get(s.Service).Unit switch
            {
                VolumeUnit.HoursPerMonth => "時間/月",
                VolumeUnit.PersonDaysPerMonth => "日/月",
                _ => "人",
            };
            Assert.Equal(expected, s.Unit);
            Assert.NotNull(s.Amount);
            if (s.Unit == "日/月") Assert.InRange(s.Amount!.Value, 1, 31);
        }
    }

    [Fact]
    public void Generate_MoreMunicipalities_AddsFictionalPrefectures()
    {
        using var folder = new TempFolder();
        var summary = SyntheticGenerator.Generate(new GeneratorOptions { Persons = 150, Municipalities = 80 }, folder.Path);
        var read = ContractReader.ReadFolders([folder.Path]);

        Assert.Empty(read.Errors);
        Assert.Equal(80, read.Dataset.Municipalities.Count);
        Assert.Equal(80, read.Dataset.Municipalities.Select(m => m.Code).Distinct().Count());
        Assert.True(summary.Prefectures >= 3);
        Assert.Equal(summary.Prefectures, read.Dataset.Municipalities.Select(m => m.Prefecture).Distinct().Count());
        Assert.All(read.Dataset.Municipalities, m => Assert.True(LocalGovernmentCode.IsValid(m.Code), m.Code));
    }

    [Fact]
    public async Task Cli_Generate_WritesContractFilesAndExitsZero()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["generate", "--out", folder.Path, "--persons", "20", "--seed", "3"], output, new StringWriter());

        Assert.Equal(ExitCodes.Done, exit);
        Assert.All(ContractSchema.All, spec => Assert.True(File.Exists(folder.File(spec.FileName)), spec.FileName));
        Assert.True(File.Exists(folder.File(ContractReader.SyntheticMarker)));
        Assert.Contains("plans.csv", output.ToString());
    }

    [Fact]
    public async Task Cli_GenerateHelp_ShowsAnExampleAndExitsZero()
    {
        var output = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["generate", "--help"], output, new StringWriter());

        Assert.Equal(ExitCodes.Done, exit);
        Assert.Contains("planlink generate --out", output.ToString());
    }
}
