using Microsoft.AspNetCore.Http;

namespace WebProxy.Proxy.Telemetry;

internal static class MethodClassNames
{
    public static MethodClass Classify(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method) ? MethodClass.Safe
        : HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method) ? MethodClass.Unsafe
        : HttpMethods.IsConnect(method) ? MethodClass.Connect
        : MethodClass.Other;

    public static string Of(MethodClass methodClass) => methodClass switch
    {
        MethodClass.Safe => "safe",
        MethodClass.Unsafe => "unsafe",
        MethodClass.Connect => "connect",
        _ => "other",
    };
}
