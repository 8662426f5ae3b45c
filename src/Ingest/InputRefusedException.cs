namespace PlanLink.Ingest;

/// <summary>Input that must be refused as a whole (exit code 2): the message is one line, in
/// Japanese and English, and never repeats a suspected identifier.</summary>
public class InputRefusedException(string message) : Exception(message);
