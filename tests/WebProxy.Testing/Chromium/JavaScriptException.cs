namespace WebProxy.Testing.Chromium;

/// <summary>
/// JavaScript a test ran in the page threw (or its promise rejected). The message carries the page's own
/// description of the error, which for the page helpers names the CSS selector that matched nothing.
/// </summary>
public sealed class JavaScriptException : Exception
{
    public JavaScriptException(string expression, string description)
        : base($"JavaScript in the page failed: {description}\n--- expression ---\n{expression}")
    {
        Expression = expression;
        Description = description;
    }

    public string Expression { get; }

    /// <summary>The error as the page describes it, e.g. <c>Error: No element matches ...</c> with its stack.</summary>
    public string Description { get; }
}
