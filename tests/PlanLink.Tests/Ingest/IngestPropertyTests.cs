using PlanLink.Tests.Support;
using System.Text;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Privacy;

namespace PlanLink.Tests;

/// <summary>Seeded random tests: random valid datasets round-trip through writer and reader; random
/// corruptions of valid files are always accepted or reported, never lost.</summary>
public class IngestPropertyTests
{
    private const string TextAlphabet = "あいうえおかきくけこ働く暮らす休日相談支援週末友達家族（）「」・、。 abcXYZ\"',\n";

    private static string Text(Random rng, int max)
    {
        var chars = new char[rng.Next(1, max)];
        for (var i = 0; i < chars.Length; i++) chars[i] = TextAlphabet[rng.Next(TextAlphabet.Length)];
        // The reader trims free text and treats blank as absent: generate what survives that.
        var s = new string(chars).Trim();
        return s.Length == 0 ? "空" : s;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static DateOnly Date(Random rng) => new DateOnly(2019, 5, 1).AddDays(rng.Next(0, 3000));

    /// <summary>A random valid dataset: every reference resolves, every code is in its list.</summary>
    private static PlanDataset RandomDataset(Random rng)
    {
        var municipalities = Enumerable.Range(0, rng.Next(1, 4))
            .Select(i => new Municipality(LocalGovernmentCode.WithCheckDigit($"{13101 + i * 7}"), Text(rng, 8), "東京都", Text(rng, 6), rng.Next(1000, 900_000)))
            .ToList();
        var services = Enum.GetValues<ServiceType>();
        var offices = Enumerable.Range(0, rng.Next(1, 6))
            .Select(i => new Office($"{1310100000 + i * 11}", Text(rng, 12), Pick(rng, municipalities).Code, Pick(rng, services),
                rng.Next(1, 80), rng.Next(2) == 0 ? null : Date(rng), null))
            .ToList();
        var plans = new List<Plan>();
        var needs = new List<PlanNeed>();
        var planned = new List<PlannedService>();
        var monitoring = new List<MonitoringRecord>();
        var supportPlans = new List<SupportPlan>();
        var goals = new List<SupportGoal>();
        var bands = new[] { "0-5", "6-17", "18-29", "30-39", "40-49", "50-59", "60-64", "65+" };
        var persons = rng.Next(1, 12);
        for (var p = 0; p < persons; p++)
        {
            var person = $"pk{p:x4}{rng.Next(1000):d3}";
            var planDate = Date(rng);
            var planId = $"P{p}";
            plans.Add(new Plan(planId, person, offices[0].OfficeId, Pick(rng, municipalities).Code, planDate, Pick(rng, Enum.GetValues<PlanKind>()),
                Pick(rng, bands), (DisabilityType)rng.Next(1, 64), (byte)rng.Next(0, 7), rng.Next(1, 13),
                rng.Next(3) == 0 ? planDate.AddDays(rng.Next(0, 400)) : null, rng.Next(2) == 0 ? null : Text(rng, 40)));
            var needCount = rng.Next(1, 5);
            for (var n = 1; n <= needCount; n++)
            {
                needs.Add(new PlanNeed(planId, n, Text(rng, 30), rng.Next(2) == 0 ? null : Pick(rng, Enum.GetValues<LifeDomain>()), Text(rng, 20),
                    rng.Next(2) == 0 ? null : rng.Next(1, 121), rng.Next(2) == 0 ? null : Text(rng, 15)));
                if (rng.Next(2) == 0)
                {
                    var office = Pick(rng, offices);
                    planned.Add(new PlannedService(planId, n, office.Service, rng.Next(2) == 0 ? null : rng.Next(0, 4000) / 10m, rng.Next(2) == 0 ? null : "時間/月",
                        rng.Next(2) == 0 ? null : office.OfficeId, Pick(rng, Enum.GetValues<ServiceStatus>()), planDate));
                }
                if (rng.Next(3) == 0)
                    monitoring.Add(new MonitoringRecord(planId, planDate.AddMonths(3), n, Pick(rng, Enum.GetValues<Achievement>()),
                        rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0 ? null : Text(rng, 25)));
            }
            if (rng.Next(2) == 0)
            {
                var office = Pick(rng, offices);
                var spId = $"S{p}";
                supportPlans.Add(new SupportPlan(spId, person, office.OfficeId, office.Service, planDate.AddDays(rng.Next(0, 30)), Text(rng, 20), rng.Next(2) == 0 ? "" : Text(rng, 20)));
                for (var g = 1; g <= rng.Next(1, 4); g++)
                    goals.Add(new SupportGoal(spId, g, Text(rng, 20), rng.Next(2) == 0 ? null : rng.Next(1, needCount + 1), rng.Next(2) == 0 ? null : 6, rng.Next(2) == 0 ? null : "世話人"));
            }
        }
        return new PlanDataset(plans, needs, planned, supportPlans, goals, monitoring, offices, municipalities);
    }

    [Fact]
    public void ReadFolders_RandomValidDatasets_RoundTripUnchanged()
    {
        for (var seed = 1; seed <= 60; seed++)
        {
            var rng = new Random(seed);
            var data = RandomDataset(rng);
            using var temp = new TempFolder();

            var result = ContractReader.ReadFolders([IngestSamples.Write(temp, data: data)]);

            Assert.True(result.Errors.Count == 0, $"seed {seed}: {string.Join("; ", result.Errors.Take(3))}");
            IngestSamples.AssertSame(data, result.Dataset);
        }
    }

    /// <summary>One random damage to one data line: what a broken export, a bad hand edit or a
    /// cut transfer does.</summary>
    private static string Corrupt(Random rng, string line)
    {
        const string Inserts = "\",;x９あ-/ \t";
        var i = line.Length == 0 ? 0 : rng.Next(line.Length);
        return rng.Next(7) switch
        {
            0 => line.Remove(i, 1),
            1 => line.Insert(i, Inserts[rng.Next(Inserts.Length)].ToString()),
            2 => line[..i],
            3 => line.Replace(",", ",,"),
            4 => string.Join(',', line.Split(',').Select((f, k) => k == rng.Next(1, 12) ? "" : f)),
            5 => string.Join(',', line.Split(',').Select((f, k) => k == rng.Next(0, 12) ? "壊れた値" : f)),
            _ => "\"" + line,
        };
    }

    [Fact]
    public void ReadFolders_RandomCorruptions_EveryLineAcceptedOrReported()
    {
        var files = new[] { "plans.csv", "plan_needs.csv", "plan_services.csv", "support_goals.csv", "monitoring.csv" };
        var exercised = 0;
        for (var seed = 1; seed <= 150; seed++)
        {
            var rng = new Random(seed * 7919);
            var data = RandomDataset(rng);
            using var temp = new TempFolder();
            var folder = IngestSamples.Write(temp, data: data);
            var file = Pick(rng, files);
            var path = Path.Combine(folder, file);
            // Random free text may hold line breaks: corrupt a file whose records are single lines.
            var lines = File.ReadAllText(path, Encoding.UTF8).ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0).ToList();
            if (lines.Count < 2 || lines.Any(l => l.Count(c => c == '"') % 2 == 1)) continue;
            for (var k = rng.Next(1, 4); k > 0; k--)
            {
                var at = rng.Next(1, lines.Count);
                lines[at] = Corrupt(rng, lines[at]);
            }
            File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));
            var linesIn = lines.Skip(1).Count(l => l.Length > 0);
            exercised++;

            ReadResult result;
            try
            {
                result = ContractReader.ReadFolders([folder]);
            }
            catch (IdentifierFoundException)
            {
                continue; // refused whole and reported: nothing silently lost either
            }

            IngestSamples.AssertReconciles(result);
            var tally = Assert.Single(result.Tallies, t => t.File.EndsWith("/" + file, StringComparison.Ordinal));
            Assert.True(linesIn == tally.Accepted + tally.Rejected, $"seed {seed} {file}: {linesIn} lines in, {tally.Accepted} + {tally.Rejected}");
            Assert.Equal(tally.Rejected, result.Errors.Where(e => e.File == tally.File && e.Line > 1).Select(e => e.Line).Distinct().Count());
        }
        Assert.True(exercised >= 60, $"only {exercised} corrupted files were checked");
    }
}
