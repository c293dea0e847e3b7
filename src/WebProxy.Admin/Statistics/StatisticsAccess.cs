using WebProxy.Governance;
using WebProxy.Policy.Identity;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// Who may read the statistics: the municipal secretary, the privacy officer, the security officer and IT. The
/// reports carry no personal data (only totals, and no site seen by fewer than k clients), so reading them is not a
/// personal-data read and is not written to the governance log; they are still management information about how
/// the municipality uses the internet, for the people who answer for that, not for every employee or manager.
/// </summary>
internal static class StatisticsAccess
{
    public const string Readers = "the municipal secretary, the privacy officer, the security officer and IT";

    private static readonly Role[] ReaderRoles = [Role.MunicipalSecretary, Role.PrivacyOfficer, Role.SecurityOfficer, Role.It];

    public static bool CanRead(Person person) => ReaderRoles.Any(person.HasRole);

    public static Problem Refusal() =>
        Problem.Forbidden("role", $"the usage statistics are management information for {Readers}");
}
