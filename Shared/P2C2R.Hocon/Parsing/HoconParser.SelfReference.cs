using P2C2R.Hocon.Tree;

namespace P2C2R.Hocon.Parsing;

internal sealed partial class HoconParser
{
    /// <summary>
    /// A substitution of the field being defined (or of something inside it), as in
    /// <c>path = ${path} [x]</c> or <c>a += b</c>, means the value before this definition.
    /// That value exists only now, so it is copied into the new value before the field is merged.
    /// </summary>
    private HoconNode ReplaceSelfReferences(HoconNode node, string[] fieldPath)
    {
        switch (node)
        {
            case SubstitutionNode substitution:
                var absolute = substitution.RelativeTo is null ? substitution.Path : [.. substitution.RelativeTo, .. substitution.Path];
                var target = StartsWith(absolute, fieldPath) ? absolute : StartsWith(substitution.Path, fieldPath) ? substitution.Path : null;
                if (target is null)
                {
                    return node;
                }

                return FindPrevious(target, substitution.Position)
                    ?? new SubstitutionNode(substitution.Position, substitution.Path, substitution.Optional) { EnvironmentOnly = true };
            case ConcatNode concat:
                return new ConcatNode(concat.Position, concat.Parts.ConvertAll(p => ReplaceSelfReferences(p, fieldPath)));
            case ArrayNode array:
                return new ArrayNode(array.Position, array.Items.ConvertAll(p => ReplaceSelfReferences(p, fieldPath)));
            default:
                return node;
        }
    }

    /// <summary>The value at <paramref name="path"/> as defined so far, merged across still-open objects.</summary>
    private HoconNode? FindPrevious(string[] path, SourcePosition position)
    {
        var previous = Walk(_session.Root, path, position);
        foreach (var (basePath, node) in _session.OpenObjects)
        {
            if (!StartsWith(path, basePath))
            {
                continue;
            }

            var found = Walk(node, path[basePath.Length..], position);
            if (found is not null)
            {
                previous = previous is null ? found : new MergeNode(previous, found);
            }
        }

        return previous is null ? null : TreeMerge.DeepCopy(previous);
    }

    private static HoconNode? Walk(HoconNode node, string[] path, SourcePosition position)
    {
        for (var i = 0; i < path.Length; i++)
        {
            switch (node)
            {
                case ObjectNode obj:
                    if (!obj.TryGet(path[i], out node))
                    {
                        return null;
                    }

                    break;
                case ScalarNode or ArrayNode:
                    return null;
                default:
                    return new PathNode(position, node, path[i..]);
            }
        }

        return node;
    }

    private static bool StartsWith(string[] path, string[] prefix) =>
        path.Length >= prefix.Length && path.AsSpan(0, prefix.Length).SequenceEqual(prefix);
}
