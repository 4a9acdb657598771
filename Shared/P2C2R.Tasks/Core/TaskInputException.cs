using System.Runtime.CompilerServices;

namespace P2C2R.Tasks;

/// <summary>
/// Thrown when a task's input is malformed or out of range. The message names the field and the
/// limit, because it is what a helper reports back and what a developer of another helper reads.
/// </summary>
public sealed class TaskInputException(string message) : Exception(message)
{
    /// <summary>
    /// Throws with <paramref name="message"/> when <paramref name="condition"/> is false. The
    /// message is an interpolated string formatted only on failure, so checks inside per-element
    /// loops cost a comparison, not a string.
    /// </summary>
    public static void Require(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessage message)
    {
        if (!condition)
        {
            throw new TaskInputException(message.ToStringAndClear());
        }
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TaskInputException(message);
        }
    }

    public static int InRange(int value, int min, int max, string field)
    {
        Require(value >= min && value <= max, $"{field} is {value}; it must be in [{min}, {max}]");
        return value;
    }

    /// <summary>An interpolated string that is only built when its check fails.</summary>
    [InterpolatedStringHandler]
    public ref struct FailureMessage
    {
        private DefaultInterpolatedStringHandler _builder;

        public FailureMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
        {
            shouldAppend = !condition;
            _builder = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _builder.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _builder.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _builder.AppendFormatted(value, format);

        public string ToStringAndClear() => _builder.ToStringAndClear();
    }
}
