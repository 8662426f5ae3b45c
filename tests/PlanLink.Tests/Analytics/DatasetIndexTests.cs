using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Linkage;
using PlanLink.Analytics.Monitoring;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;

namespace PlanLink.Tests.Analytics;

/// <summary>The index's sorted arrays and ranges hold exactly what the LINQ definition of each grouping
/// gives (GroupBy, then a stable OrderBy), on the sample region as read and with its rows shuffled;
/// the snapshot's per-plan ranges and the tables' cell order follow their definitions.</summary>
public class DatasetIndexTests
{
    public static TheoryData<bool> Shuffled => [false, true];

    /// <summary>The sample region's rows, or the same rows in a random order (so that every group must be sorted).</summary>
    private static PlanDataset Data(bool shuffled)
    {
        var d = SampleRegion.Read.Dataset;
        if (!shuffled) return d;
        var random = new Random(7);
        List<T> Shuffle<T>(IEnumerable<T> rows) => [.. rows.OrderBy(_ => random.Next())];
        return d with
        {
            Plans = Shuffle(d.Plans), Needs = Shuffle(d.Needs), Services = Shuffle(d.Services), SupportPlans = Shuffle(d.SupportPlans),
            SupportGoals = Shuffle(d.SupportGoals), Monitoring = Shuffle(d.Monitoring),
        };
    }

    /// <summary>Rows that are objects must be the dataset's own; rows that are values (needs, services, goals), equal to them.</summary>
    private static void AssertSameRows<T>(IEnumerable<T> expected, ReadOnlySpan<T> actual, string what)
    {
        var list = expected.ToList();
        Assert.True(list.Count == actual.Length, $"{what}: {actual.Length} rows, expected {list.Count}");
        for (var i = 0; i < list.Count; i++)
        {
            var same = typeof(T).IsValueType ? EqualityComparer<T>.Default.Equals(list[i], actual[i]) : ReferenceEquals(list[i], actual[i]);
            Assert.True(same, $"{what}: row {i} differs");
        }
    }

    [Theory, MemberData(nameof(Shuffled))]
    public void Groups_MatchGroupByThenStableOrderBy(bool shuffled)
    {
        var data = Data(shuffled);
        var index = new DatasetIndex(data);
        var persons = data.Plans.Select(p => p.PersonKey).Concat(data.SupportPlans.Select(s => s.PersonKey)).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(persons, Enumerable.Range(0, index.PersonCount).Select(index.PersonKey));

        var plans = data.Plans.ToLookup(p => p.PersonKey);
        var needs = data.Needs.ToLookup(n => n.PlanId);
        var services = data.Services.ToLookup(s => (s.PlanId, s.Priority));
        var monitoring = data.Monitoring.ToLookup(m => m.PlanId);
        var supportPlans = data.SupportPlans.ToLookup(s => s.PersonKey);
        var goals = data.SupportGoals.ToLookup(g => g.SupportPlanId);
        for (var person = 0; person < index.PersonCount; person++)
        {
            var key = index.PersonKey(person);
            Assert.Equal(person, index.PersonOf(key));
            var (start, end) = index.PlansOf(person);
            AssertSameRows(plans[key].OrderBy(p => p.PlanDate).ThenBy(p => p.PlanId, StringComparer.Ordinal), index.Plans[start..end], $"plans of {key}");
            for (var plan = start; plan < end; plan++)
            {
                var planId = index.Plans[plan].PlanId;
                var (needFrom, needTo) = index.NeedsOf(index.PlanKeyAt(plan));
                AssertSameRows(needs[planId].OrderBy(n => n.Priority), index.Needs[needFrom..needTo].ToArray(), $"needs of {planId}");
                // Service rows are kept as their fields only: each row's state says what the row says.
                for (var need = needFrom; need < needTo; need++)
                    Assert.Equal(services[(planId, index.Needs[need].Priority)].OrderBy(s => s.Service).ThenBy(s => s.Since)
                            .Select(s => new ServiceState(s.Service, s.Status, s.Since, s.Amount, s.ProviderOfficeId)),
                        Enumerable.Range(0, index.StatusRowsOf(need).Length).Select(i => index.StateOf(need, i)));
                // The arrays kept beside the rows say what the rows say.
                var p = index.Plans[plan];
                Assert.Equal((p.PlanDate.DayNumber, p.EndDate?.DayNumber ?? DatasetIndex.NoEnd, p.MonitoringMonths, p.SupportCategory, p.DisabilityTypes),
                    (index.PlanDays[plan], index.PlanEndDays[plan], index.PlanMonitoringMonths[plan], index.PlanSupportCategories[plan], index.PlanDisabilityTypes[plan]));
                for (var need = needFrom; need < needTo; need++)
                {
                    Assert.Equal(index.Needs[need].Domain, index.NeedDomain(need));
                    var flat = index.StatusRowsOf(need);
                    Assert.Equal(services[(planId, index.Needs[need].Priority)].OrderBy(s => s.Service).ThenBy(s => s.Since)
                            .Select(r => (r.Since.DayNumber, r.Service, r.Status)),
                        flat.Since.ToArray().Zip(flat.Service.ToArray(), flat.Status.ToArray()));
                }
                // Monitoring is kept as its fields only (a stable order by date, then priority).
                var reviews = index.ReviewsOf(index.PlanKeyAt(plan));
                Assert.Equal(monitoring[planId].OrderBy(m => m.MonitoringDate).ThenBy(m => m.Priority).Select(r => (r.MonitoringDate.DayNumber, r.Priority, r.Achievement)),
                    reviews.Day.ToArray().Zip(reviews.Priority.ToArray(), reviews.Achievement.ToArray()));
                Assert.Equal(index.Areas.IndexOf(AreaLevel.Municipality, index.Plans[plan].MunicipalityCode), index.MunicipalityAt(plan));
            }
            var (supportFrom, supportTo) = index.SupportPlansOf(person);
            AssertSameRows(supportPlans[key].OrderBy(s => s.PlanDate), index.SupportPlans[supportFrom..supportTo], $"support plans of {key}");
            for (var s = supportFrom; s < supportTo; s++)
                Assert.Equal(index.SupportPlans[s].Service, index.SupportPlanService(s));
            for (var s = supportFrom; s < supportTo; s++)
                AssertSameRows(goals[index.SupportPlans[s].SupportPlanId].OrderBy(g => g.GoalNo), index.GoalsOf(s).ToArray(), $"goals of {index.SupportPlans[s].SupportPlanId}");
        }
        Assert.Equal(-1, index.PersonOf("no such person"));
    }

