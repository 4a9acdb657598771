using System.Text;
using System.Text.Json;
using P2C2R.Hocon.Tree;

namespace P2C2R.Hocon;

/// <summary>Renders a resolved tree as JSON-compatible HOCON, for logging the effective configuration.</summary>
internal static class HoconRenderer
{
    public static string Render(HoconNode node)
    {
        var builder = new StringBuilder();
        Render(node, builder, 0);
        return builder.ToString();
    }

    private static void Render(HoconNode node, StringBuilder builder, int indent)
    {
        switch (node)
        {
            case ObjectNode obj:
                builder.Append('{');
                foreach (var key in obj.Keys)
                {
                    obj.TryGet(key, out var child);
                    builder.Append('\n').Append(' ', indent + 2).Append(JsonSerializer.Serialize(key)).Append(" : ");
                    Render(child, builder, indent + 2);
                }

                builder.Append('\n').Append(' ', indent).Append('}');
                break;
            case ArrayNode array:
                builder.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    Render(array.Items[i], builder, indent);
                }

                builder.Append(']');
                break;
            case ScalarNode { Kind: ScalarKind.Null }:
                builder.Append("null");
                break;
            case ScalarNode scalar:
                builder.Append(JsonSerializer.Serialize(scalar.Text));
                break;
        }
    }
}
