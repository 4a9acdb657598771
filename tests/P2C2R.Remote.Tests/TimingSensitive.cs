namespace P2C2R.Remote.Tests;

/// <summary>
/// Tests that measure detection times or latencies run alone, not beside other test classes
/// competing for the same two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