    [Fact]
    public void StateOf_GivesTheProviderIdsOfficesCsvLacks()
    {
        // Without offices.csv no provider has an office number: the states still name each row's provider.
        var data = Data(shuffled: false) with { Offices = [] };
        var index = new DatasetIndex(data);
        var rows = data.Services.ToLookup(s => (s.PlanId, s.Priority));
        var named = 0;
        for (var need = 0; need < index.Needs.Length; need++)
        {
            var expected = rows[(index.Needs[need].PlanId, index.Needs[need].Priority)].OrderBy(s => s.Service).ThenBy(s => s.Since).ToList();
            Assert.Equal(expected.Select(s => s.ProviderOfficeId), Enumerable.Range(0, expected.Count).Select(i => index.StateOf(need, i).ProviderOfficeId));
            Assert.All(index.ServiceOfficesOf(need).ToArray(), office => Assert.Equal(-1, office));
            named += expected.Count(s => s.ProviderOfficeId is not null);
        }
        Assert.True(named > 100, $"only {named} rows name a provider");
    }

    [Theory, MemberData(nameof(Shuffled))]
    public void Snapshot_RangesDescribeItsPlansAndNeeds_AndAssessmentsFollowThem(bool shuffled)
    {
        var data = Data(shuffled);
        var index = new DatasetIndex(data);
        var snapshot = PlanSnapshot.At(index, SampleRegion.Analysis.Quarter.End);
        var serviceRows = data.Services.ToLookup(s => (s.PlanId, s.Priority));
        Assert.Equal(snapshot.Plans.Select(p => p.PersonKey).Order(StringComparer.Ordinal), snapshot.Plans.Select(p => p.PersonKey));
        var (needs, assessments, links, statuses) =
            (0, NeedAssessment.Assess(snapshot), LinkageAssessment.Assess(snapshot), MonitoringStatus.Assess(snapshot));
        var (reasons, linkage) = (NeedAssessment.ReasonsOf(snapshot).ToArray(), SnapshotLinkage.Of(snapshot));
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var p = snapshot.Plans[plan];
            Assert.Same(p, index.Plans[snapshot.PositionOf(plan)]);
            Assert.Equal(p.PersonKey, index.PersonKey(snapshot.PersonOf(plan)));
            Assert.Same(p, PlanSnapshot.CurrentPlan(index.Plans[index.PlansOf(snapshot.PersonOf(plan)).Start..index.PlansOf(snapshot.PersonOf(plan)).End],
                snapshot.Date));
            Assert.Same(p, statuses[plan].Plan);
            var (start, end) = snapshot.NeedsOf(plan);
            Assert.Equal(needs, start);
            for (var n = start; n < end; n++)
            {
                Assert.Same(p, snapshot.Needs[n].Plan);
                Assert.Same(snapshot.Needs[n], assessments[n].State);
                Assert.Same(snapshot.Needs[n], links[n].State);
                // The flat arrays figures read say what the records say.
                Assert.Equal(snapshot.Needs[n].Need.Priority, snapshot.NeedPriority(n));
                Assert.Equal(snapshot.Needs[n].Services, snapshot.StatesOf(n).ToArray());
                Assert.Equal(snapshot.Needs[n].Need.Domain, snapshot.NeedDomain(n));
                // The states made from the arrays beside the rows are those of the rows, amounts to their scale (2.0 is not 2.00).
                var need = snapshot.Needs[n].Need;
                var fromRows = PlanSnapshot.StatesAt(serviceRows[(need.PlanId, need.Priority)].OrderBy(s => s.Service).ThenBy(s => s.Since).ToArray(), snapshot.Date);
                Assert.Equal(fromRows, snapshot.StatesOf(n).ToArray());
                Assert.Equal(fromRows.Select(s => s.Amount?.ToString()), snapshot.StatesOf(n).ToArray().Select(s => s.Amount?.ToString()));
                for (var i = 0; i < snapshot.StatesOf(n).Length; i++)
                    Assert.Equal(snapshot.StatesOf(n)[i].ProviderOfficeId is { } office && index.TryGetOffice(office, out var o) ? o : (OfficeInfo?)null,
                        snapshot.OfficesOf(n)[i] >= 0 ? index.Office(snapshot.OfficesOf(n)[i]) : null);
                Assert.Equal(assessments[n].IsUnmet, reasons[n].Any);
                Assert.Equal(assessments[n].Reasons.Order(), Enum.GetValues<UnmetReason>().Where(r => reasons[n].Contains(r)));
                Assert.Equal(links[n].LinkedGoals.Select(g => g.Plan), linkage.LinkedPlans(n).ToArray().Select(i => index.SupportPlans[i]));
            }
            needs = end;
        }
        Assert.Equal(snapshot.Needs.Count, needs);
        // Assessed once per snapshot: every table reads the same lists.
        Assert.Same(assessments, NeedAssessment.Assess(snapshot));
        Assert.Same(links, LinkageAssessment.Assess(snapshot));
    }

    [Theory]
    [InlineData("0123456789ABCDEF")]  // hex person keys: mostly settled by their first eight characters
    [InlineData("ab")]                // few letters: long runs of equal prefixes and keys that are prefixes of others
    [InlineData("a\0bé")]             // a NUL (below every character, as a key's end is) and a Latin-1 letter
    [InlineData("ab漢")]              // a character beyond one byte: the plain sort
    public void SortOrdinal_OrdersAsAnOrdinalSort(string alphabet)
    {
        var random = new Random(alphabet.Length);
        var keys = Enumerable.Range(0, 5000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 13)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .Distinct().ToArray();
        var expected = keys.ToArray();
        Array.Sort(expected, StringComparer.Ordinal);

        DatasetIndex.SortOrdinal(keys);

        Assert.Equal(expected, keys);
    }

    [Fact]
    public void Tables_CellsAreInTheirDefinedOrder()
    {
        var analysis = SampleRegion.Analysis;
        foreach (var table in analysis.Tables.Concat(analysis.History.SelectMany(q => analysis.Trend(q).Tables)))
        {
            var ordered = table.Cells.OrderBy(c => c.Period).ThenBy(c => c.Level).ThenBy(c => c.AreaCode, StringComparer.Ordinal)
                .ThenBy(c => c.Breakdown, StringComparer.Ordinal).ThenBy(c => c.Category == Cell.Total ? 0 : 1)
                .ThenBy(c => c.Category, StringComparer.Ordinal).ThenBy(c => c.Measure, StringComparer.Ordinal).ToList();
            Assert.True(ordered.SequenceEqual(table.Cells), $"{table.Id}: cells out of order");
        }
    }
}
