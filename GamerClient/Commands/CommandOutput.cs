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
    /// <summary>Where the command prints: the invocation's writers (the console's, unless a test gave its own).</summary>
    public static TextWriter Output(ParseResult parse) => parse.InvocationConfiguration.Output;

    public static TextWriter Error(ParseResult parse) => parse.InvocationConfiguration.Error;

    public static void Print(TextWriter output, bool json, object value, string text) =>
        output.WriteLine(json ? JsonSerializer.Serialize(value) : text);

    public static async Task<int> Guarded(ParseResult parse, Func<Task<int>> action)
    {
        var error = Error(parse);
        try
        {
            return await action();
        }
        catch (ConfigurationException problem)
        {
            await error.WriteLineAsync("gamer: configuration error: " + problem.Message);
            return 2;
        }
        catch (CryptographicException problem)
        {
            await error.WriteLineAsync("gamer: the identity key cannot be used: " + problem.Message);
            return 2;
        }
        catch (SessionNotFoundException problem)
        {
            if (parse.GetValue(GamerOptions.Json))
            {
                Print(Output(parse), true, new { sessionId = problem.SessionId, error = "not found" }, "");
            }

            await error.WriteLineAsync("gamer: " + problem.Message);
            return 3;
        }
        catch (Exception problem) when (problem is CoordinatorUnavailableException or TimeoutException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("gamer: " + problem.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("gamer: cancelled");
            return 130;
        }
    }
}
