using System.Globalization;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>Makes one person's plan history and writes its rows at once, so memory holds one person
/// at a time: plan versions (計画案 → 本計画, 変更, 継続), needs, planned services with their status
/// histories, the providers' individual support plans and the monitoring.</summary>
internal sealed class PersonBuilder(RegionModel region, GeneratorOptions options, ContractStreams output)
{
    private const double ExistingShare = 0.65;
    private const double EndingShare = 0.10;
    private const double OverdueShare = 0.08;
    private const double BlankDomainShare = 0.15;
    /// <summary>Months between 個別支援計画 versions. The 指定基準 asks for a review at least every six
    /// months; the synthetic providers write a new version once a year to keep the sample small.</summary>
    private const int Renewal = 12;

    /// <summary>One 解決すべき課題; <see cref="Written"/> is the domain as the office wrote it (null = left empty).</summary>
    private sealed record Need(int Priority, LifeDomain Domain, LifeDomain? Written, string Text, string Goal, int TargetMonths, string? Role, List<Track> Tracks);

    private readonly record struct Event(ServiceStatus Status, DateOnly Since, string? Provider);

    /// <summary>One service of the person, which may serve several needs (one A型 for work and for balance).</summary>
    private sealed class Track(ServiceType service)
    {
        public ServiceType Service { get; } = service;
        public decimal? Amount { get; set; }
        public string? Unit { get; set; }
        public List<Event> Events { get; } = [];
        public List<int> Priorities { get; } = [];
    }

    public void Build(int index)
    {
        var rng = Prng.For(options.Seed, (ulong)index + 1);
        var key = rng.NextUInt64().ToString("X16", CultureInfo.InvariantCulture);
        var area = region.PickArea(rng);
        var person = DrawPerson(rng);
        var existing = rng.Chance(ExistingShare);
        var first = existing ? rng.Day(options.HistoryStart, options.ArrivalsFrom.AddDays(-1)) : ArrivalDate(rng);
        DateOnly? end = rng.Chance(EndingShare) && first.AddDays(60) < options.HistoryEnd
            ? rng.Day(first.AddDays(60), options.HistoryEnd) : null;
        var limit = end ?? options.HistoryEnd;
        var versions = Versions(rng, existing, first, limit);
        var office = ConsultationOffice(rng, area, person, first);
        var monitoringMonths = rng.Weighted([0.02, 0.2, 0.78]) switch { 0 => 1, 1 => 3, _ => 6 };
        var wishes = rng.Chance(0.45) ? rng.Pick(person.IsChild ? PhraseBank.ChildWishes : PhraseBank.AdultWishes) : null;

        var needs = DrawNeeds(rng, person);
        foreach (var track in needs.SelectMany(n => n.Tracks).Distinct())
            Timeline(rng, track, area, office, existing, first, limit);

        var overdue = end is null && rng.Chance(OverdueShare);
        for (var v = 0; v < versions.Count; v++)
        {
            var (date, kind) = versions[v];
            var next = v + 1 < versions.Count ? versions[v + 1].Date : DateOnly.MaxValue;
            var planId = string.Create(CultureInfo.InvariantCulture, $"P{index + 1}-{v + 1}");
            output.Plans.Write(ContractWriter.Fields(new Plan(planId, key, office.OfficeId, area.Municipality.Code, date, kind,
                person.AgeBand(options.HistoryStart, date), person.Types, person.Category, monitoringMonths,
                v == versions.Count - 1 ? end : null, wishes)));
            foreach (var need in needs)
            {
                output.Needs.Write(ContractWriter.Fields(new PlanNeed(planId, need.Priority, need.Text, need.Written, need.Goal,
                    need.TargetMonths, need.Role)));
                foreach (var track in need.Tracks) WriteStatusRows(planId, need.Priority, track, date, next);
            }
            if (kind != PlanKind.Draft)
                WriteMonitoring(rng, planId, needs, date, Min(next.AddDays(-1), limit), monitoringMonths, overdue);
        }
        // Individual support plans from the one in force when the quarterly history starts.
        WriteSupportPlans(rng, index, key, needs, options.ArrivalsFrom.AddMonths(-Renewal), limit);
    }

