namespace WebProxy.Policy.Categories;

/// <summary>The three list files a UT1 (squidGuard) category folder can hold.</summary>
public enum ListKind
{
    /// <summary><c>domains</c>: a host name or IPv4 literal that matches itself and every subdomain.</summary>
    Domains,

    /// <summary><c>urls</c>: a <c>host/path</c> prefix without scheme.</summary>
    Urls,

    /// <summary><c>expressions</c>: a POSIX extended regular expression over the URL without scheme.</summary>
    Expressions,
}
