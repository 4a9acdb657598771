using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P2C2R.Hosting;
using P2C2R.Membership;
using P2C2R.PeerNode.Panel;
using P2C2R.PeerNode.Sandboxing;
using P2C2R.PeerNode.SelfTest;
using P2C2R.PeerNode.Startup;
using P2C2R.PeerNode.WebLogin;

var command = NodeCommand.Create(
    "peer",
    "P2C2R PeerNode: a helper that lends its idle CPU to game sessions.",
    typeof(Program).Assembly,
    node =>
    {
        node.Services.AddHostedService<HelperPanel>();
        if (HelperPanel.Enabled)
        {
            // The panel shows what the periodic log lines would; keep the terminal for it and for warnings.
            node.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        // Read here, so a mistake is reported as a configuration error before anything starts.
        var settings = PeerSettings.From(node.Config);
        var sandbox = SandboxSettings.From(node.Config);
        node.WithAkka((akka, services) => akka.WithHelper(settings, sandbox, services.GetRequiredService<ILoggerFactory>()));
    },
    ConfigOption.Create("--coordinator", "host:port of the coordinator's edge; several separated by commas are tried in order", "p2c2r.peer.coordinator"),
    ConfigOption.Create("--name", "This helper's name, shown to the coordinator (distinct per helper on one machine)", "p2c2r.peer.name"),
    ConfigOption.Create("--public-name", "on: coordinators may show this helper's name on their public community page (default off: anonymous)", "p2c2r.peer.public-name"),
    ConfigOption.Create("--identity", "File of this helper's key, created on first run; the key is the account", "p2c2r.peer.identity"),
    ConfigOption.Create("--local-address", "Local IP address to connect from (helpers at 127.0.0.2, .3... count as distinct hosts)", "p2c2r.peer.local-address"),
    ConfigOption.Create("--admission-token", "Token the coordinator requires to admit helpers, if any", "p2c2r.peer.admission-token"),
    ConfigOption.Create("--concurrency", "Tasks run at once, one sandboxed worker each (0: one per core)", "p2c2r.peer.concurrency"),
    ConfigOption.Create("--blob-cache", "Bytes of task inputs kept by digest, for example 256MiB", "p2c2r.peer.blob-cache-bytes"),
    ConfigOption.Create("--join-cluster", "Comma-separated akka.tcp://coordinator@host:port: join the coordinators' cluster as a member helper instead of dialing the edge (a private network of the operator's only)", "p2c2r.peer.cluster.seed-nodes")
        .Implying(NodeConfiguration.NodeNamePath, ClusterNames.SystemName),
    ConfigOption.Create("--cluster-hostname", "Address Akka.Remote binds for the coordinators, with --join-cluster (a private network)", "p2c2r.peer.cluster.hostname"),
    ConfigOption.Create("--cluster-port", "Akka.Remote port, with --join-cluster (0: any free port)", "p2c2r.peer.cluster.port"));
command.Subcommands.Add(SelfTestCommand.Create(typeof(Program).Assembly));
command.Subcommands.Add(WebLoginCommand.Create(typeof(Program).Assembly));
return await NodeCommand.InvokeAsync(command, args);
