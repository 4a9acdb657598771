using System.CommandLine;

namespace P2C2R.Hosting;

/// <summary>A command-line option that sets one configuration path, layered above every file (for example <c>--port</c>).</summary>
public sealed record ConfigOption(Option<string?> Option, string Path)
{
    public static ConfigOption Create(string name, string description, string path) => new(new Option<string?>(name) { Description = description }, path);
}
