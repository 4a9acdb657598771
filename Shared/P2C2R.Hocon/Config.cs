using System.Globalization;
using P2C2R.Hocon.Parsing;
using P2C2R.Hocon.Tree;

namespace P2C2R.Hocon;

/// <summary>
/// A resolved, immutable HOCON configuration. Getters take dotted paths and convert on read, and
/// every conversion error names the path and where the value was written.
/// </summary>
public sealed class Config
{
    internal Config(ObjectNode root) => Root = root;

    public static Config Empty { get; } = new(new ObjectNode(default));

    internal ObjectNode Root { get; }

    /// <summary>The keys directly under this object, in the order they were first defined.</summary>
    public IReadOnlyList<string> Keys => Root.Keys;

    public bool IsEmpty => Root.Count == 0;

    public static Config Parse(string text, string name = "<string>") => new ConfigBuilder().AddText(text, name).Build();

    public static Config ParseFile(string path) => new ConfigBuilder().AddFile(path).Build();

    /// <summary>True when the path holds a value other than <c>null</c>.</summary>
    public bool HasPath(string path) => Find(path) is { } node && node is not ScalarNode { Kind: ScalarKind.Null };

    public string GetString(string path) => Scalar(path).Text;

    public string GetString(string path, string fallback) => HasPath(path) ? GetString(path) : fallback;

    public int GetInt(string path) => checked((int)GetLong(path));

    public int GetInt(string path, int fallback) => HasPath(path) ? GetInt(path) : fallback;

    public long GetLong(string path)
    {
        var scalar = Scalar(path);
        if (long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) &&
            real == Math.Floor(real) && real is >= long.MinValue and <= long.MaxValue)
        {
            return (long)real;
        }

        throw Mismatch(path, scalar, "a whole number");
    }

    public long GetLong(string path, long fallback) => HasPath(path) ? GetLong(path) : fallback;

    public double GetDouble(string path)
    {
        var scalar = Scalar(path);
        return double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Mismatch(path, scalar, "a number");
    }

    public double GetDouble(string path, double fallback) => HasPath(path) ? GetDouble(path) : fallback;

    public bool GetBoolean(string path)
    {
        var scalar = Scalar(path);
        return scalar.Text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Mismatch(path, scalar, "a boolean (true/false, yes/no, on/off)"),
        };
    }

    public bool GetBoolean(string path, bool fallback) => HasPath(path) ? GetBoolean(path) : fallback;

    public TimeSpan GetDuration(string path)
    {
        var scalar = Scalar(path);
        return HoconUnits.TryParseDuration(scalar.Text, out var value)
            ? value
            : throw Mismatch(path, scalar, "a duration such as 500ms, 10s or 2 minutes");
    }

    public TimeSpan GetDuration(string path, TimeSpan fallback) => HasPath(path) ? GetDuration(path) : fallback;

    public long GetByteSize(string path)
    {
        var scalar = Scalar(path);
        return HoconUnits.TryParseByteSize(scalar.Text, out var value)
            ? value
            : throw Mismatch(path, scalar, "a size such as 512, 64KiB or 10MB");
    }

    public long GetByteSize(string path, long fallback) => HasPath(path) ? GetByteSize(path) : fallback;

    /// <summary>The object at <paramref name="path"/>; empty when the path is absent.</summary>
    public Config GetConfig(string path) => Find(path) switch
    {
        null or ScalarNode { Kind: ScalarKind.Null } => Empty,
        ObjectNode obj => new Config(obj),
        var other => throw new ConfigException($"{path}{At(other)}: expected an object"),
    };

    public IReadOnlyList<string> GetStringList(string path) => Find(path) switch
    {
        null => throw Missing(path),
        ArrayNode array => array.Items.Select((item, i) => item is ScalarNode s
            ? s.Text
            : throw new ConfigException($"{path}[{i}]{At(item)}: expected a string")).ToList(),
        var other => throw new ConfigException($"{path}{At(other)}: expected an array of strings"),
    };

    /// <summary>This configuration with <paramref name="fallback"/> underneath it; objects merge.</summary>
    public Config WithFallback(Config fallback) => new(TreeMerge.MergeResolved(fallback.Root, Root));

    /// <summary>Every leaf as a dotted path and its text; array elements get their index as a segment.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Flatten()
    {
        var result = new List<KeyValuePair<string, string?>>();
        Flatten(Root, "", result);
        return result;
    }

    public override string ToString() => HoconRenderer.Render(Root);

    private static void Flatten(HoconNode node, string prefix, List<KeyValuePair<string, string?>> into)
    {
        switch (node)
        {
            case ObjectNode obj:
                foreach (var key in obj.Keys)
                {
                    obj.TryGet(key, out var child);
                    Flatten(child, prefix.Length == 0 ? Quote(key) : $"{prefix}.{Quote(key)}", into);
                }

                break;
            case ArrayNode array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Flatten(array.Items[i], $"{prefix}.{i}", into);
                }

                break;
            case ScalarNode scalar:
                into.Add(new(prefix, scalar.Kind == ScalarKind.Null ? null : scalar.Text));
                break;
        }
    }

    private static string Quote(string key) => key.Contains('.') ? $"\"{key}\"" : key;

    private HoconNode? Find(string path)
    {
        HoconNode node = Root;
        foreach (var segment in HoconParser.ParsePath(path))
        {
            if (node is not ObjectNode obj || !obj.TryGet(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private ScalarNode Scalar(string path) => Find(path) switch
    {
        null or ScalarNode { Kind: ScalarKind.Null } => throw Missing(path),
        ScalarNode scalar => scalar,
        var other => throw new ConfigException($"{path}{At(other)}: expected a single value, found {(other is ObjectNode ? "an object" : "an array")}"),
    };

    private static ConfigException Missing(string path) => new($"no configuration value at '{path}'");

    private static ConfigException Mismatch(string path, ScalarNode scalar, string expected) =>
        new($"{path}{At(scalar)}: expected {expected}, got '{scalar.Text}'");

    private static string At(HoconNode node) =>
        node.Position.File is null ? "" : $" ({node.Position.File}:{node.Position.Line}:{node.Position.Column})";
}
