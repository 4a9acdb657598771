using System.Security.Cryptography;
using Akka;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;
using P2C2R.PeerNode.Helping;
using P2C2R.PeerNode.Membership;
using P2C2R.PeerNode.SelfTest;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;
using P2C2R.Tasks;

namespace P2C2R.PeerNode.Startup;

/// <summary>
/// Brings a helper up inside the actor system's start: loads (or makes) its key, runs the
/// self-test in the sandbox (a helper that computes anything wrong never offers itself), starts
/// the sandbox pool and spawns <see cref="HelperActor"/> with the capabilities it measured, talking
/// to the coordinators through the edge client, or, for a helper that joins their cluster
/// (<see cref="PeerSettings.Cluster"/>), through a <see cref="ClusterLink"/>. Its
/// way down is hung on coordinated shutdown, which the host runs on Ctrl+C or SIGTERM: first the
/// drain (running tasks finish up to <c>p2c2r.peer.drain-timeout</c>, then Goodbye), and only
/// after the actors are done the sandbox's worker processes are killed.
/// </summary>
public static class HelperStartup
{
    /// <param name="akka">The actor system's setup.</param>
    /// <param name="settings">The helper's settings, read (and checked) before the host is built.</param>
    /// <param name="sandboxOptions">The sandbox's limits, likewise.</param>
    /// <param name="loggers">Where startup and shutdown steps log.</param>
    public static AkkaConfigurationBuilder WithHelper(this AkkaConfigurationBuilder akka, PeerSettings settings, Sandbox.SandboxOptions sandboxOptions, ILoggerFactory loggers) =>
        (settings.Cluster is { } cluster ? akka.WithMemberHelperCluster(cluster) : akka).StartActors(async (system, registry) =>
        {
            var logger = loggers.CreateLogger(typeof(HelperStartup));
            var key = IdentityStore.LoadOrCreate(settings.IdentityPath);
            logger.LogInformation("Helper {Name} acts for account {Account} (key {Path})",
                settings.Name, EdgeIdentityProof.AccountOf(key.ExportSubjectPublicKeyInfo()), settings.IdentityPath);

            var frameMs = await SelfTestAsync(settings, sandboxOptions, logger);
            var sandbox = await Sandbox.Sandbox.StartAsync(sandboxOptions, logger);
            var shutdown = CoordinatedShutdown.Get(system);
            shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "stop-sandbox", async () =>
            {
                await sandbox.DisposeAsync();
                key.Dispose();
                return Done.Instance;
            });

            var capabilities = new HelperCapabilities(
                settings.Name,
                Environment.ProcessorCount,
                sandboxOptions.HeapLimitBytes * sandboxOptions.Workers,
                [.. TaskExecutors.All.Select(e => e.Type.Id)],
                frameMs,
                sandboxOptions.Workers,
                settings.Donate,
                settings.BlobCacheBytes,
                settings.PublicName);
            var options = new HelperOptions(capabilities)
            {
                QueueLimit = settings.QueueLimit,
                BlobCacheBytes = settings.BlobCacheBytes,
                MaxInputBytes = sandboxOptions.MaxInputBytes,
            };
            var helper = system.ActorOf(HelperActor.Props(options, new SandboxRunner(sandbox), ClientFor(settings, key)), "helper");
            registry.Register<HelperActor>(helper);
            _ = helper.WatchAsync().ContinueWith(
                _ => shutdown.Run(HelperStopped.Instance), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            logger.LogInformation("Offering {Workers} sandboxed workers to {Coordinators}", sandboxOptions.Workers, settings.Cluster is { } member
                ? $"the coordinators of the cluster at {string.Join(", ", member.SeedNodes)}, as a member"
                : string.Join(", ", settings.Coordinators));

            shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-helper", async () =>
            {
                try
                {
                    var drained = await helper.Ask<Drained>(new Drain(settings.DrainTimeout), settings.DrainTimeout + TimeSpan.FromSeconds(2));
                    logger.LogInformation("Drained after {Done} tasks ({HandedBack} handed back to the coordinator)", drained.TasksDone, drained.HandedBack);
                }
                catch (AskTimeoutException)
                {
                    logger.LogWarning("The helper did not drain within {Timeout}; stopping anyway (the coordinator re-dispatches its tasks)", settings.DrainTimeout);
                }

                return Done.Instance;
            });
        });

    /// <summary>
    /// The helper's way to the coordinators, given the helper as the handler of its events: the edge
    /// client dialing <see cref="PeerSettings.Coordinators"/>, or a <see cref="ClusterLink"/> when
    /// the helper is a member of their cluster. Either proves the account with <paramref name="key"/>.
    /// </summary>
    public static Func<IActorRef, Props> ClientFor(PeerSettings settings, ECDsa key)
    {
        if (settings.Cluster is not null)
        {
            var link = new ClusterLinkSettings(settings.Name, key);
            return handler => ClusterLink.Props(link, handler);
        }

        var client = new EdgeClientSettings(settings.Coordinators, EdgeRole.Helper, settings.Name, key)
        {
            AdmissionToken = settings.AdmissionToken,
            LocalAddress = settings.LocalAddress,
        };
        return handler => EdgeClientActor.Props(client, handler);
    }

    /// <summary>The self-test's whole-frame time, the score the helper offers; 0 when the self-test is off.</summary>
    private static async Task<double> SelfTestAsync(PeerSettings settings, Sandbox.SandboxOptions sandboxOptions, ILogger logger)
    {
        if (!settings.SelfTestOnStart)
        {
            return 0;
        }

        var report = await SelfTestRunner.RunAsync(sandboxOptions, CancellationToken.None);
        if (!report.Ok)
        {
            logger.LogCritical("Self-test failed; this helper will not take tasks:{NewLine}{Report}", Environment.NewLine, report.ToText());
            throw new InvalidOperationException("self-test failed: this helper computes something wrong and must not take tasks");
        }

        logger.LogInformation("Self-test passed: all executors match their golden hashes, whole frame {FrameMs:0.00} ms", report.FrameMs);
        return report.FrameMs;
    }

    /// <summary>Why a helper process shuts down on its own: its helper actor stopped (a running shutdown is not started twice).</summary>
    private sealed class HelperStopped : CoordinatedShutdown.Reason
    {
        public static readonly HelperStopped Instance = new();

        public override int ExitCode => 1;

        public override string ToString() => "the helper actor stopped";
    }
}
