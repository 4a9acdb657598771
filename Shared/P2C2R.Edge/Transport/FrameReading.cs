using System.IO.Pipelines;
using P2C2R.Edge.Framing;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Transport;

/// <summary>One whole frame at a time, for the handshake, before a connection's read loop takes over the pipe.</summary>
internal static class FrameReading
{
    /// <summary>Largest frame accepted before the handshake completes: a Hello or Welcome is far smaller, and a stranger gets no more memory than this.</summary>
    public const int HandshakeMaxFrameBytes = 4096;

    /// <summary>The next message, or null when the peer closed first.</summary>
    public static async ValueTask<IEdgeMessage?> ReadOneAsync(PipeReader reader, int maxFrameBytes, CancellationToken cancellation)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellation).ConfigureAwait(false);
            var buffer = result.Buffer;
            IEdgeMessage? message = null;
            try
            {
                if (EdgeFrames.TryRead(ref buffer, maxFrameBytes, out var code, out var body))
                {
                    message = EdgeCodec.Decode(code, body);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (message is not null)
            {
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    /// <summary>Writes one frame and flushes it.</summary>
    public static async ValueTask WriteOneAsync(PipeWriter writer, IEdgeMessage message, CancellationToken cancellation)
    {
        EdgeFrames.Write(writer, message);
        await writer.FlushAsync(cancellation).ConfigureAwait(false);
    }
}