    private Person DrawPerson(Prng rng)
    {
        // 年齢階級 shares of persons with plans: many school-age children, fewer 60-64.
        var band = rng.Weighted([0.07, 0.20, 0.17, 0.12, 0.14, 0.14, 0.06, 0.10]);
        int[] from = [0, 6, 18, 30, 40, 50, 60, 65], to = [4, 14, 29, 39, 49, 59, 64, 84];
        var age = rng.Range(from[band], to[band]);
        if (age < 18)
        {
            DisabilityType[] kinds = [DisabilityType.Developmental, DisabilityType.Intellectual, DisabilityType.Physical, DisabilityType.IntractableDisease];
            return new Person(age, DisabilityType.Child | kinds[rng.Weighted([0.5, 0.3, 0.15, 0.05])], 0);
        }
        DisabilityType[] primaries = [DisabilityType.Intellectual, DisabilityType.Mental, DisabilityType.Physical, DisabilityType.IntractableDisease, DisabilityType.Developmental];
        var primary = primaries[rng.Weighted([0.32, 0.38, 0.22, 0.04, 0.04])];
        var types = primary;
        if (primary is DisabilityType.Mental or DisabilityType.Intellectual && rng.Chance(0.15)) types |= DisabilityType.Developmental;
        if (primary == DisabilityType.Physical && rng.Chance(0.08)) types |= DisabilityType.Intellectual;
        // 障害支援区分 (0 = 非該当) by main disability.
        double[] category = primary switch
        {
            DisabilityType.Mental => [0.25, 0.1, 0.35, 0.2, 0.1, 0, 0],
            DisabilityType.Intellectual => [0, 0.05, 0.2, 0.25, 0.25, 0.15, 0.1],
            DisabilityType.Physical => [0.05, 0.05, 0.1, 0.15, 0.2, 0.2, 0.25],
            DisabilityType.IntractableDisease => [0.2, 0.15, 0.2, 0.2, 0.15, 0.05, 0.05],
            _ => [0.3, 0.2, 0.3, 0.15, 0.05, 0, 0],
        };
        return new Person(age, types, (byte)rng.Weighted(category));
    }

    /// <summary>A new person's first day: April–June take more than twice a normal month
    /// (school leavers, new 受給者証 at the fiscal year's start).</summary>
    private DateOnly ArrivalDate(Prng rng)
    {
        var months = (options.HistoryEnd.Year - options.ArrivalsFrom.Year) * 12 + options.HistoryEnd.Month - options.ArrivalsFrom.Month + 1;
        Span<double> weights = stackalloc double[months];
        for (var m = 0; m < months; m++) weights[m] = options.ArrivalsFrom.AddMonths(m).Month is >= 4 and <= 6 ? 2.2 : 1;
        var month = options.ArrivalsFrom.AddMonths(rng.Weighted(weights));
        return Min(month.AddDays(rng.Next(28)), options.HistoryEnd.AddDays(-1));
    }

    /// <summary>計画案 and 本計画 for a newcomer, a 継続 at each renewal of the 支給決定 (valid one to
    /// three years depending on the services), now and then a 変更 in between.</summary>
    private static List<(DateOnly Date, PlanKind Kind)> Versions(Prng rng, bool existing, DateOnly first, DateOnly limit)
    {
        var validity = 12 * (rng.Weighted([0.6, 0.25, 0.15]) + 1);
        var versions = new List<(DateOnly, PlanKind)>();
        var current = first;
        if (existing) versions.Add((first, PlanKind.Final));
        else
        {
            versions.Add((first, PlanKind.Draft));
            current = first.AddDays(rng.Range(14, 40));
            if (current > limit) return versions;
            versions.Add((current, PlanKind.Final));
        }
        while (true)
        {
            var renewal = current.AddMonths(validity).AddDays(rng.Range(-20, 10));
            if (rng.Chance(0.1 * validity / 12))
            {
                var change = current.AddDays(rng.Range(30, 300 + 365 * (validity / 12 - 1)));
                if (change > limit) break;
                versions.Add((change, PlanKind.Change));
            }
            if (renewal > limit) break;
            versions.Add((renewal, PlanKind.Continuation));
            current = renewal;
        }
        return versions;
    }

