using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace P2C2R.Hosting;

/// <summary>
/// The one way a P2C2R process adds its actor system to a service collection: Akka.Hosting's
/// <c>AddAkka</c>, logging through Microsoft.Extensions.Logging, and the node's HOCON on top of
/// everything the <c>configure</c> callback added, so that what an operator wrote in a file, the
/// environment or on the command line wins over defaults chosen in code.
/// </summary>
public static class AkkaServiceCollectionExtensions
{
    /// <remarks>
    /// Loggers are configured here, once: a callback must not call <c>ConfigureLoggers</c> again, which
    /// would replace the logger list and prepend its own <c>akka.loglevel</c>.
    /// </remarks>
    public static IServiceCollection AddP2C2RAkka(
        this IServiceCollection services,
        string systemName,
        Config config,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configure = null) =>
        services.AddAkka(systemName, (akka, provider) =>
        {
            configure?.Invoke(akka, provider);
            akka.ConfigureLoggers(loggers => loggers.ClearLoggers().AddLoggerFactory());
            akka.AddHocon(config, HoconAddMode.Prepend);
        });
}
