using System.Globalization;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Validation;

/// <summary>The rules of domain.md §3 that need more than one row or file: plan dates, a row's plan
/// exists, a provider is a known office, a support goal links to a need of the person's current plan.
/// Plan dates are checked as the row is parsed (<see cref="RowFields.Fail"/>); the others once every file is
/// parsed, on the parsed rows (<see cref="PendingRow.Fail"/>), quoting the values as the file wrote them.</summary>
internal static class ReferenceChecks
{
    /// <summary>A plan does not end before it was made.</summary>
    public static void PlanDates(RowFields r, Plan p)
    {
        if (p.EndDate is { } end && p.PlanDate != default && end < p.PlanDate)
            r.Fail("end_date", r.Raw("end_date"), "終了日が作成日より前です", "end date is before the plan date");
    }

    /// <summary>Notes, as the row is parsed, a planned service whose provider is not an office of offices.csv (when one
    /// was read): the office number was just looked up as it was read, so this costs no second lookup. Reported by
    /// <see cref="ProviderKnown"/>.</summary>
    /// <param name="providerOfficeId">The row's provider office number, normalised (a parsed one has 10 digits).</param>
    public static void NoteUnknownProvider(RowFields r, string? providerOfficeId, IReadOnlySet<string> officeIds)
    {
        if (providerOfficeId is not null && officeIds.Count > 0 && !r.IsOffice(providerOfficeId, officeIds)) r.MarkReferenceMissing();
    }

    /// <summary>A planned service's provider is an office of offices.csv (when one was read), as noted by <see cref="NoteUnknownProvider"/>.</summary>
    public static void ProviderKnown(PendingRow r, string? providerOfficeId)
    {
        // Marked only for a row with a provider.
        if (r.ReferenceMissing)
            r.Fail("provider_office_id", r.Raw("provider_office_id", providerOfficeId), "offices.csv にない事業所番号です", "provider office is not in offices.csv");
    }

    /// <summary>The row's plan_id is a plan of plans.csv.</summary>
    public static void PlanExists(PendingRow r, string planId, KnownIds planIds)
    {
        if (!planIds.Contains(planId))
            r.Fail("plan_id", r.Raw("plan_id", planId), "サービス等利用計画がありません", "no such plan in plans.csv");
    }

    /// <summary>A goal's support plan exists, and its linked priority is a need of the plan current for
    /// that person at the support plan's date.</summary>
    public static void GoalLinked(PendingRow r, SupportGoal g, GoalLinks links)
    {
        if (links.SupportPlan(g.SupportPlanId) is null)
        {
            if (g.SupportPlanId.Length > 0)
                r.Fail("support_plan_id", g.SupportPlanId, "個別支援計画がありません", "no such support plan in support_plans.csv");
            return;
        }
        if (g.LinkedPriority is not { } priority) return;
        if (links.CurrentPlan() is not { } plan)
            r.Fail("linked_priority", Text(priority), "本人のサービス等利用計画がありません", "the person of this support plan has no service use plan in plans.csv");
        else if (!links.CurrentPlanHasPriority(priority))
            r.Fail("linked_priority", Text(priority), $"本人の現在の計画（{plan.PlanId}）にこの優先順位の課題がありません",
                $"no need with this priority in the person's current plan {plan.PlanId}");
    }

    private static string Text(int priority) => priority.ToString(CultureInfo.InvariantCulture);
}
