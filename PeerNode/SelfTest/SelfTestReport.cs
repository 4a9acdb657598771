using System.Text.Json;
using P2C2R.Sandbox;

namespace P2C2R.PeerNode.SelfTest;

/// <summary>One executor's line of the self-test: its golden hash check and its time in the sandbox.</summary>
public sealed record ExecutorResult(string Id, bool Ok, double Ms, string Sha256, string? Error);

/// <summary>
/// What <c>PeerNode selftest</c> measured. The times are the helper's benchmark score: the
/// coordinator uses them to size the work it sends, so they are measured inside the sandbox,
/// under the same limits real tasks run under.
/// </summary>
public sealed record SelfTestReport(IReadOnlyList<ExecutorResult> Executors, double FrameMs, WorkerLimits? Limits)
{
    public bool Ok => Executors.Count > 0 && Executors.All(e => e.Ok) && FrameMs > 0;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", Ok);
            json.WriteStartArray("executors");
            foreach (var executor in Executors)
            {
                json.WriteStartObject();
                json.WriteString("id", executor.Id);
                json.WriteBoolean("ok", executor.Ok);
                json.WriteNumber("ms", Math.Round(executor.Ms, 3));
                json.WriteString("sha256", executor.Sha256);
                if (executor.Error is not null)
                {
                    json.WriteString("error", executor.Error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("frameMs", Math.Round(FrameMs, 3));
            if (Limits is not null)
            {
                json.WriteStartObject("sandbox");
                json.WriteNumber("heapLimitBytes", Limits.HeapLimit);
                json.WriteNumber("addressSpaceBytes", Limits.AddressSpace);
                json.WriteNumber("cpuSeconds", Limits.CpuSeconds);
                json.WriteNumber("openFiles", Limits.OpenFiles);
                json.WriteBoolean("networkIsolated", Limits.NetworkIsolated);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string ToText()
    {
        var text = new System.Text.StringBuilder();
        if (Limits is not null)
        {
            text.AppendLine($"Sandboxed worker: heap {Limits.HeapLimit >> 20} MiB, address space {Limits.AddressSpace >> 20} MiB, CPU {Limits.CpuSeconds} s, {Limits.OpenFiles} files, network {(Limits.NetworkIsolated ? "isolated" : "NOT isolated")}");
        }

        foreach (var executor in Executors)
        {
            var status = executor.Ok ? "ok  " : "FAIL";
            text.AppendLine($"  {executor.Id,-16} {status} {executor.Ms,9:0.000} ms  {executor.Sha256}{(executor.Error is null ? "" : "  " + executor.Error)}");
        }

        text.AppendLine($"  {"whole frame",-16} {(FrameMs > 0 ? "ok  " : "FAIL")} {FrameMs,9:0.000} ms  (256×144: ray-traced at 128×72, upscaled, delta-deflated)");
        text.AppendLine(Ok ? $"All {Executors.Count} executors match their golden hashes." : "Self-test FAILED: this helper must not take tasks.");
        return text.ToString();
    }
}
