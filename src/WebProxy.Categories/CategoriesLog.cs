using Microsoft.Extensions.Logging;

namespace WebProxy.Categories;

/// <summary>Every log event of category import and reload, with fixed ids (5001-5099). No event names a user.</summary>
internal static partial class CategoriesLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Imported {Entries} category entries from {Source}: {Categories} categories, {Problems} malformed lines")]
    public static partial void Imported(ILogger logger, int entries, string source, int categories, int problems);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Category import note: {Note}")]
    public static partial void ImportNote(ILogger logger, string note);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Category snapshot saved to {Path}: {Domains} domains, {Urls} urls, {Expressions} expressions")]
    public static partial void SnapshotSaved(ILogger logger, string path, int domains, int urls, int expressions);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "The category snapshot {Path} cannot be loaded: {Reason}")]
    public static partial void SnapshotInvalid(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Category index reloaded: {Domains} domains, {Urls} urls, {Expressions} expressions")]
    public static partial void Reloaded(ILogger logger, int domains, int urls, int expressions);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Category reload failed; the previous index stays in use: {Reason}")]
    public static partial void ReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "A handler of the category index change failed")]
    public static partial void ChangedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "The category snapshot watcher failed; reloading to be safe")]
    public static partial void WatcherError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "The category snapshot {Path} is corrupt; it was moved to {Aside} and a new one is built from the samples")]
    public static partial void SnapshotMovedAside(ILogger logger, string path, string aside);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "No category snapshot yet; built one from {Source}")]
    public static partial void Initialised(ILogger logger, string source);
}
