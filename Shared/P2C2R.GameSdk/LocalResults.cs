using P2C2R.Tasks;

namespace P2C2R.GameSdk;

/// <summary>Computes every task here with the built-in executors: recovery, replay and reference frames.</summary>
public sealed class LocalResults : ITaskResults
{
    public static LocalResults Instance { get; } = new();

    public byte[] Resolve(GameTask task) => Run(task.Type, task.Input);

    /// <summary>One task's output computed here, by its type id.</summary>
    public static byte[] Run(string type, byte[] input)
    {
        if (!TaskExecutors.TryGet(type, out var executor))
        {
            throw new InvalidOperationException($"no executor for task type {type}");
        }

        return executor.Execute(input);
    }
}
