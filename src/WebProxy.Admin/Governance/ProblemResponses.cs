using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WebProxy.Governance;

namespace WebProxy.Admin.Governance;

/// <summary>
/// RFC 9457 problem details for the admin API: the status from the <see cref="ProblemKind"/>, the reason as the
/// detail, and the input field in <c>field</c> and in <c>errors</c> (the shape ASP.NET's validation problems use), so
/// a form can put the message next to the field.
/// </summary>
public static class ProblemResponses
{
    public const string TypeBase = "https://github.com/webproxy/webproxy/blob/main/README.md#problem-";

    public static IResult From(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.RetryAfter is { } wait)
        {
            // RFC 9110 §10.2.3, in seconds.
            return new RetryAfterResult(From(problem with { RetryAfter = null }), (long)Math.Ceiling(wait.TotalSeconds));
        }

        var (status, title, type) = problem.Kind switch
        {
            ProblemKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed", "forbidden"),
            ProblemKind.NotFound => (StatusCodes.Status404NotFound, "Not found", "not-found"),
            ProblemKind.Conflict => (StatusCodes.Status409Conflict, "Conflict", "conflict"),
            ProblemKind.TooManyAttempts => (StatusCodes.Status429TooManyRequests, "Too many failed sign-ins", "too-many-attempts"),
            _ => (StatusCodes.Status400BadRequest, "Invalid input", "invalid"),
        };
        var details = new ProblemDetails
        {
            Status = status,
            Title = title,
            Type = TypeBase + type,
            Detail = $"{problem.Field}: {problem.Reason}",
        };
        details.Extensions["field"] = problem.Field;
        details.Extensions["errors"] = new Dictionary<string, string[]> { [problem.Field] = [problem.Reason] };
        return Results.Problem(details);
    }

    /// <summary>The outcome's value through <paramref name="success"/>, or its refusal as problem details.</summary>
    internal static IResult Answer<T>(Outcome<T> outcome, Func<T, IResult> success) =>
        outcome.Succeeded ? success(outcome.Value) : From(outcome.Problem);

    /// <summary>401 with the Basic challenge (RFC 9110 §11.6.1, RFC 7617), so a client knows how to sign in.</summary>
    public static IResult Unauthenticated(HttpContext context, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Kind == ProblemKind.TooManyAttempts)
        {
            return From(problem);
        }

        context.Response.Headers.WWWAuthenticate = "Basic realm=\"WebProxy admin\", charset=\"UTF-8\"";
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Sign in required",
            Type = TypeBase + "unauthenticated",
            Detail = problem.Reason,
        };
        details.Extensions["field"] = problem.Field;
        return Results.Problem(details);
    }

    private sealed class RetryAfterResult(IResult inner, long seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
