using System.Runtime.Versioning;

// End-to-end tests run the proxy as a Linux process: signals, /proc for its memory, curl and promtool.
[assembly: SupportedOSPlatform("linux")]
