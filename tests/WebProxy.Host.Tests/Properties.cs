using System.Runtime.Versioning;

// The command tests check Unix file modes and run the real executable; the proxy's target is Linux.
[assembly: SupportedOSPlatform("linux")]
