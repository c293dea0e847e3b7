using WebProxy.Governance;
using WebProxy.Policy.Exemptions;

namespace WebProxy.Admin.ManagerPages;

/// <summary>How the pages name what an exemption allows, in one place for the manager's and the employee's pages.</summary>
internal static class ExemptionText
{
    public static string What(ExemptionView exemption) => exemption switch
    {
        { Categories: { } categories } => "Research: " + string.Join(", ", categories),
        { MaxBytes: { } bytes } => $"Transfers up to {bytes / (1024 * 1024)} MiB",
        _ => "Transfers of any size",
    };

    public static string What(Exemption exemption, DateTimeOffset now) => What(ExemptionView.Of(exemption, now));
}
