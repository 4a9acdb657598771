using System.Text;

namespace P2C2R.Hocon.Tree;

/// <summary>
/// Turns a parsed tree into one of objects, arrays and scalars. Substitutions look the path up in
/// the whole document (so they may point forward or into another layer), then in the environment.
/// Every node is resolved once (memoised), and re-entering a node being resolved is a cycle.
/// </summary>
internal sealed class HoconResolver(ObjectNode root, Func<string, string?> environment)
{
    private readonly Dictionary<HoconNode, HoconNode?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconNode> _active = new(ReferenceEqualityComparer.Instance);
    private readonly List<SubstitutionNode> _substitutions = [];

    public ObjectNode ResolveRoot() => (ObjectNode?)Resolve(root) ?? new ObjectNode(root.Position);

    /// <returns>The resolved node, or null when it is undefined (an optional substitution with no value).</returns>
    private HoconNode? Resolve(HoconNode node)
    {
        if (node is ScalarNode)
        {
            return node;
        }

        if (_resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        if (!_active.Add(node))
        {
            var at = _substitutions.Count > 0 ? _substitutions[^1] : null;
            throw (at?.Position ?? node.Position).Error(
                at is null ? "cycle while resolving a value" : $"substitution cycle: ${{{at.PathText}}} refers back to itself");
        }

        try
        {
            done = node switch
            {
                ObjectNode obj => ResolveObject(obj),
                ArrayNode array => new ArrayNode(array.Position, array.Items.Select(Resolve).OfType<HoconNode>().ToList()),
                SubstitutionNode substitution => ResolveSubstitution(substitution),
                ConcatNode concat => ResolveConcat(concat),
                MergeNode merge => ResolveMerge(merge),
                PathNode path => ResolvePath(path),
                _ => throw node.Position.Error($"unexpected node {node.GetType().Name}"),
            };
        }
        finally
        {
            _active.Remove(node);
        }

        _resolved[node] = done;
        return done;
    }

    private ObjectNode ResolveObject(ObjectNode obj)
    {
        var result = new ObjectNode(obj.Position);
        foreach (var key in obj.Keys)
        {
            obj.TryGet(key, out var child);
            if (Resolve(child) is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private HoconNode? ResolveSubstitution(SubstitutionNode substitution)
    {
        if (!substitution.EnvironmentOnly)
        {
            if (substitution.RelativeTo is { } prefix && Find([.. prefix, .. substitution.Path]) is { } relative)
            {
                return ResolveThrough(substitution, relative);
            }

            if (Find(substitution.Path) is { } found)
            {
                return ResolveThrough(substitution, found);
            }
        }

        if (environment(substitution.PathText) is { } fromEnvironment)
        {
            return new ScalarNode(substitution.Position, fromEnvironment, ScalarKind.String);
        }

        return substitution.Optional
            ? null
            : throw substitution.Position.Error($"unknown substitution ${{{substitution.PathText}}}: no such key and no environment variable");
    }

    private HoconNode? ResolveThrough(SubstitutionNode substitution, HoconNode target)
    {
        _substitutions.Add(substitution);
        try
        {
            return Resolve(target);
        }
        finally
        {
            _substitutions.RemoveAt(_substitutions.Count - 1);
        }
    }

    /// <summary>Finds the unresolved node at a path, resolving only what stands in the way.</summary>
    private HoconNode? Find(string[] path)
    {
        HoconNode node = root;
        foreach (var segment in path)
        {
            var container = node is ObjectNode ? node : Resolve(node);
            if (container is not ObjectNode obj || !obj.TryGet(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private HoconNode? ResolvePath(PathNode path)
    {
        var node = Resolve(path.Base);
        foreach (var segment in path.Rest)
        {
            if (node is not ObjectNode obj || !obj.TryGet(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private HoconNode? ResolveMerge(MergeNode merge)
    {
        var newer = Resolve(merge.Newer);
        if (newer is null)
        {
            return Resolve(merge.Older);
        }

        if (newer is ObjectNode newerObject && Resolve(merge.Older) is ObjectNode olderObject)
        {
            return TreeMerge.MergeResolved(olderObject, newerObject);
        }

        return newer;
    }

    private HoconNode? ResolveConcat(ConcatNode concat)
    {
        var parts = new List<HoconNode>(concat.Parts.Count);
        foreach (var part in concat.Parts)
        {
            if (Resolve(part) is { } value)
            {
                parts.Add(value);
            }
        }

        var values = parts.Where(p => p is not ScalarNode { Kind: ScalarKind.Whitespace }).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        if (values.TrueForAll(v => v is ObjectNode))
        {
            return values.Cast<ObjectNode>().Aggregate(TreeMerge.MergeResolved);
        }

        if (values.TrueForAll(v => v is ArrayNode))
        {
            return new ArrayNode(concat.Position, values.SelectMany(v => ((ArrayNode)v).Items).ToList());
        }

        if (values.TrueForAll(v => v is ScalarNode))
        {
            if (values.Count == 1)
            {
                return values[0];
            }

            var first = parts.FindIndex(p => p is ScalarNode { Kind: not ScalarKind.Whitespace });
            var last = parts.FindLastIndex(p => p is ScalarNode { Kind: not ScalarKind.Whitespace });
            var text = new StringBuilder();
            for (var i = first; i <= last; i++)
            {
                text.Append(((ScalarNode)parts[i]).Text);
            }

            return new ScalarNode(concat.Position, text.ToString(), ScalarKind.String);
        }

        throw concat.Position.Error("cannot concatenate values of different kinds (object, array and string do not mix)");
    }
}
