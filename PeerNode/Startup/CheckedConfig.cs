using Akka.Configuration;

namespace P2C2R.PeerNode.Startup;

/// <summary>
/// Reads of numbers, sizes and durations that fail as a <see cref="ConfigurationException"/>
/// naming the setting and its value: Akka's own getters throw a bare <see cref="FormatException"/>,
/// which would reach an operator as a stack trace.
/// </summary>
internal static class CheckedConfig
{
    public static long Bytes(Config config, string path) =>
        Read(config, path, () => config.GetByteSize(path)) ?? throw Invalid(config, path, "a size in bytes (for example 256MiB)");

    public static int Int(Config config, string path, int fallback) => Read(config, path, () => config.GetInt(path, fallback));

    public static TimeSpan Duration(Config config, string path, TimeSpan? fallback = null) =>
        Read(config, path, () => config.GetTimeSpan(path, fallback, allowInfinite: false));

    private static T Read<T>(Config config, string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception error) when (error is FormatException or OverflowException or InvalidCastException)
        {
            throw Invalid(config, path, error.Message);
        }
    }

    private static ConfigurationException Invalid(Config config, string path, string expected) =>
        new($"{path} = \"{config.GetValue(path)}\": {expected}");
}
