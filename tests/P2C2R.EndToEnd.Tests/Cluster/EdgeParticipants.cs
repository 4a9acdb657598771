using System.Net;
using System.Security.Cryptography;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol.Contracts;

namespace P2C2R.EndToEnd.Tests.Cluster;

/// <summary>
/// Helpers and gamers of one coordinator's edge, each an actor system of its own in this process
/// talking over loopback TCP exactly as separate machines would: every helper and gamer has a key
/// of its own (an account of its own), every helper a loopback address of its own (127.0.0.2, .3,
/// …; a host of its own). Only the helpers' sandbox is replaced, by in-process runners, so a
/// hundred helpers fit in one test.
/// </summary>
public class EdgeParticipants(CoordinatorAddress endpoint) : IAsyncDisposable
{
    private static readonly Config GamerConfig = ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off, log-dead-letters-during-shutdown = off }");
    private readonly List<SimulatedHelper> _helpers = [];
    private readonly List<ActorSystem> _gamers = [];
    private int _lastAddress = 1;

    public CoordinatorAddress Endpoint { get; } = endpoint;

    public IReadOnlyList<SimulatedHelper> Helpers => _helpers;

    /// <summary>A helper on the next free loopback address, computing with <paramref name="runner"/> (honestly in process by default).</summary>
    public SimulatedHelper AddHelper(string name, ITaskRunner? runner = null, int concurrency = 2)
    {
        var helper = SimulatedHelper.Start(Endpoint, name, NextAddress(), runner ?? new InProcessRunner(), concurrency);
        _helpers.Add(helper);
        return helper;
    }

    /// <summary>
    /// A helper dialling from <paramref name="address"/> (a loopback address no other helper here
    /// uses), so a test can put helpers in one network, as colluders on one site would be.
    /// </summary>
    public SimulatedHelper AddHelperAt(string name, IPAddress address, ITaskRunner runner, int concurrency = 2)
    {
        var helper = SimulatedHelper.Start(Endpoint, name, address, runner, concurrency);
        _helpers.Add(helper);
        return helper;
    }

    /// <summary>The next loopback address no helper here has used: 127.0.0.2 first.</summary>
    public IPAddress NextAddress() =>
        ++_lastAddress < 255 ? new IPAddress([127, 0, 0, (byte)_lastAddress]) : throw new InvalidOperationException("no loopback address left for another helper");

    /// <summary>
    /// A gamer with a key of its own, in an actor system of its own, that starts a session; returns
    /// its <see cref="FrameCollector"/> once the session has started (20 s at most).
    /// </summary>
    public async Task<IActorRef> StartSessionAsync(int ticksPerSecond)
    {
        var gamer = StartGamer(ticksPerSecond);
        await SessionIdAsync(gamer, TimeSpan.FromSeconds(20));
        return gamer;
    }

    /// <summary>A gamer that starts a session as soon as it is connected.</summary>
    private IActorRef StartGamer(int ticksPerSecond)
    {
        var system = ActorSystem.Create($"gamer-{_gamers.Count + 1}", GamerConfig);
        _gamers.Add(system);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        system.RegisterOnTermination(key.Dispose);
        var settings = new EdgeClientSettings([Endpoint], EdgeRole.Gamer, "gamer", key) { BackoffMax = TimeSpan.FromSeconds(1) };
        return system.ActorOf(FrameCollector.Props(settings, ticksPerSecond), "collector");
    }

    public static async Task<CollectorReport> ReportAsync(IActorRef collector) =>
        await collector.Ask<CollectorReport>(CollectorQuery.Instance, TimeSpan.FromSeconds(5));

    /// <summary>The gamer's report once <paramref name="condition"/> holds for it.</summary>
    public static async Task<CollectorReport> WaitForAsync(IActorRef collector, Func<CollectorReport, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var report = await ReportAsync(collector);
        while (!condition(report))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s; the gamer has {report.Frames.Length} frames of session {report.SessionId}, {report.Starts} starts");
            }

            await Task.Delay(50);
            report = await ReportAsync(collector);
        }

        return report;
    }

    /// <summary>The gamer's session id, once its session has started.</summary>
    public static async Task<string> SessionIdAsync(IActorRef collector, TimeSpan timeout) =>
        (await WaitForAsync(collector, r => r.SessionId is not null, timeout, "the session's start")).SessionId!;

    /// <summary>Ends the gamer's session (once started) and waits (15 s at most) for its final counters.</summary>
    public static async Task<CollectorReport> EndSessionAsync(IActorRef collector)
    {
        await SessionIdAsync(collector, TimeSpan.FromSeconds(15));
        collector.Tell(EndCollectedSession.Instance);
        return await WaitForAsync(collector, r => r.Final is not null, TimeSpan.FromSeconds(15), "the session's end after session.end");
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_gamers.Select(g => g.Terminate()).Concat(_helpers.Select(h => h.System.Terminate())));
        GC.SuppressFinalize(this);
    }
}
