using System.Buffers;
using MessagePack;
using P2C2R.Tasks;

namespace P2C2R.Sandbox.Protocol;

/// <summary>What the parent asks a worker to do.</summary>
internal enum WorkerRequestKind
{
    Execute = 0,
    BenchmarkFrame = 1,
}

/// <summary>Parent → worker: <c>[kind, taskId, input: bin, maxOutputBytes]</c>; a frame benchmark uses input as the frame count.</summary>
internal sealed record WorkerRequest(WorkerRequestKind Kind, string TaskId, byte[] Input, int MaxOutputBytes) : ITaskPayload<WorkerRequest>
{
    public static WorkerRequest Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 4, nameof(WorkerRequest));
        return new WorkerRequest((WorkerRequestKind)reader.ReadInt32(), reader.ReadStrictString() ?? "", reader.ReadBinary().ToArray(), reader.ReadInt32());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(4);
        writer.Write((int)Kind);
        writer.Write(TaskId);
        writer.Write(Input);
        writer.Write(MaxOutputBytes);
    }
}

/// <summary>Status codes of <see cref="WorkerResponse"/>.</summary>
internal enum WorkerStatus
{
    Ok = 0,
    InvalidInput = 1,
    OutputTooLarge = 2,
    UnknownTask = 3,
    MemoryLimit = 4,
    Error = 5,
}

/// <summary>Worker → parent: <c>[status, output: bin|nil, reason: str|nil, elapsedMicros, cpuMicros]</c>.</summary>
internal sealed record WorkerResponse(WorkerStatus Status, byte[]? Output, string? Reason, long ElapsedMicros, long CpuMicros) : ITaskPayload<WorkerResponse>
{
    public static WorkerResponse Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 5, nameof(WorkerResponse));
        var status = (WorkerStatus)reader.ReadInt32();
        var output = reader.ReadBinaryOrNil()?.ToArray();
        return new WorkerResponse(status, output, reader.ReadStrictString(), reader.ReadInt64(), reader.ReadInt64());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(5);
        writer.Write((int)Status);
        writer.Write(Output);
        writer.Write(Reason);
        writer.Write(ElapsedMicros);
        writer.Write(CpuMicros);
    }
}

/// <summary>
/// Worker → parent, once at start: <c>[pid, addressSpace, cpuSeconds, openFiles, heapLimit, netIsolated]</c>,
/// the limits as the worker itself reads them, so the parent can refuse a worker that is not boxed in.
/// </summary>
internal sealed record WorkerReady(int ProcessId, long AddressSpace, long CpuSeconds, long OpenFiles, long HeapLimit, bool NetworkIsolated) : ITaskPayload<WorkerReady>
{
    public static WorkerReady Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 6, nameof(WorkerReady));
        return new WorkerReady(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadBoolean());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(6);
        writer.Write(ProcessId);
        writer.Write(AddressSpace);
        writer.Write(CpuSeconds);
        writer.Write(OpenFiles);
        writer.Write(HeapLimit);
        writer.Write(NetworkIsolated);
    }
}
