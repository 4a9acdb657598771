using System.Globalization;

namespace P2C2R.Hocon.Tree;

/// <summary>
/// A node of a HOCON document. The parser produces unresolved trees (with concatenations,
/// substitutions and deferred merges); the resolver turns them into trees of objects, arrays and
/// scalars only, which is all <see cref="Config"/> ever reads.
/// </summary>
internal abstract class HoconNode(SourcePosition position)
{
    public SourcePosition Position { get; } = position;

    /// <summary>True when the node holds no substitution, so it can replace an older value outright.</summary>
    public abstract bool IsResolved { get; }
}

internal enum ScalarKind { String, Unquoted, Null, Whitespace }

/// <summary>A string, number, boolean or null as written; conversion happens on read.</summary>
internal sealed class ScalarNode(SourcePosition position, string text, ScalarKind kind) : HoconNode(position)
{
    public string Text { get; } = text;
    public ScalarKind Kind { get; } = kind;
    public override bool IsResolved => true;

    public static ScalarNode FromString(string text) => new(default, text, ScalarKind.String);

    public static ScalarNode FromNumber(long value) =>
        new(default, value.ToString(CultureInfo.InvariantCulture), ScalarKind.Unquoted);
}

/// <summary>An ordered object. Mutable only while the parser builds it.</summary>
internal sealed class ObjectNode(SourcePosition position) : HoconNode(position)
{
    private readonly Dictionary<string, HoconNode> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<string> Keys => _order;
    public int Count => _order.Count;
    public override bool IsResolved => _order.TrueForAll(k => _fields[k].IsResolved);

    public bool TryGet(string key, out HoconNode value) => _fields.TryGetValue(key, out value!);

    public HoconNode this[string key]
    {
        get => _fields[key];
        set
        {
            if (!_fields.ContainsKey(key))
            {
                _order.Add(key);
            }

            _fields[key] = value;
        }
    }

    public void Remove(string key)
    {
        if (_fields.Remove(key))
        {
            _order.Remove(key);
        }
    }
}

internal sealed class ArrayNode(SourcePosition position, List<HoconNode> items) : HoconNode(position)
{
    public List<HoconNode> Items { get; } = items;
    public override bool IsResolved => Items.TrueForAll(i => i.IsResolved);
}

/// <summary>Values written side by side on one line: strings join, arrays append, objects merge.</summary>
internal sealed class ConcatNode(SourcePosition position, List<HoconNode> parts) : HoconNode(position)
{
    public List<HoconNode> Parts { get; } = parts;
    public override bool IsResolved => false;
}

/// <summary><c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class SubstitutionNode(SourcePosition position, string[] path, bool optional) : HoconNode(position)
{
    public string[] Path { get; } = path;
    public bool Optional { get; } = optional;

    /// <summary>Paths to try before <see cref="Path"/>: the include point's prefix for included files.</summary>
    public string[]? RelativeTo { get; init; }

    /// <summary>
    /// A self-reference with no earlier value: only the environment may answer it, since the
    /// document itself would answer with the very field being defined.
    /// </summary>
    public bool EnvironmentOnly { get; init; }

    public override bool IsResolved => false;
    public string PathText => string.Join('.', Path);
}

/// <summary>
/// A later definition of a key whose value is not known until resolution: objects merge, an
/// undefined optional substitution keeps the older value, anything else replaces it.
/// </summary>
internal sealed class MergeNode(HoconNode older, HoconNode newer) : HoconNode(newer.Position)
{
    public HoconNode Older { get; } = older;
    public HoconNode Newer { get; } = newer;
    public override bool IsResolved => false;
}
