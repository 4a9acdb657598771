using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Hosting;

// A plain host until the edge joins it: the coordinator's actors on their journal. Settings are
// the environment's over `--config FILE` (else hocon/coordinator.conf when present) over the
// built-in defaults.
var file = args.Length == 2 && args[0] == "--config" ? args[1] : Path.Combine("hocon", "coordinator.conf");
var config = CoordinatorConfig.Environment(Environment.GetEnvironmentVariable)
    .WithFallback(File.Exists(file) ? ConfigurationFactory.ParseString(File.ReadAllText(file)) : Config.Empty)
    .WithFallback(CoordinatorConfig.Defaults);
var builder = Host.CreateApplicationBuilder();
builder.Services.AddAkka("p2c2r", akka => akka.WithCoordinator(config));
await builder.Build().RunAsync();
