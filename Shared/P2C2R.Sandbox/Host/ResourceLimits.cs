using System.Runtime.InteropServices;

namespace P2C2R.Sandbox.Host;

/// <summary>
/// POSIX resource limits through <c>prlimit(2)</c>: the parent sets them on a worker before it is
/// handed any task (limits survive the exec from the namespace wrapper into the runtime), and the
/// worker reads its own back to prove them.
/// </summary>
internal static partial class ResourceLimits
{
    public const int Cpu = 0;
    public const int OpenFiles = 7;
    public const int AddressSpace = 9;
    public const ulong Unlimited = ulong.MaxValue;

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Sets soft and hard limits; a hard limit above the soft one leaves room for the soft signal (SIGXCPU) to arrive first.</summary>
    public static void Set(int processId, int resource, ulong soft, ulong hard)
    {
        var limit = new RLimit { Current = soft, Maximum = hard };
        if (prlimit(processId, resource, ref limit, IntPtr.Zero) != 0)
        {
            throw new InvalidOperationException($"prlimit({processId}, {resource}, {soft}, {hard}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>The calling process's soft limit, or −1 when unlimited or unsupported.</summary>
    public static long Get(int resource)
    {
        if (!Supported)
        {
            return -1;
        }

        if (prlimitGet(0, resource, IntPtr.Zero, out var limit) != 0 || limit.Current == Unlimited)
        {
            return -1;
        }

        return (long)limit.Current;
    }

    [LibraryImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static partial int prlimit(int pid, int resource, ref RLimit newLimit, IntPtr oldLimit);

    [LibraryImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static partial int prlimitGet(int pid, int resource, IntPtr newLimit, out RLimit oldLimit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
