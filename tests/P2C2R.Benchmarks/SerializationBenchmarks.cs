using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using P2C2R.MessagePack;
using P2C2R.Remote;
using P2C2R.Remote.Cluster;
using P2C2R.Remote.Serialization;

namespace P2C2R.Benchmarks;

/// <summary>
/// Encoding and decoding a protocol message (a membership view of eight members) with the
/// project's MessagePack formatters, beside System.Text.Json and Google.Protobuf's wire codec
/// (hand-written field code, as protoc would generate; protobuf-net does not restore here).
/// </summary>
[Config(typeof(MessagingConfig))]
public class SerializationBenchmarks
{
    private static readonly JsonSerializerOptions Json = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly byte[] _protobufBuffer = new byte[4096];
    private MessageType _type = null!;
    private Gossip _gossip = null!;
    private byte[] _messagePack = null!;
    private byte[] _json = null!;
    private byte[] _protobuf = null!;

    [GlobalSetup]
    public void Setup()
    {
        MessageRegistry.Create().TryGet(typeof(Gossip), out _type);
        var members = Enumerable.Range(0, 8)
            .Select(i => new Member(new Address($"peer-{i}", $"10.0.0.{i + 10}", 2552 + i), 1_000_000_000_000 + i, MemberStatus.Up, ["peer"], i != 3))
            .ToArray();
        _gossip = new Gossip(42, 17, members);
        _messagePack = MessagePackEncode().ToArray();
        _json = JsonSerializer.SerializeToUtf8Bytes(_gossip, Json);
        _protobuf = _protobufBuffer.AsSpan(0, ProtobufEncode()).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int JsonEncode()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        JsonSerializer.Serialize(writer, _gossip, Json);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int ProtobufEncode()
    {
        var output = new CodedOutputStream(_protobufBuffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt64(_gossip.LeaderUid);
        output.WriteTag(2, WireFormat.WireType.Varint);
        output.WriteInt64(_gossip.Version);
        foreach (var member in _gossip.Members)
        {
            var address = member.Address.ToString();
            var size = CodedOutputStream.ComputeStringSize(address) + 1
                + CodedOutputStream.ComputeInt64Size(member.Uid) + 1
                + CodedOutputStream.ComputeInt32Size((int)member.Status) + 1
                + member.Roles.Sum(r => CodedOutputStream.ComputeStringSize(r) + 1)
                + 2;
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteLength(size);
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(address);
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt64(member.Uid);
            output.WriteTag(3, WireFormat.WireType.Varint);
            output.WriteInt32((int)member.Status);
            foreach (var role in member.Roles)
            {
                output.WriteTag(4, WireFormat.WireType.LengthDelimited);
                output.WriteString(role);
            }

            output.WriteTag(5, WireFormat.WireType.Varint);
            output.WriteBool(member.Reachable);
        }

        output.Flush();
        return (int)output.Position;
    }

    [Benchmark]
    public ReadOnlyMemory<byte> MessagePackEncode()
    {
        _buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(_buffer);
        _type.WriteBoxed(ref writer, _gossip, null!);
        writer.Flush();
        return _buffer.WrittenMemory;
    }

    [Benchmark]
    public Gossip? JsonDecode() => JsonSerializer.Deserialize<Gossip>(_json, Json);

    [Benchmark]
    public Gossip ProtobufDecode()
    {
        var input = new CodedInputStream(_protobuf);
        long leader = 0, version = 0;
        var members = new List<Member>(8);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: leader = input.ReadInt64(); break;
                case 2: version = input.ReadInt64(); break;
                case 3: members.Add(ReadMember(input)); break;
                default: input.SkipLastField(); break;
            }
        }

        return new Gossip(leader, version, members);
    }

    [Benchmark]
    public object MessagePackDecode()
    {
        var reader = new MessagePackReader(_messagePack);
        return _type.ReadBoxed(ref reader, null!);
    }

    private static Member ReadMember(CodedInputStream input)
    {
        var end = input.ReadLength();
        var limit = (int)input.Position + end;
        string address = "";
        long uid = 0;
        var status = 0;
        var roles = new List<string>(1);
        var reachable = true;
        while (input.Position < limit)
        {
            var tag = input.ReadTag();
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: address = input.ReadString(); break;
                case 2: uid = input.ReadInt64(); break;
                case 3: status = input.ReadInt32(); break;
                case 4: roles.Add(input.ReadString()); break;
                case 5: reachable = input.ReadBool(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new Member(Address.Parse(address), uid, (MemberStatus)status, roles, reachable);
    }
}