    private Office ConsultationOffice(Prng rng, Area area, Person person, DateOnly first)
    {
        var offices = region.Reach(area, person.IsChild ? ServiceType.ChildConsultation : ServiceType.PlanConsultation, regionWide: true);
        if (offices.Count == 0) offices = region.Reach(area, ServiceType.PlanConsultation, regionWide: true);
        if (offices.Count == 0) offices = region.Offices.Where(o => o.Service == ServiceType.PlanConsultation).Take(1).ToList();
        var open = offices.Where(o => o.IsOpenOn(first)).ToList();
        return rng.Pick(open.Count > 0 ? open : offices);
    }

    private static List<Need> DrawNeeds(Prng rng, Person person)
    {
        var count = rng.Weighted([0.2, 0.3, 0.28, 0.13, 0.06, 0.03]) + 1;
        var weights = ServiceChoices.DomainWeights(person);
        var needs = new List<Need>();
        var tracks = new Dictionary<ServiceType, Track>();
        for (var priority = 1; priority <= count; priority++)
        {
            var domain = (LifeDomain)rng.Weighted(weights);
            weights[(int)domain] = 0;
            var (text, goal) = rng.Pick(PhraseBank.Needs[domain]);
            var need = new Need(priority, domain, rng.Chance(BlankDomainShare) ? null : domain, text, goal, rng.Pick([3, 6, 6, 12]),
                rng.Chance(0.25) ? rng.Pick(PhraseBank.Roles[domain]) : null, []);
            var roll = rng.NextDouble();
            // A few needs have no service at all; some are met by family and neighbours only.
            if (roll >= 0.05)
            {
                var formal = roll >= 0.13;
                if (formal)
                {
                    var choices = ServiceChoices.For(domain, person);
                    var services = 1 + (rng.Chance(0.2) && choices.Count > 1 ? 1 : 0);
                    for (var s = 0; s < services; s++)
                    {
                        var pick = rng.Weighted(choices.Select(c => c.Weight).ToArray());
                        Attach(need, tracks, choices[pick].Service);
                        choices.RemoveAt(pick);
                    }
                }
                if (!formal || rng.Chance(0.1)) Attach(need, tracks, ServiceType.Informal);
            }
            needs.Add(need);
        }
        return needs;
    }

    private static void Attach(Need need, Dictionary<ServiceType, Track> tracks, ServiceType service)
    {
        if (!tracks.TryGetValue(service, out var track)) tracks[service] = track = new Track(service);
        track.Priorities.Add(need.Priority);
        need.Tracks.Add(track);
    }

