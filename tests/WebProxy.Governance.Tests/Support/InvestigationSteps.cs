using System.Text;
using WebProxy.Policy.Investigations;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests.Support;

/// <summary>The steps the investigation tests share: a valid request, an approval, and a look at the raw files.</summary>
internal static class InvestigationSteps
{
    public const string Purpose = "Suspicion of running a private web shop during working hours";
    public const string LegalGround = "Art. 6.2 Privacyreglement e-mail- en internetgebruik";

    /// <summary>
    /// The manager's request into r.bakker's traffic from an hour from now for 7 days, read by the manager and the
    /// security officer.
    /// </summary>
    public static InvestigationRequest Request(this GovernanceFixture org, string subject = Researcher, string scope = "traffic") =>
        new(subject, Purpose, LegalGround, scope, org.Clock.GetUtcNow().AddHours(1), org.Clock.GetUtcNow().AddHours(1).AddDays(7), [Manager, SecurityOfficer]);

    /// <summary>Requests as <paramref name="requester"/>, asserting success.</summary>
    public static Investigation Requested(this GovernanceFixture org, InvestigationRequest? request = null, string requester = Manager)
    {
        var requested = org.Investigations.Request(Actor.Api(requester), request ?? org.Request());
        Assert.True(requested.Succeeded, requested.Problem?.ToString());
        return requested.Value;
    }

    /// <summary>Requests and has the secretary (or <paramref name="approver"/>) approve, asserting success.</summary>
    public static Investigation Approved(this GovernanceFixture org, InvestigationRequest? request = null, string requester = Manager, string approver = Secretary)
    {
        var requested = org.Requested(request, requester);
        var approved = org.Investigations.Approve(Actor.Api(approver), requested.Id, new InvestigationApprovalRequest());
        Assert.True(approved.Succeeded, approved.Problem?.ToString());
        return approved.Value;
    }

    /// <summary>
    /// An approved investigation of <paramref name="subject"/> with one request to <paramref name="host"/> captured in
    /// its window, the clock an hour after that capture (so it still records).
    /// </summary>
    public static Investigation CapturedAbout(this GovernanceFixture org, string subject, string host)
    {
        var investigation = org.Approved(org.Request(subject));
        org.Instance.Captures.Append(investigation.Id, investigation.Start.AddHours(1), host, null, 1200, 300, null, "tunnel");
        org.Instance.Captures.Flush();
        org.Clock.SetUtcNow(investigation.Start.AddHours(2));
        return investigation;
    }

    /// <summary>Files a rights request of <paramref name="kind"/> as <paramref name="person"/>, asserting success.</summary>
    public static Storage.RightsRequest FileRightsRequest(this GovernanceFixture org, string person, string kind)
    {
        var filed = org.Instance.RightsRequests.File(Actor.Api(person), new WebProxy.Governance.Rights.RightsRequestFiling(kind, "Please act on what was recorded about me"));
        Assert.True(filed.Succeeded, filed.Problem?.ToString());
        return filed.Value;
    }

    /// <summary>The bytes of governance.db and its WAL, as an attacker with the files would see them.</summary>
    public static byte[] GovernanceBytes(this GovernanceFixture org)
    {
        var bytes = new List<byte>();
        foreach (var file in System.IO.Directory.GetFiles(org.DataPath, "governance.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }

    /// <summary>Whether <paramref name="text"/> occurs in <paramref name="bytes"/> as UTF-8 or as UTF-16 (either byte order).</summary>
    public static bool Contains(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
        || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0
        || bytes.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(text)) >= 0;

    /// <summary>Gives <paramref name="personId"/> a protected role by hand-editing directory.json, as another tool would.</summary>
    public static void GiveProtectedRole(this GovernanceFixture org, string personId, Policy.Identity.ProtectedRole role)
    {
        var directory = org.State.Directory;
        var person = directory.Find(personId)!;
        WriteTo(org.DataPath, directory.WithPerson(person with { ProtectedRoles = role }));
        File.SetLastWriteTimeUtc(org.DirectoryPath, DateTime.UtcNow.AddSeconds(5));
        Assert.Null(org.State.Refresh());
        Assert.Equal(role, org.State.Directory.Find(personId)!.ProtectedRoles);
    }
}
