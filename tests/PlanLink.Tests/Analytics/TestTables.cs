using System.Reflection;
using PlanLink.Analytics.Disclosure;

namespace PlanLink.Tests;

/// <summary>Builds a PublishedTable by hand, bypassing disclosure control, so that the attack can be
/// shown to catch a leaky table. Only tests do this: the constructor is internal on purpose.</summary>
internal static class TestTables
{
    public static PublishedTable Published(string id, IReadOnlyList<PublishedCell> cells) =>
        (PublishedTable)typeof(PublishedTable).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance)[0]
            .Invoke([id, id, cells]);
}
