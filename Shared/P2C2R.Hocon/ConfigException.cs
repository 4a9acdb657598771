namespace P2C2R.Hocon;

/// <summary>
/// Raised when a configuration value is missing or has the wrong shape, so a misconfigured node
/// fails at start-up with the offending path instead of misbehaving later.
/// </summary>
public class ConfigException(string message) : Exception(message);

/// <summary>
/// A HOCON syntax or resolution error. It names the file, line and column because configuration
/// is edited by hand and the first thing a person needs is where to look.
/// </summary>
public sealed class HoconParseException(string reason, string file, int line, int column)
    : ConfigException($"{file}:{line}:{column}: {reason}")
{
    public string Reason { get; } = reason;
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
}
