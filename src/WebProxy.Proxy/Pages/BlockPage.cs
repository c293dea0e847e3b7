using System.Text.Json;
using WebProxy.Policy.Rules;

namespace WebProxy.Proxy.Pages;

/// <summary>
/// The page shown instead of a blocked site, in Dutch or English. It names the category and the article, links
/// the regulation and says how to ask for an exemption. Privacy rule: it shows nothing about the person, and
/// the proxy records nothing about who was blocked (article 6.4: blocking needs no personal data).
/// </summary>
internal static class BlockPage
{
    public static ProxyPage Create(BlockReason reason, string language, string regulationUrl)
    {
        var dutch = language == PreferredLanguage.Dutch;
        var category = Describe(reason.Name, dutch);
        var json = JsonSerializer.Serialize(new BlockJson(true, reason.Name, reason.Article, regulationUrl), JsonSerializerOptions.Web);
        var links = new List<(string, string)> { (dutch ? "Lees de regeling" : "Read the regulation", regulationUrl) };
        return dutch
            ? new ProxyPage(403, "Deze site is geblokkeerd",
            [
                $"De regeling e-mail- en internetgebruik van de gemeente (artikel {reason.Article}) staat dit niet toe: {category}.",
                "Heeft u voor uw werk toegang nodig, bijvoorbeeld voor onderzoek of controle? Vraag dan uw leidinggevende om een "
                    + "ontheffing op naam, voor een bepaalde periode. Voor grote bestanden is vooraf overleg met de Technisch Architect nodig.",
                "Over dit bezoek is niets vastgelegd.",
            ]) { Language = PreferredLanguage.Dutch, Links = links, Json = json }
            : new ProxyPage(403, "This site is blocked",
            [
                $"The municipality's e-mail and internet regulation (article {reason.Article}) does not allow this: {category}.",
                "If your work requires access, for example for investigation or control duties, ask your manager for a named, "
                    + "time-boxed exemption. Large files need prior consultation with the Technical Architect.",
                "Nothing about this visit has been recorded.",
            ]) { Language = PreferredLanguage.English, Links = links, Json = json };
    }

    private static string Describe(string category, bool dutch) => (category, dutch) switch
    {
        ("adult", true) => "pornografische sites",
        ("adult", false) => "pornographic sites",
        ("hate", true) => "racistische, discriminerende, beledigende of aanstootgevende sites",
        ("hate", false) => "racist, discriminatory, defamatory or offensive sites",
        ("gambling", true) => "online gokken",
        ("gambling", false) => "online gambling",
        ("chat", true) => "chatten",
        ("chat", false) => "chat sessions",
        ("warez", true) => "het downloaden van illegale software",
        ("warez", false) => "downloading illegal software",
        ("download-size", true) => "bestanden downloaden die groter zijn dan toegestaan",
        ("download-size", false) => "downloading files larger than allowed",
        ("upload-size", true) => "bestanden versturen die groter zijn dan toegestaan",
        ("upload-size", false) => "sending files larger than allowed",
        (_, true) => $"de categorie {category}",
        _ => $"the category {category}",
    };

    private sealed record BlockJson(bool Blocked, string Category, string Article, string Regulation);
}
