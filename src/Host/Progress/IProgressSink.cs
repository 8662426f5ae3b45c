namespace PlanLink.Host.Progress;

/// <summary>Where long work (reading files, importing batches, rendering) says how far it got: a bar on an
/// interactive terminal, periodic plain lines when output is redirected or on CI (<see cref="ProgressSinks.For"/>).</summary>
public interface IProgressSink
{
    /// <summary><paramref name="phase"/> has done <paramref name="done"/> of <paramref name="total"/> steps;
    /// <paramref name="item"/> names the step just started or finished (a folder, a file). done == total ends the phase.</summary>
    void Report(string phase, int done, int total, string? item = null);
}

/// <summary>Progress nobody wants to see.</summary>
public sealed class NullProgressSink : IProgressSink
{
    public static NullProgressSink Instance { get; } = new();

    public void Report(string phase, int done, int total, string? item = null) { }
}
