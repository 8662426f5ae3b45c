using System.CommandLine;

namespace PlanLink.Host.Commands;

/// <summary>Options shared by several commands, so each is spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Input(bool required = true) => new("--input", "-i")
    {
        Description = "エクスポートのフォルダ（下位フォルダも読む） / export folder(s), read recursively",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string> Out(string description, string? defaultValue = null)
    {
        var option = new Option<string>("--out", "-o") { Description = description, Required = defaultValue is null };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        return option;
    }
}
