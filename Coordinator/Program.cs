using Microsoft.Extensions.DependencyInjection;
using P2C2R.Coordinator.Hosting;
using P2C2R.Hosting;
using P2C2R.Protocol;
using P2C2R.Remote.Serialization;

return await NodeCommand.Create("coordinator", "P2C2R Coordinator: the authority that hosts game sessions.", typeof(Program).Assembly,
        (builder, _) =>
        {
            builder.Services.AddSingleton<IMessageCatalog, ProtocolMessages>();
            builder.Services.AddHostedService<CoordinatorService>();
        },
        ConfigOption.Create("--port", "TCP port helpers and gamers connect to (default 8765)", "p2c2r.coordinator.port"),
        ConfigOption.Create("--data-dir", "Folder of the embedded journal, journal.db (default ./data)", "p2c2r.persistence.data-dir"))
    .Parse(args)
    .InvokeAsync();
