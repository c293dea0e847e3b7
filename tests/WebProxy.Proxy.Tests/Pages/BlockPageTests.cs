using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebProxy.Policy.Rules;
using WebProxy.Proxy.Pages;

namespace WebProxy.Proxy.Tests.Pages;

public sealed class BlockPageTests
{
    private static async Task<(HttpResponse Response, string Body)> RenderAsync(string language, string accept)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Headers.Accept = accept;
        var body = new MemoryStream();
        context.Response.Body = body;
        await BlockPage.Create(BlockReason.ForCategory(RegulationCategory.Gambling, "5.4", "gambling"), language, "http://proxy.example:3128/regulation").WriteAsync(context);
        return (context.Response, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task A_Dutch_browser_gets_a_Dutch_page_naming_the_category_the_article_and_the_regulation()
    {
        var (response, body) = await RenderAsync("nl", "text/html");
        Assert.Equal(403, response.StatusCode);
        Assert.Equal("nl", response.Headers.ContentLanguage.ToString());
        Assert.Contains("<html lang=\"nl\">", body, StringComparison.Ordinal);
        Assert.Contains("Deze site is geblokkeerd", body, StringComparison.Ordinal);
        Assert.Contains("artikel 5.4", body, StringComparison.Ordinal);
        Assert.Contains("online gokken", body, StringComparison.Ordinal);
        Assert.Contains("href=\"http://proxy.example:3128/regulation\"", body, StringComparison.Ordinal);
        Assert.Contains("ontheffing", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_browser_gets_an_English_page_that_says_how_to_ask_for_an_exemption()
    {
        var (_, body) = await RenderAsync("en", "text/html");
        Assert.Contains("This site is blocked", body, StringComparison.Ordinal);
        Assert.Contains("article 5.4", body, StringComparison.Ordinal);
        Assert.Contains("online gambling", body, StringComparison.Ordinal);
        Assert.Contains("exemption", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_asking_for_JSON_gets_the_reason_as_JSON()
    {
        var (response, body) = await RenderAsync("en", "application/json");
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("blocked").GetBoolean());
        Assert.Equal("gambling", json.RootElement.GetProperty("category").GetString());
        Assert.Equal("5.4", json.RootElement.GetProperty("article").GetString());
    }

    [Fact]
    public async Task Other_programs_get_plain_text_with_the_regulation_link()
    {
        var (response, body) = await RenderAsync("en", "*/*");
        Assert.StartsWith("text/plain", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("Read the regulation: http://proxy.example:3128/regulation", body, StringComparison.Ordinal);
    }
}
