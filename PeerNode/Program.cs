using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P2C2R.PeerNode.Panel;
using P2C2R.Hosting;
using P2C2R.PeerNode.Helping;
using P2C2R.PeerNode.SelfTest;
using P2C2R.Protocol;
using P2C2R.Remote.Serialization;

var command = NodeCommand.Create("peer", "P2C2R PeerNode: a helper that lends its idle CPU to game sessions.", typeof(Program).Assembly,
    (builder, _) =>
    {
        builder.Services.AddSingleton<IMessageCatalog, ProtocolMessages>();
        builder.Services.AddHostedService<HelperService>();
        builder.Services.AddHostedService<HelperPanel>();
        if (HelperPanel.Enabled)
        {
            // The panel shows what the periodic log lines would; keep the terminal for it and for warnings.
            builder.Logging.AddFilter("P2C2R", LogLevel.Warning);
        }
    },
    ConfigOption.Create("--coordinator", "host:port of the seed coordinator", "p2c2r.peer.coordinator"));
command.Subcommands.Add(SelfTestCommand.Create(typeof(Program).Assembly));
return await command.Parse(args).InvokeAsync();
