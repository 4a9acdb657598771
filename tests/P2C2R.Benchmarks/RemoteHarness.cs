using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Remote;
using P2C2R.Remote.TestNode;

namespace P2C2R.Benchmarks;

/// <summary>
/// End-to-end remoting figures between two actor systems over loopback, each beside a raw-socket
/// baseline measured in the same run: one-way throughput of small messages (length-prefixed
/// frames blasted by a socket) and ping-pong latency (a socket echoing one frame at a time).
/// Run: <c>dotnet run -c Release --project tests/P2C2R.Benchmarks -- remote</c>.
/// </summary>
public static class RemoteHarness
{
    private const int OneWayMessages = 3_000_000;
    private const int PerSendMessages = 300_000;
    private const int Window = 100_000;
    private const int Rounds = 20_000;
    private const int FrameSize = 5 + 10;

    public static async Task RunAsync()
    {
        Console.WriteLine($"Remoting harness: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var rawThroughput = RawBlast(OneWayMessages, framesPerSend: 4096);
        var rawPerSend = RawBlast(PerSendMessages, framesPerSend: 1);
        var (remoteThroughput, allocated) = await RemoteOneWayAsync(OneWayMessages);
        var rawLatency = RawPingPong(Rounds);
        var remoteLatency = await RemotePingPongAsync(Rounds);

        Console.WriteLine();
        Console.WriteLine("| Measure | Remoting | Raw socket baseline | Ratio |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| One-way throughput, small messages | {remoteThroughput:N0} msgs/s ({allocated:0.0} B/msg allocated) | {rawThroughput:N0} msgs/s (pre-built frames, 64 KB per send) | {remoteThroughput / rawThroughput:0.00}× |");
        Console.WriteLine($"| One-way throughput, small messages | {remoteThroughput:N0} msgs/s | {rawPerSend:N0} msgs/s (one frame per send) | {remoteThroughput / rawPerSend:0.00}× |");
        Console.WriteLine($"| Ping-pong round trip p50 | {remoteLatency.P50:0.0} µs | {rawLatency.P50:0.0} µs | {remoteLatency.P50 / rawLatency.P50:0.00}× |");
        Console.WriteLine($"| Ping-pong round trip p99 | {remoteLatency.P99:0.0} µs | {rawLatency.P99:0.0} µs | {remoteLatency.P99 / rawLatency.P99:0.00}× |");
    }

    private static (Socket Client, Socket Server) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        server.NoDelay = true;
        return (client, server);
    }

    /// <summary>
    /// The baseline: length-prefixed frames, <paramref name="framesPerSend"/> per send call, parsed
    /// one by one on the other side. 4096 per send is the memory-bandwidth ceiling; one per send
    /// is what a transport without write batching gets.
    /// </summary>
    private static double RawBlast(int messages, int framesPerSend)
    {
        var (client, server) = ConnectedPair();
        using var _ = client;
        using var __ = server;
        var batch = new byte[FrameSize * framesPerSend];
        for (var offset = 0; offset < batch.Length; offset += FrameSize)
        {
            BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(offset), FrameSize - 4);
            batch[offset + 4] = 4;
        }

