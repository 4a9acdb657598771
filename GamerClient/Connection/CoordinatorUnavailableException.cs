namespace P2C2R.GamerClient.Connection;

/// <summary>
/// No coordinator could be reached, one refused this client, or the connection was lost before a
/// request was answered: the command stops with this message instead of waiting forever.
/// </summary>
public sealed class CoordinatorUnavailableException(string message) : Exception(message);
