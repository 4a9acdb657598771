namespace P2C2R.GamerClient.Play;

/// <summary>To the play actor: the game keys held from now on (a bit set, docs/PROTOCOL.md §4).</summary>
public sealed record HoldKeys(int Keys);

/// <summary>To the play actor: end the session now (the command's time is up, or the player quit).</summary>
public sealed record EndPlay
{
    public static EndPlay Instance { get; } = new();
}

/// <summary>Ask the play actor for its report as JSON, measured over <see cref="Seconds"/> of play.</summary>
public sealed record FinishPlay(double Seconds);
