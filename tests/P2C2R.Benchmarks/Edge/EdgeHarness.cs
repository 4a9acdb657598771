using System.Security.Cryptography;
using Akka.Actor;
using Akka.Configuration;
using P2C2R.Benchmarks.Processes;
using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Edge;

/// <summary>
/// <c>-- edge</c>: small messages over the edge against a raw socket echo with the same framing,
/// both servers in processes of their own on loopback (<see cref="EdgeEchoServer"/>,
/// <see cref="RawEchoServer"/>), measured one after the other in the same run. The edge client is
/// an <see cref="EdgeClientActor"/> under <see cref="EdgeEchoDriver"/>; the raw client a socket
/// (<see cref="RawEchoClient"/>). Server-side allocations and CPU are each server process's own,
/// divided by the messages it received.
/// </summary>
public static class EdgeHarness
{
    private const int RoundTrips = 20_000;
    private const int WarmUpRoundTrips = 3_000;
    private static readonly TimeSpan OneWay = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan WarmUpOneWay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(60);

    public static async Task RunAsync()
    {
        var steal = StealMeter.Start();
        await using var rawServer = await ChildProcess.StartAsync("raw-echo");
        await using var edgeServer = await ChildProcess.StartAsync("edge");
        await using var raw = await RawEchoClient.ConnectAsync(rawServer.Port);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var system = ActorSystem.Create("edge-client", ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off }"));
        try
        {
            var settings = new EdgeClientSettings([new CoordinatorAddress("127.0.0.1", edgeServer.Port)], EdgeRole.Helper, "bench", key);
            var driver = system.ActorOf(Props.Create(() => new EdgeEchoDriver(settings)), "driver");
            await driver.Ask<EchoConnected>(new AwaitEchoConnected(), TimeSpan.FromSeconds(15));

            await raw.RoundTripsAsync(WarmUpRoundTrips);
            await driver.Ask<double[]>(new RunRoundTrips(WarmUpRoundTrips), Ask);
            await raw.OneWayAsync(WarmUpOneWay);
            await driver.Ask<OneWayResult>(new RunOneWay(WarmUpOneWay), Ask);

            var rawTrips = await Measure(rawServer, RoundTrips, () => raw.RoundTripsAsync(RoundTrips));
            var edgeTrips = await Measure(edgeServer, RoundTrips, () => driver.Ask<double[]>(new RunRoundTrips(RoundTrips), Ask));
            var rawFlow = await MeasureOneWay(rawServer, () => raw.OneWayAsync(OneWay));
            var edgeFlow = await MeasureOneWay(edgeServer, () => driver.Ask<OneWayResult>(new RunOneWay(OneWay), Ask));

            Console.WriteLine($"edge: {RoundTrips:N0} round trips, then one-way for {OneWay.TotalSeconds:0} s (acknowledged every {EchoProtocol.AckEvery:N0}, at most {EchoProtocol.AckEvery * EchoProtocol.WindowChunks:N0} in flight), after warm-up; {steal.Since()}");
            Console.WriteLine("| Measure | Edge (Kestrel, EdgeLink, actor; EdgeClientActor) | Raw socket echo, same framing (baseline) | Edge / raw |");
            Console.WriteLine("|---|---:|---:|---:|");
            Row("Round trip p50", Percentile(edgeTrips.Result, 0.50), Percentile(rawTrips.Result, 0.50), "µs");
            Row("Round trip p99", Percentile(edgeTrips.Result, 0.99), Percentile(rawTrips.Result, 0.99), "µs");
            Row("Round trip mean", edgeTrips.Result.Average(), rawTrips.Result.Average(), "µs");
            Row("Server allocation per round trip", edgeTrips.AllocatedPerMessage, rawTrips.AllocatedPerMessage, "B");
            Row("Server CPU per round trip", edgeTrips.CpuMicrosPerMessage, rawTrips.CpuMicrosPerMessage, "µs");
            Row("One-way throughput", edgeFlow.Result.PerSecond, rawFlow.Result.PerSecond, "msgs/s");
            Row("Server allocation per one-way message", edgeFlow.AllocatedPerMessage, rawFlow.AllocatedPerMessage, "B");
            Row("Server CPU per one-way message", edgeFlow.CpuMicrosPerMessage, rawFlow.CpuMicrosPerMessage, "µs");
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static Task<Measured<OneWayResult>> MeasureOneWay(ChildProcess server, Func<Task<OneWayResult>> run) =>
        Measure(server, run, result => result.Messages);

    private static Task<Measured<double[]>> Measure(ChildProcess server, int messages, Func<Task<double[]>> run) =>
        Measure(server, run, _ => messages);

    private static async Task<Measured<T>> Measure<T>(ChildProcess server, Func<Task<T>> run, Func<T, long> count)
    {
        var allocated = await server.AskNumberAsync("alloc");
        var cpu = server.Cpu;
        var result = await run();
        var cpuUsed = server.Cpu - cpu;
        allocated = await server.AskNumberAsync("alloc") - allocated;
        var n = count(result);
        return new Measured<T>(result, (double)allocated / n, cpuUsed.TotalMicroseconds / n);
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    private static void Row(string measure, double edge, double raw, string unit) =>
        Console.WriteLine($"| {measure} | {Figure(edge)} {unit} | {Figure(raw)} {unit} | {edge / raw:0.00} |");

    private static string Figure(double value) => value.ToString(value < 10 ? "N2" : value < 1000 ? "N1" : "N0", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Measured<T>(T Result, double AllocatedPerMessage, double CpuMicrosPerMessage);
}
