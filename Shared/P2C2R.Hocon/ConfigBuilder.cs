using System.Reflection;
using P2C2R.Hocon.Parsing;
using P2C2R.Hocon.Tree;

namespace P2C2R.Hocon;

/// <summary>
/// Layers HOCON sources into one document before substitutions are resolved, so a later layer
/// (a node's file, a <c>--config</c> override) can refer to values of an earlier one (the embedded
/// defaults) and override them, as Typesafe-config-style fallbacks do.
/// </summary>
public sealed class ConfigBuilder
{
    private readonly List<Action<ParseSession>> _layers = [];
    private Func<string, string?> _environment = Environment.GetEnvironmentVariable;

    public ConfigBuilder AddText(string text, string name = "<string>")
    {
        _layers.Add(session => new HoconParser(text, name, session).ParseDocument(session.Root, []));
        return this;
    }

    public ConfigBuilder AddFile(string path, bool optional = false)
    {
        _layers.Add(session =>
        {
            var fullPath = Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                if (optional)
                {
                    return;
                }

                throw new ConfigException($"configuration file not found: {path}");
            }

            session.IncludeChain.Add(fullPath);
            new HoconParser(File.ReadAllText(fullPath), fullPath, session).ParseDocument(session.Root, []);
            session.IncludeChain.Clear();
        });
        return this;
    }

    /// <summary>Adds HOCON embedded in an assembly, the way each executable ships its defaults.</summary>
    public ConfigBuilder AddEmbeddedResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ConfigException($"embedded configuration '{resourceName}' not found in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return AddText(reader.ReadToEnd(), $"{assembly.GetName().Name}/{resourceName}");
    }

    /// <summary>Replaces the environment lookup used for <c>${VAR}</c> fallbacks (tests use this).</summary>
    public ConfigBuilder WithEnvironment(Func<string, string?> environment)
    {
        _environment = environment;
        return this;
    }

    public Config Build()
    {
        var session = new ParseSession();
        foreach (var layer in _layers)
        {
            layer(session);
        }

        return new Config(new HoconResolver(session.Root, _environment).ResolveRoot());
    }
}
