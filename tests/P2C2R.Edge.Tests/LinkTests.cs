using System.IO.Pipelines;
using P2C2R.Edge.Framing;
using P2C2R.Edge.Tests.Support;
using P2C2R.Edge.Transport;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Tests;

/// <summary>One edge link over pipes the test holds, for interleavings a real socket shows only under load.</summary>
public sealed class LinkTests
{
    [Fact]
    public async Task A_goodbye_read_after_the_write_loop_completed_its_stream_still_ends_the_link()
    {
        var input = new Pipe();
        using var written = new MemoryStream();
        var output = new CancelAfterCompletePipeWriter(PipeWriter.Create(written, new StreamPipeWriterOptions(leaveOpen: true)));

        // As the client's handshake does (its Hello): a flush gives the stream's writer the token source a late cancel trips on.
        await output.FlushAsync();

        // A heartbeat that never comes: only the close itself may end the link.
        var link = new EdgeLink(new DuplexPipe(input.Reader, output), new EdgeLinkSettings(
            EdgeFrames.DefaultMaxFrameBytes, 16, TimeSpan.FromHours(1), 10, TimeSpan.FromSeconds(2), EdgeSenders.Coordinator, "coordinator"));
        var run = link.RunAsync(_ => { });

        EdgeFrames.Write(input.Writer, new Goodbye(EdgeCloseCode.ShuttingDown, "the coordinator is shutting down"));
        await input.Writer.FlushAsync();

        var closed = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(output.CancelledAfterComplete);
        Assert.Equal(new EdgeLinkClosed(EdgeCloseCode.ShuttingDown, "the coordinator is shutting down", ByRemote: true, Abandoned: false), closed);
        await input.Writer.CompleteAsync();
    }
}
