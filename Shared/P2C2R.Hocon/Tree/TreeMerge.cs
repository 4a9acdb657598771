namespace P2C2R.Hocon.Tree;

/// <summary>The HOCON rules for a key defined twice: objects merge, anything else is replaced.</summary>
internal static class TreeMerge
{
    /// <summary>Merges <paramref name="value"/> into <paramref name="target"/> as a later definition.</summary>
    public static void MergeField(ObjectNode target, string key, HoconNode value)
    {
        if (!target.TryGet(key, out var existing))
        {
            target[key] = value;
            return;
        }

        if (value is ObjectNode incoming && existing is ObjectNode current)
        {
            foreach (var k in incoming.Keys)
            {
                incoming.TryGet(k, out var child);
                MergeField(current, k, child);
            }

            return;
        }

        var replaces = value.IsResolved && (value is not ObjectNode || existing.IsResolved);
        target[key] = replaces ? value : new MergeNode(existing, value);
    }

    /// <summary>Merges two resolved objects, <paramref name="over"/> winning.</summary>
    public static ObjectNode MergeResolved(ObjectNode under, ObjectNode over)
    {
        var result = new ObjectNode(over.Position);
        foreach (var key in under.Keys)
        {
            under.TryGet(key, out var v);
            result[key] = v;
        }

        foreach (var key in over.Keys)
        {
            over.TryGet(key, out var v);
            result[key] = result.TryGet(key, out var old) && old is ObjectNode oldObject && v is ObjectNode newObject
                ? MergeResolved(oldObject, newObject)
                : v;
        }

        return result;
    }

    /// <summary>Copies the mutable parts of a tree so later in-place merges cannot change a snapshot.</summary>
    public static HoconNode DeepCopy(HoconNode node)
    {
        switch (node)
        {
            case ObjectNode obj:
                var copy = new ObjectNode(obj.Position);
                foreach (var key in obj.Keys)
                {
                    obj.TryGet(key, out var v);
                    copy[key] = DeepCopy(v);
                }

                return copy;
            case ArrayNode array:
                return new ArrayNode(array.Position, array.Items.ConvertAll(DeepCopy));
            case ConcatNode concat:
                return new ConcatNode(concat.Position, concat.Parts.ConvertAll(DeepCopy));
            case MergeNode merge:
                return new MergeNode(DeepCopy(merge.Older), DeepCopy(merge.Newer));
            default:
                return node;
        }
    }
}
