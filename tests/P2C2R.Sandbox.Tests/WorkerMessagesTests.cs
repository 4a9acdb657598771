using P2C2R.Sandbox.Protocol;

namespace P2C2R.Sandbox.Tests;

/// <summary>
/// The parent and the worker speak MessagePack over a pipe. The worker runs task code on helper
/// input, so the parent decodes its answers as untrusted: anything off the format fails as a
/// <see cref="TaskInputException"/>, which the parent treats as a broken worker.
/// </summary>
public sealed class WorkerMessagesTests
{
    [Fact]
    public void Messages_keep_their_byte_form_and_round_trip()
    {
        var request = new WorkerRequest(WorkerRequestKind.Execute, "world.terrain", [1, 2, 3], 300);
        var bytes = Payload.Encode(request);
        Assert.Equal("9400ad776f726c642e7465727261696ec403010203cd012c", Convert.ToHexStringLower(bytes));
        var decoded = Payload.Decode<WorkerRequest>(bytes);
        Assert.Equal((request.Kind, request.TaskId, request.MaxOutputBytes), (decoded.Kind, decoded.TaskId, decoded.MaxOutputBytes));
        Assert.Equal(request.Input, decoded.Input);

        var empty = new WorkerResponse(WorkerStatus.Ok, null, null, 5, 6);
        Assert.Equal("9500c0c00506", Convert.ToHexStringLower(Payload.Encode(empty)));
        Assert.Equal(empty, Payload.Decode<WorkerResponse>(Payload.Encode(empty)));

        var failed = new WorkerResponse(WorkerStatus.InvalidInput, [9], "bad", -1, long.MaxValue);
        var back = Payload.Decode<WorkerResponse>(Payload.Encode(failed));
        Assert.Equal((failed.Status, failed.Reason, failed.ElapsedMicros, failed.CpuMicros), (back.Status, back.Reason, back.ElapsedMicros, back.CpuMicros));
        Assert.Equal(failed.Output, back.Output);

        var ready = new WorkerReady(4242, 1L << 40, 300, 100, 200L << 20, true);
        Assert.Equal(ready, Payload.Decode<WorkerReady>(Payload.Encode(ready)));
    }

    [Fact]
    public void A_response_off_the_format_is_a_task_input_error()
    {
        Assert.Contains("expected binary", Assert.Throws<TaskInputException>(() => Payload.Decode<WorkerResponse>(new byte[] { 0x95, 0x00, 0xa1, 0x41, 0xc0, 0x05, 0x06 })).Message);
        Assert.Contains("declares", Assert.Throws<TaskInputException>(() => Payload.Decode<WorkerResponse>(new byte[] { 0x95, 0x00, 0xc6, 0x7f, 0xff, 0xff, 0xff, 0x00 })).Message);
        Assert.Contains("follow", Assert.Throws<TaskInputException>(() => Payload.Decode<WorkerResponse>(new byte[] { 0x95, 0x00, 0xc0, 0xc0, 0x05, 0x06, 0xc0 })).Message);
        Assert.Contains("WorkerReady has 1 fields", Assert.Throws<TaskInputException>(() => Payload.Decode<WorkerReady>(new byte[] { 0x91, 0x01 })).Message);
    }
}
