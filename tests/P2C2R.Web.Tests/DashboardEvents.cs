using System.Net.Http.Headers;
using System.Text.Json;

namespace P2C2R.Web.Tests;

/// <summary>The operator dashboard's event stream (<c>/events</c>) as a test reads it: one JSON snapshot per <c>data:</c> line.</summary>
internal static class DashboardEvents
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads <paramref name="node"/>'s event stream until an event satisfies <paramref name="wanted"/>; fails after 30 s.</summary>
    public static async Task<JsonElement> FirstAsync(WebNode node, string token, Func<JsonElement, bool> wanted)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var stream = new HttpClient { BaseAddress = node.Http.BaseAddress, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var response = await stream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var seen = "";
        try
        {
            while (await reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                seen = line;
                using var json = JsonDocument.Parse(line["data: ".Length..]);
                if (wanted(json.RootElement))
                {
                    return json.RootElement.Clone();
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no event as wanted in {Timeout.TotalSeconds} s; last event: {seen}");
        }

        throw new InvalidOperationException($"the event stream ended; last event: {seen}");
    }
}
