using System.Collections.Frozen;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace P2C2R.Coordinator.Web.Play;

/// <summary>
/// The files of the /play page, embedded in the coordinator so it serves them with no build step
/// and nothing fetched from elsewhere: the page, its style and its ES modules (MessagePack, the
/// edge framing, the frame decoder, SHA-256, the identity, the keys). Only these names are served;
/// the page names the edge's WebSocket path it was mapped with.
/// </summary>
internal sealed class PlayAssets
{
    public const string Page = "play.html";

    private const string ResourcePrefix = "P2C2R.Coordinator.Web.Play.";

    /// <summary>The page may load only its own files and open only its own host's WebSocket.</summary>
    private const string PagePolicy = "default-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly string[] Files = [Page, "play.css", "play.js", "edge.js", "msgpack.js", "frames.js", "identity.js", "keys.js", "sha256.js"];

    private readonly FrozenDictionary<string, (byte[] Content, string Type)> files;

    private PlayAssets(FrozenDictionary<string, (byte[] Content, string Type)> files) => this.files = files;

    /// <param name="edgePath">The path of the edge's WebSocket on this host, written into the page.</param>
    public static PlayAssets Load(string edgePath)
    {
        var assembly = typeof(PlayAssets).Assembly;
        var loaded = new Dictionary<string, (byte[] Content, string Type)>(StringComparer.Ordinal);
        foreach (var name in Files)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException($"the coordinator was built without its /play file {name}");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd();
            if (name == Page)
            {
                text = text.Replace("{{edge}}", HtmlEncoder.Default.Encode(edgePath), StringComparison.Ordinal);
            }

            loaded[name] = (Encoding.UTF8.GetBytes(text), TypeOf(name));
        }

        return new PlayAssets(loaded.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public Task ServeAsync(HttpContext context, string name)
    {
        if (!files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var headers = context.Response.Headers;
        headers.ContentType = file.Type;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (name == Page)
        {
            headers.ContentSecurityPolicy = PagePolicy;
        }

        context.Response.ContentLength = file.Content.Length;
        return context.Response.Body.WriteAsync(file.Content, context.RequestAborted).AsTask();
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
}
