using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Akka.Configuration;
using P2C2R.GamerClient.Connection;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// How a gamer command answers: a line for people or one JSON value with --json on stdout, and
/// for what went wrong a message on stderr and an exit code, never a stack trace: 1 no
/// coordinator, no answer, an unusable answer or a file that cannot be written; 2 bad
/// configuration or identity key; 3 no such session (with --json also reported on stdout, so a
/// script reads every outcome the same way).
/// </summary>
public static class CommandOutput
{
    public static void Print(bool json, object value, string text) =>
        Console.WriteLine(json ? JsonSerializer.Serialize(value) : text);

    public static async Task<int> Guarded(ParseResult parse, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ConfigurationException error)
        {
            await Console.Error.WriteLineAsync("gamer: configuration error: " + error.Message);
            return 2;
        }
        catch (CryptographicException error)
        {
            await Console.Error.WriteLineAsync("gamer: the identity key cannot be used: " + error.Message);
            return 2;
        }
        catch (SessionNotFoundException error)
        {
            if (parse.GetValue(GamerOptions.Json))
            {
                Print(true, new { sessionId = error.SessionId, error = "not found" }, "");
            }

            await Console.Error.WriteLineAsync("gamer: " + error.Message);
            return 3;
        }
        catch (Exception error) when (error is CoordinatorUnavailableException or TimeoutException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("gamer: " + error.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("gamer: cancelled");
            return 130;
        }
    }
}
