using System.CommandLine;
using WebProxy.Host.Configuration;
using WebProxy.Storage;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy log verify [--head SEQ:HASH]</c>: checks the governance log's hash chain (article 6.1d: control must
/// meet evidentiary standards) and names the first edited, deleted or reordered record. Exit code 0 when intact,
/// 1 when tampered with.
/// </summary>
internal static class LogCommand
{
    public static Command Create()
    {
        var head = new Option<string?>("--head")
        {
            Description = "The head printed by an earlier verify (SEQ:HASH), kept outside the database: also detects records cut from the end.",
        };
        var verify = new Command("verify", "Check the governance log for edited, deleted or reordered records.");
        verify.Options.Add(head);
        verify.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CommonOptions.LoadSettings(parseResult);
            var path = Path.Combine(Path.GetFullPath(settings.DataDirectory), GovernanceLog.FileName);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"{path}: there is no governance log in this data folder.");
            }

            GovernanceHead? exported = null;
            if (parseResult.GetValue(head) is { } text && !GovernanceHead.TryParse(text, out exported))
            {
                throw new ConfigurationException($"--head: '{text}' is not a head as verify prints it (SEQUENCE:HASH).");
            }

            var result = new GovernanceLogVerifier(path).Verify(exported);
            if (result.IsValid)
            {
                await Console.Out.WriteLineAsync($"The governance log is intact: {result.Count} records. Head: {result.Head} (keep it elsewhere; pass it with --head next time).").ConfigureAwait(false);
                return 0;
            }

            var where = result.FirstBadSequence is { } sequence ? $"record {sequence}: " : string.Empty;
            await Console.Out.WriteLineAsync($"The governance log has been tampered with: {where}{result.Reason}").ConfigureAwait(false);
            return 1;
        });

        var log = new Command("log", "The governance log of grants, revocations, logins and reads of personal data.");
        log.Subcommands.Add(verify);
        return log;
    }
}
