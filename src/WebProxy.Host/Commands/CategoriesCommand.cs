using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using WebProxy.Categories;
using WebProxy.Categories.Snapshots;
using WebProxy.Host.Hosting;
using WebProxy.Host.Statistics;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy categories update --source X</c>: import category lists (UT1 format) and activate them. A running
/// proxy notices the new compiled index in the data folder and swaps it in without dropping a request.
/// </summary>
internal static class CategoriesCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source", "-s")
        {
            Description = "A UT1 blacklists folder, UT1's blacklists.tar.gz, or an https URL of it. Default: Categories.DefaultSource.",
        };
        var suffixList = new Option<string?>("--suffix-list")
        {
            Description = "Also install the Public Suffix List from a file or an https URL (https://publicsuffix.org/list/public_suffix_list.dat); with it alone, only the list is updated.",
        };
        var update = new Command("update", "Import category lists, compile them and activate them.");
        update.Options.Add(source);
        update.Options.Add(suffixList);
        update.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CommonOptions.LoadSettings(parseResult);
            if (parseResult.GetValue(suffixList) is { } suffixSource)
            {
                using var download = new HttpClient();
                var destination = StatisticsRuntime.SuffixListPath(settings);
                int rules;
                try
                {
                    rules = await SuffixListUpdater.InstallAsync(suffixSource, destination, download, cancellationToken).ConfigureAwait(false);
                }
                catch (WebProxy.Statistics.Sites.PublicSuffixListException ex)
                {
                    throw new Configuration.ConfigurationException(ex.Message, ex);
                }

                await Console.Out.WriteLineAsync($"Public Suffix List installed: {destination} ({rules} rules). A running proxy uses it after SIGHUP or a restart.").ConfigureAwait(false);
                if (parseResult.GetValue(source) is null && settings.Categories.DefaultSource is null)
                {
                    return 0;
                }
            }

            var from = parseResult.GetValue(source) ?? settings.Categories.DefaultSource
                ?? throw new Configuration.ConfigurationException("categories update: name the lists with --source (a folder, a .tar.gz file or an https URL), or set Categories.DefaultSource.");
            var mapping = CategoryRules.LoadMapping(settings.CategoriesDirectory);
            var dataDirectory = Path.GetFullPath(settings.DataDirectory);
            Directory.CreateDirectory(dataDirectory);
            var store = new CategorySnapshotStore(dataDirectory, TimeProvider.System, NullLogger<CategorySnapshotStore>.Instance);
            using var http = new HttpClient();
            var updater = new CategoriesUpdater(new Ut1Importer(http, TimeProvider.System), store);
            var report = await updater.UpdateAsync(
                from, CategoriesUpdater.ListCategories(mapping), Path.Combine(settings.CategoriesDirectory, CategoriesUpdater.LocalFolder), cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(ImportReportText.Format(report)).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Activated: {store.SnapshotPath}. A running proxy picks it up within seconds.").ConfigureAwait(false);
            return 0;
        });

        var categories = new Command("categories", "The category lists the regulation's rules block.");
        categories.Subcommands.Add(update);
        return categories;
    }
}