    /// <summary>The status history of one planned service, driven by the supply the person can reach:
    /// no open office means 資源なし, a short supply means 待機, and offices opening or closing move it on.</summary>
    private void Timeline(Prng rng, Track track, Area area, Office consultation, bool existing, DateOnly first, DateOnly limit)
    {
        var events = track.Events;
        var info = ServiceCatalog.Get(track.Service);
        if (track.Service == ServiceType.Informal)
        {
            events.Add(new(ServiceStatus.Informal, first, null));
            return;
        }
        var profile = ServiceProfiles.Find(track.Service);
        (track.Amount, track.Unit) = info.Unit switch
        {
            VolumeUnit.HoursPerMonth => (Math.Round(profile!.Amount * (decimal)(0.4 + 1.2 * rng.NextDouble())), "時間/月"),
            VolumeUnit.PersonDaysPerMonth => (Math.Min(23, Math.Max(1, Math.Round(profile!.Amount * (decimal)(0.5 + rng.NextDouble())))), "日/月"),
            _ => (1m, "人"),
        };
        if (track.Service is ServiceType.PlanConsultation or ServiceType.ChildConsultation)
        {
            events.Add(new(ServiceStatus.InUse, first, consultation.OfficeId));
            return;
        }
        var offices = region.Reach(area, track.Service, profile?.RegionWide ?? true);
        var waiting = profile?.WaitingChance(area.Class) ?? 0.03;
        var date = first;
        var roll = rng.NextDouble();
        var status = roll < waiting ? ServiceStatus.Waiting : roll < waiting + 0.15 ? ServiceStatus.Arranging
            : roll < waiting + 0.18 ? ServiceStatus.Declined : ServiceStatus.InUse;
        var provider = OpenOffice(rng, offices, date);
        if (provider is null) status = ServiceStatus.NoResource;
        // Persons supported before the history began have used their services for a while already.
        var since = existing ? date.AddDays(-(status == ServiceStatus.InUse ? rng.Next(1500) : rng.Next(60))) : date;
        if (provider?.Opened is { } opened && since < opened) since = opened;
        while (date <= limit)
        {
            events.Add(new(status, since, status is ServiceStatus.NoResource or ServiceStatus.Declined ? null : provider?.OfficeId));
            (status, date) = status switch
            {
                ServiceStatus.NoResource => NextAfterNoResource(rng, offices, date, limit, ref provider),
                ServiceStatus.Waiting => rng.Chance(0.45) ? (status, DateOnly.MaxValue) : (ServiceStatus.InUse, date.AddDays(rng.Range(60, 420))),
                ServiceStatus.Arranging => (rng.Chance(0.85) ? ServiceStatus.InUse : ServiceStatus.Waiting, date.AddDays(rng.Range(14, 200))),
                ServiceStatus.InUse when provider?.Closed is { } closed && closed > date => (ServiceStatus.Arranging, closed),
                _ => (status, DateOnly.MaxValue),
            };
            if (date > limit) break;
            if (status == ServiceStatus.InUse && (provider is null || !provider.IsOpenOn(date))) provider = OpenOffice(rng, offices, date);
            if (status == ServiceStatus.Arranging && provider?.Closed is { } c && c <= date) provider = null;
            if (status == ServiceStatus.InUse && provider is null) status = ServiceStatus.NoResource;
            since = date;
        }
    }

    /// <summary>資源なし lasts until an office of the service opens within reach.</summary>
    private static (ServiceStatus, DateOnly) NextAfterNoResource(Prng rng, IReadOnlyList<Office> offices, DateOnly date, DateOnly limit, ref Office? provider)
    {
        var opening = offices.Where(o => o.Opened > date && o.Opened <= limit).MinBy(o => o.Opened);
        if (opening is null) return (ServiceStatus.NoResource, DateOnly.MaxValue);
        provider = opening;
        return (ServiceStatus.Arranging, opening.Opened!.Value.AddDays(rng.Range(7, 45)));
    }

    private static Office? OpenOffice(Prng rng, IReadOnlyList<Office> offices, DateOnly date)
    {
        var open = offices.Where(o => o.IsOpenOn(date)).ToList();
        return open.Count == 0 ? null : rng.Pick(open);
    }

    /// <summary>A plan version holds each service's status in force at its date (with its original
    /// 状況の開始日) and every change until the next version.</summary>
    private void WriteStatusRows(string planId, int priority, Track track, DateOnly date, DateOnly next)
    {
        var events = track.Events;
        var current = events.FindLastIndex(e => e.Since <= date);
        for (var i = Math.Max(0, current); i < events.Count && events[i].Since < next; i++)
        {
            var e = events[i];
            output.Services.Write(ContractWriter.Fields(new PlannedService(planId, priority, track.Service,
                track.Amount, track.Unit, e.Provider, e.Status, e.Since)));
        }
    }

