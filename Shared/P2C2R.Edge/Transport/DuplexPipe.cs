using System.IO.Pipelines;

namespace P2C2R.Edge.Transport;

/// <summary>A reader and a writer over one stream, as the link expects a connection.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
