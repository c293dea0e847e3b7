using WebProxy.Proxy.Pages;

namespace WebProxy.Proxy.Tests.Pages;

public sealed class PreferredLanguageTests
{
    [Theory]
    [InlineData("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl")]
    [InlineData("nl", "nl")]
    [InlineData("en-GB,en;q=0.9,nl;q=0.8", "en")]
    [InlineData("de-DE,nl;q=0.5,en;q=0.3", "nl")]
    [InlineData("fr-FR,fr;q=0.9", "en")]
    [InlineData("", "en")]
    [InlineData("nl;q=0,en", "en")]
    [InlineData("NL-be", "nl")]
    public void Dutch_is_chosen_when_the_browser_prefers_it_over_English(string acceptLanguage, string expected)
    {
        Assert.Equal(expected, PreferredLanguage.Choose(acceptLanguage));
    }
}