    private void WriteMonitoring(Prng rng, string planId, List<Need> needs, DateOnly planDate, DateOnly last, int months, bool overdue)
    {
        for (var k = 1; ; k++)
        {
            var due = planDate.AddMonths(k * months);
            if (due > last) break;
            // Overdue: the last monitoring due in the history was never held.
            if (overdue && due > options.HistoryEnd.AddMonths(-months)) break;
            if (rng.Chance(0.02)) continue;
            var date = Min(due.AddDays(rng.Range(-7, 3)), last);
            foreach (var need in needs)
            {
                var unmet = IsUnmet(need, date);
                var achievement = (Achievement)rng.Weighted(unmet ? [0, 0.3, 0.68, 0.02] : [0.25, 0.55, 0.17, 0.03]);
                output.Monitoring.Write(ContractWriter.Fields(new MonitoringRecord(planId, date, need.Priority, achievement,
                    unmet && rng.Chance(0.3), rng.Chance(unmet ? 0.2 : 0.08), rng.Chance(0.08),
                    rng.Chance(0.08) ? rng.Pick(PhraseBank.NewIssues) : null)));
            }
        }
    }

    private static bool IsUnmet(Need need, DateOnly date) => need.Tracks.Count == 0 || need.Tracks.Any(t =>
    {
        var i = t.Events.FindLastIndex(e => e.Since <= date);
        if (i < 0) return false;
        var e = t.Events[i];
        return e.Status is ServiceStatus.Waiting or ServiceStatus.NoResource
            || (e.Status == ServiceStatus.Arranging && date.DayNumber - e.Since.DayNumber > 90);
    });

    /// <summary>Each provider writes a 個別支援計画 soon after use starts and renews it every six months.
    /// Most goals serve the needs the service was planned for; some serve another need, a few none.</summary>
    private void WriteSupportPlans(Prng rng, int index, string key, List<Need> needs, DateOnly from, DateOnly limit)
    {
        var serial = 0;
        foreach (var track in needs.SelectMany(n => n.Tracks).Distinct())
        {
            // Consultation, the 就業・生活支援センター, informal support and the municipal 地域生活支援事業
            // write no 個別支援計画 under the 指定基準.
            var family = ServiceCatalog.Get(track.Service).Family;
            if (family is ServiceFamily.Other or ServiceFamily.CommunityLife
                || track.Service is ServiceType.PlanConsultation or ServiceType.ChildConsultation) continue;
            var bank = PhraseBank.ForProvider(track.Service);
            for (var i = 0; i < track.Events.Count; i++)
            {
                var e = track.Events[i];
                if (e.Status != ServiceStatus.InUse || e.Provider is null) continue;
                var stop = Min(i + 1 < track.Events.Count ? track.Events[i + 1].Since.AddDays(-1) : limit, limit);
                for (var date = e.Since.AddDays(rng.Range(7, 21)); date <= stop; date = date.AddMonths(Renewal))
                {
                    if (date < from) continue;
                    var id = string.Create(CultureInfo.InvariantCulture, $"S{index + 1}-{++serial}");
                    output.SupportPlans.Write(ContractWriter.Fields(new SupportPlan(id, key, e.Provider, track.Service, date,
                        rng.Pick(bank.LongGoals), rng.Pick(bank.ShortGoals))));
                    var goals = bank.Goals.ToList();
                    var count = rng.Range(2, 3);
                    for (var g = 1; g <= count; g++)
                    {
                        var text = goals[rng.Next(goals.Count)];
                        goals.Remove(text);
                        var link = rng.NextDouble();
                        int? linked = link < 0.8 ? rng.Pick(track.Priorities) : link < 0.88 ? rng.Range(1, needs.Count) : null;
                        output.SupportGoals.Write(ContractWriter.Fields(new SupportGoal(id, g, text, linked, 6, rng.Pick(bank.Staff))));
                    }
                }
            }
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
