namespace P2C2R.Tasks;

/// <summary>
/// Thrown when a task's input is malformed or out of range. The message names the field and the
/// limit, because it is what a helper reports back and what a developer of another helper reads.
/// </summary>
public sealed class TaskInputException(string message) : Exception(message)
{
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
}
