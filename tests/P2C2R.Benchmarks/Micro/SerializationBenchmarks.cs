using Akka.Actor;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MessagePack;
using MessagePack.Resolvers;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Serialization;
using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Micro;

/// <summary>
/// Our Akka serializer (<see cref="P2C2RSerializer"/>) as Akka uses it for a journal row or a
/// remote message (find the serializer for the object, its manifest, the bytes; back: by
/// serializer id and manifest) against MessagePack called directly with the same options on the
/// same object. The difference is what the Akka serializer adds: the lookup, the manifest table,
/// the checks. Two messages: the event a session journals every tick, and a task assignment with
/// a 1 KiB input, the most frequent edge contract.
/// </summary>
[Config(typeof(SerializationConfig))]
public class SerializationBenchmarks
{
    private static readonly MessagePackSerializerOptions Raw = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    private ActorSystem system = null!;
    private Akka.Serialization.Serialization serialization = null!;
    private object message = null!;
    private Type type = null!;
    private byte[] bytes = null!;
    private string manifest = "";
    private int serializerId;

    [Params("session.tick-played", "task.assign (1 KiB)")]
    public string Message { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        system = ActorSystem.Create("serialization-bench", CoordinatorConfig.Serialization);
        serialization = system.Serialization;
        message = Message.StartsWith("session", StringComparison.Ordinal)
            ? new KeysFrom(123_456, 1 | 8, 123_400, 123_471)
            : new AssignTask(987_654, "render.raytrace", new byte[1024], 33);
        type = message.GetType();
        var serializer = serialization.FindSerializerFor(message);
        if (serializer is not P2C2RSerializer ours)
        {
            throw new InvalidOperationException($"{type} is bound to {serializer.GetType()}, not to the P2C2R serializer");
        }

        serializerId = ours.Identifier;
        manifest = ours.Manifest(message);
        bytes = ours.ToBinary(message);
        if (!bytes.AsSpan().SequenceEqual(MessagePackSerializer.Serialize(type, message, Raw)))
        {
            throw new InvalidOperationException("the serializer and raw MessagePack wrote different bytes");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("encode")]
    public byte[] MessagePackEncode() => MessagePackSerializer.Serialize(type, message, Raw);

    [Benchmark]
    [BenchmarkCategory("encode")]
    public byte[] SerializerEncode()
    {
        var serializer = (SerializerWithStringManifest)serialization.FindSerializerFor(message);
        _ = serializer.Manifest(message);
        return serializer.ToBinary(message);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("decode")]
    public object? MessagePackDecode() => MessagePackSerializer.Deserialize(type, bytes, Raw);

    [Benchmark]
    [BenchmarkCategory("decode")]
    public object SerializerDecode() => serialization.Deserialize(bytes, serializerId, manifest);

    /// <summary>The micro job, with encode and decode each compared with its own baseline.</summary>
    private sealed class SerializationConfig : ManualConfig
    {
        public SerializationConfig()
        {
            Add(new MicroConfig());
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
        }
    }
}
