using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Hosting;
using P2C2R.PeerNode.Sandboxing;
using P2C2R.PeerNode.SelfTest;
using P2C2R.Protocol;
using P2C2R.Tasks;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// Brings a helper up: runs the self-test in the sandbox (a helper that computes anything wrong
/// never offers itself), starts the sandbox pool, and spawns <see cref="HelperActor"/> with the
/// capabilities it measured. On Ctrl+C the helper drains first (queued tasks handed back, running
/// ones finished, up to <c>p2c2r.peer.drain-timeout</c>), then leaves, then the workers are killed.
/// </summary>
public sealed class HelperService(ActorSystemService node, Config config, ILogger<HelperService> logger) : IHostedService
{
    private Sandbox.Sandbox? _sandbox;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = SandboxSettings.From(config);
        var frameMs = 0.0;
        if (config.GetBoolean("p2c2r.peer.selftest-on-start", true))
        {
            var report = await SelfTestRunner.RunAsync(options, cancellationToken);
            if (!report.Ok)
            {
                logger.LogCritical("Self-test failed; this helper will not take tasks:{NewLine}{Report}", Environment.NewLine, report.ToText());
                throw new InvalidOperationException("self-test failed");
            }

            frameMs = report.FrameMs;
            logger.LogInformation("Self-test passed: all executors match their golden hashes, whole frame {FrameMs:0.00} ms", frameMs);
        }

        _sandbox = await Sandbox.Sandbox.StartAsync(options, logger, cancellationToken);
        var peer = config.GetConfig("p2c2r.peer");
        var capabilities = new HelperCapabilities(
            node.System.Name,
            peer.GetString("account", Environment.UserName),
            Environment.ProcessorCount,
            options.HeapLimitBytes * options.Workers,
            [.. TaskExecutors.All.Select(e => e.Type.Id)],
            frameMs,
            options.Workers,
            peer.GetBoolean("donate"));
        var registry = $"p2c2r.tcp://{peer.GetString("coordinator-system")}@{peer.GetString("coordinator")}/user/coordinator/registry";
        var helper = node.System.ActorOf(Props.Create(() => new HelperActor(registry, capabilities, new SandboxRunner(_sandbox))), "helper");
        var drainTimeout = peer.GetDuration("drain-timeout");
        node.System.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-helper", async _ =>
        {
            try
            {
                var drained = await helper.Ask<Drained>(new Drain(), drainTimeout);
                logger.LogInformation("Drained after {Done} tasks; leaving the cluster", drained.TasksDone);
            }
            catch (AskTimeoutException)
            {
                logger.LogWarning("Tasks still running after {Timeout}; stopping anyway (the coordinator re-dispatches them)", drainTimeout);
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
