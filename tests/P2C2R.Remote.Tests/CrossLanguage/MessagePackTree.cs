using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using P2C2R.MessagePack;

namespace P2C2R.Remote.Tests.CrossLanguage;

/// <summary>
/// MessagePack with its types spelled out as JSON (the format check.mjs speaks), read and written
/// with this project's codec. Integers, and floats with an exact integer value, are decimal
/// strings; other floats are their IEEE-754 bits, so nothing is lost to text formatting.
/// </summary>
internal static class MessagePackTree
{
    public static JsonNode Read(byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        var tree = Read(ref reader);
        Assert.True(reader.End, "trailing bytes after the value");
        return tree;
    }

    public static byte[] Write(JsonNode tree)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, tree);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static JsonNode Read(ref MessagePackReader reader)
    {
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return new JsonObject { ["t"] = "nil" };
            case MessagePackType.Boolean:
                return new JsonObject { ["t"] = "bool", ["v"] = reader.ReadBoolean() };
            case MessagePackType.Integer:
                var text = reader.PeekCode() == MessagePackCode.UInt64
                    ? reader.ReadUInt64().ToString(CultureInfo.InvariantCulture)
                    : reader.ReadInt64().ToString(CultureInfo.InvariantCulture);
                return new JsonObject { ["t"] = "num", ["v"] = text };
            case MessagePackType.Float:
                return Number(reader.ReadDouble());
            case MessagePackType.String:
                return new JsonObject { ["t"] = "str", ["v"] = reader.ReadString() };
            case MessagePackType.Binary:
                return new JsonObject { ["t"] = "bin", ["v"] = Convert.ToBase64String(reader.ReadBinary().ToArray()) };
            case MessagePackType.Array:
                var items = new JsonArray();
                for (var count = reader.ReadArrayHeader(); count > 0; count--)
                {
                    items.Add(Read(ref reader));
                }

                return new JsonObject { ["t"] = "arr", ["v"] = items };
            case MessagePackType.Map:
                var entries = new JsonArray();
                for (var count = reader.ReadMapHeader(); count > 0; count--)
                {
                    var key = Read(ref reader);
                    entries.Add(new JsonArray(key, Read(ref reader)));
                }

                return new JsonObject { ["t"] = "map", ["v"] = entries };
            default:
                var probe = reader;
                if (probe.ReadExtensionHeader().TypeCode == MessagePackCode.TimestampExtension)
                {
                    var timestamp = reader.ReadTimestamp();
                    return new JsonObject { ["t"] = "ts", ["sec"] = timestamp.Seconds.ToString(CultureInfo.InvariantCulture), ["nsec"] = timestamp.Nanoseconds };
                }

                var data = reader.ReadExtension(out var type);
                return new JsonObject { ["t"] = "ext", ["type"] = (int)type, ["v"] = Convert.ToBase64String(data.ToArray()) };
        }
    }

    private static JsonObject Number(double value)
    {
        if (double.IsFinite(value) && Math.Abs(value) <= 9007199254740991 && Math.Floor(value) == value && !(value == 0 && double.IsNegative(value)))
        {
            return new JsonObject { ["t"] = "num", ["v"] = ((long)value).ToString(CultureInfo.InvariantCulture) };
        }

        var bits = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bits, value);
        return new JsonObject { ["t"] = "num", ["bits"] = Convert.ToHexStringLower(bits) };
    }

    private static void Write(ref MessagePackWriter writer, JsonNode tree)
    {
        switch ((string)tree["t"]!)
        {
            case "nil":
                writer.WriteNil();
                break;
            case "bool":
                writer.Write((bool)tree["v"]!);
                break;
            case "num" when tree["bits"] is { } bits:
                writer.Write(BinaryPrimitives.ReadDoubleBigEndian(Convert.FromHexString((string)bits!)));
                break;
            case "num":
                var text = (string)tree["v"]!;
                if (text.StartsWith('-'))
                {
                    writer.Write(long.Parse(text, CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.Write(ulong.Parse(text, CultureInfo.InvariantCulture));
                }

                break;
            case "str":
                writer.Write((string)tree["v"]!);
                break;
            case "bin":
                writer.WriteBinary(Convert.FromBase64String((string)tree["v"]!));
                break;
            case "arr":
                var items = tree["v"]!.AsArray();
                writer.WriteArrayHeader(items.Count);
                foreach (var item in items)
                {
                    Write(ref writer, item!);
                }

                break;
            case "map":
                var entries = tree["v"]!.AsArray();
                writer.WriteMapHeader(entries.Count);
                foreach (var entry in entries)
                {
                    Write(ref writer, entry![0]!);
                    Write(ref writer, entry[1]!);
                }

                break;
            case "ext":
                writer.WriteExtension((sbyte)(int)tree["type"]!, Convert.FromBase64String((string)tree["v"]!));
                break;
            case "ts":
                writer.Write(new MessagePackTimestamp(long.Parse((string)tree["sec"]!, CultureInfo.InvariantCulture), (uint)tree["nsec"]!));
                break;
        }
    }
}