        var clock = Stopwatch.StartNew();
        var reader = Task.Run(() =>
        {
            var buffer = new byte[256 * 1024];
            long received = 0;
            var carry = 0;
            while (received < messages)
            {
                var read = server.Receive(buffer, carry, buffer.Length - carry, SocketFlags.None);
                var available = carry + read;
                var position = 0;
                while (available - position >= 4)
                {
                    var length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(position));
                    if (available - position < length + 4)
                    {
                        break;
                    }

                    position += length + 4;
                    received++;
                }

                carry = available - position;
                buffer.AsSpan(position, carry).CopyTo(buffer);
            }
        });
        for (var sent = 0; sent < messages; sent += framesPerSend)
        {
            client.Send(batch);
        }

        reader.Wait();
        return messages / clock.Elapsed.TotalSeconds;
    }

    private static (double P50, double P99) RawPingPong(int rounds)
    {
        var (client, server) = ConnectedPair();
        using var _ = client;
        using var __ = server;
        var echo = Task.Run(() =>
        {
            var buffer = new byte[FrameSize];
            for (var i = 0; i < rounds; i++)
            {
                var got = 0;
                while (got < FrameSize)
                {
                    got += server.Receive(buffer, got, FrameSize - got, SocketFlags.None);
                }

                server.Send(buffer);
            }
        });
        var frame = new byte[FrameSize];
        var samples = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            client.Send(frame);
            var got = 0;
            while (got < FrameSize)
            {
                got += client.Receive(frame, got, FrameSize - got, SocketFlags.None);
            }

            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        echo.Wait();
        return Percentiles(samples);
    }

    private static async Task<(double Throughput, double AllocatedPerMessage)> RemoteOneWayAsync(int messages)
    {
        await using var pair = await SystemPair.StartAsync();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var warmup = 200_000;
        var received = new StrongBox<long>();
        var counter = pair.B.ActorOf(Props.Create(() => new Counter(warmup + messages, received, done)), "counter");
        var target = pair.RemoteA.ResolveRef(pair.RemoteB.WireForm(counter));
        var ping = new Ping(1);
        SendWindowed(target, ping, 0, warmup, received);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        SendWindowed(target, ping, warmup, messages, received);

        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)messages;
        return (messages / seconds, allocated);
    }

    /// <summary>
    /// Sends with at most <see cref="Window"/> messages unacknowledged, as a flow-controlled
    /// producer would, so the figure measures the pipeline rather than an ever-growing backlog.
    /// </summary>
    private static void SendWindowed(IActorRef target, Ping ping, long alreadySent, int count, StrongBox<long> received)
    {
        for (var i = 0; i < count; i++)
        {
            var deadline = Stopwatch.StartNew();
            while (alreadySent + i - Volatile.Read(ref received.Value) >= Window)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"no progress for 30 s with {Window} messages in flight");
                }

                Thread.Yield();
            }

            target.Tell(ping, null);
        }
    }

    private static async Task<(double P50, double P99)> RemotePingPongAsync(int rounds)
    {
        await using var pair = await SystemPair.StartAsync();
        var echo = pair.B.ActorOf(Props.Create<EchoActor>(), "echo");
        var target = pair.RemoteA.ResolveRef(pair.RemoteB.WireForm(echo));
        var done = new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.A.ActorOf(Props.Create(() => new PingPonger(target, 2_000, rounds, done)), "pinger");
        return Percentiles(await done.Task.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    private static (double P50, double P99) Percentiles(double[] samples)
    {
        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    private sealed class Counter : ReceiveActor
    {
        public Counter(int expected, StrongBox<long> received, TaskCompletionSource done)
        {
            var count = 0;
            Receive<Ping>(_ =>
            {
                Volatile.Write(ref received.Value, ++count);
                if (count == expected)
                {
                    done.TrySetResult();
                }
            });
        }
    }

    private sealed class PingPonger : ReceiveActor
    {
        public PingPonger(IActorRef target, int warmup, int rounds, TaskCompletionSource<double[]> done)
        {
            var samples = new double[rounds];
            var round = -warmup;
            long start = 0;
            var ping = new Ping(0);
            Receive<Pong>(_ =>
            {
                if (round >= 0)
                {
                    samples[round] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                if (++round == rounds)
                {
                    done.TrySetResult(samples);
                    return;
                }

                start = Stopwatch.GetTimestamp();
                target.Tell(ping, Self);
            });
            ReceiveAny(_ =>
            {
                start = Stopwatch.GetTimestamp();
                target.Tell(ping, Self);
            });
            Self.Tell("start", Self);
        }
    }

    /// <summary>Two actor systems with remoting on loopback, in this process.</summary>
    private sealed class SystemPair : IAsyncDisposable
    {
        public ActorSystem A { get; private init; } = null!;
        public ActorSystem B { get; private init; } = null!;
        public RemoteTransport RemoteA { get; private init; } = null!;
        public RemoteTransport RemoteB { get; private init; } = null!;

        public static Task<SystemPair> StartAsync()
        {
            var config = Config.Parse("p2c2r.remote { hostname = \"127.0.0.1\", outbound-queue-capacity = 4000000 }").WithFallback(RemoteSettings.Defaults);
            var a = ActorSystem.Create("bench-a", config, NullLoggerFactory.Instance);
            var b = ActorSystem.Create("bench-b", config, NullLoggerFactory.Instance);
            return Task.FromResult(new SystemPair
            {
                A = a,
                B = b,
                RemoteA = RemoteTransport.Start(a, TestMessages.Registry),
                RemoteB = RemoteTransport.Start(b, TestMessages.Registry),
            });
        }

        public async ValueTask DisposeAsync()
        {
            await A.Terminate();
            await B.Terminate();
        }
    }

}
