using System.Runtime.InteropServices;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// kill(2), to send SIGTERM as systemd, Docker and Kubernetes do on stop. Process.Kill sends SIGKILL, which no
/// program can handle, so it cannot test a graceful shutdown.
/// </summary>
internal static class NativeMethods
{
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
