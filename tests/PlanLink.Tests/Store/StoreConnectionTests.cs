using PlanLink.Tests.Support;
using Microsoft.Extensions.Configuration;
using PlanLink.Host;
using PlanLink.Ingest.Store;

namespace PlanLink.Tests;

/// <summary>Where the connection string comes from, and that a password never reaches a message.</summary>
public sealed class StoreConnectionTests
{
    private const string Secret = "s3cr3t-Pa55";

    [Theory]
    [InlineData("Host=db;Username=planlink;Password=" + Secret + ";Database=planlink")]
    [InlineData("host=db; password = '" + Secret + "' ;database=planlink")]
    [InlineData("Host=db;PWD=" + Secret)]
    [InlineData("postgresql://planlink:" + Secret + "@db:5432/planlink")]
    public void Mask_ConnectionStringWithPassword_PasswordReplaced(string connectionString)
    {
        var masked = ConnectionStrings.Mask("cannot connect with " + connectionString);

        Assert.DoesNotContain(Secret, masked);
        Assert.Contains("***", masked);
        Assert.Contains("db", masked);
    }

    [Fact]
    public void Describe_ConnectionString_NoPassword()
    {
        var described = ConnectionStrings.Describe($"Host=db;Port=5433;Username=u;Password={Secret};Database=planlink");

        Assert.Equal("u@db:5433/planlink", described);
    }

    [Fact]
    public async Task Open_UnreachableServerWithPassword_ErrorHasNoPassword()
    {
        var cs = $"Host=127.0.0.1;Port=1;Username=u;Password={Secret};Database=x;Timeout=3";

        var e = await Assert.ThrowsAsync<StoreException>(() => StoreConnection.OpenAsync(cs, StoreRole.Importer));

        Assert.DoesNotContain(Secret, e.Message);
        Assert.Contains("u@127.0.0.1:1/x", e.Message);
    }

    [Fact]
    public async Task ImportCommand_UnreachableServerWithPassword_RefusedWithoutPrintingIt()
    {
        using var temp = new TempFolder();
        var folder = StoreTestData.Write(temp.Path, "a", StoreTestData.Export(StoreTestData.OfficeA, StoreTestData.CityA, "A", 2));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(
            ["import", "--input", folder, "--db", $"Host=127.0.0.1;Port=1;Password={Secret};Timeout=3", "--out", temp.Path], output, error);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain(Secret, output.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public void Resolve_CommandLineFirstThenConfiguration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PlanLink"] = "Host=from-appsettings",
        }).Build();

        Assert.Equal("Host=from-cli", ConnectionStrings.Resolve("Host=from-cli", config));
        if (Environment.GetEnvironmentVariable(ConnectionStrings.EnvironmentVariable) is null)
            Assert.Equal("Host=from-appsettings", ConnectionStrings.Resolve(null, config));
    }

    [Fact]
    public void Resolve_AppSettingsJson_ReadThroughTheGenericHostConfiguration()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStrings.EnvironmentVariable) is not null) return;
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, "appsettings.json"),
            """{ "ConnectionStrings": { "PlanLink": "Host=from-json;Database=planlink" } }""");

        Assert.Equal("Host=from-json;Database=planlink", ConnectionStrings.Resolve(null, ConnectionStrings.LoadConfiguration(temp.Path)));
    }

    [Fact]
    public void Resolve_NothingGiven_Refused()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStrings.EnvironmentVariable) is not null) return;

        var e = Assert.Throws<RefusedException>(() => ConnectionStrings.Resolve(null, new ConfigurationBuilder().Build()));

        Assert.Contains("PLANLINK_DB", e.Message);
    }
}
