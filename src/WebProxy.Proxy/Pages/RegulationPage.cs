namespace WebProxy.Proxy.Pages;

/// <summary>
/// The regulation's rules on internet use as the proxy enforces them (article 11: the regulation is published to
/// everyone), in Dutch or English. A summary of the articles the software applies, not the legal text.
/// </summary>
internal static class RegulationPage
{
    public static ProxyPage Create(string language) => language == PreferredLanguage.Dutch
        ? new ProxyPage(200, "Regeling e-mail- en internetgebruik: wat de proxy toepast",
        [
            "Artikel 5.3 en 5.6: geen e-mail of webmail met bestanden die groter zijn dan toegestaan.",
            "Artikel 5.4: niet toegestaan zijn het bezoeken van pornografische, racistische, discriminerende, beledigende of "
                + "aanstootgevende sites, chatten, online gokken, het downloaden van illegale software en van te grote bestanden "
                + "zonder voorafgaand overleg met de Technisch Architect. Medewerkers met een onderzoeks- of controletaak kunnen "
                + "met specifieke toestemming van hun leidinggevende een ontheffing krijgen.",
            "Artikel 6.1a en 6.2: inzicht in gebruik gaat alleen over verkeersgegevens (tijd, omvang) en over totalen die niet "
                + "tot personen te herleiden zijn. Alleen bij een verdenking is gerichte controle mogelijk, voor een korte, vaste periode.",
            "Artikel 6.4: misbruik wordt zoveel mogelijk technisch onmogelijk gemaakt; daarvoor worden geen persoonsgegevens vastgelegd.",
            "Artikel 7.1: persoonsgegevens over gebruik worden hoogstens zes maanden bewaard.",
            "Artikel 8: u kunt opvragen welke gegevens over u worden verwerkt en om correctie, aanvulling, verwijdering of "
                + "afscherming vragen; u krijgt binnen vier weken antwoord.",
        ]) { Language = PreferredLanguage.Dutch }
        : new ProxyPage(200, "E-mail and internet regulation: what the proxy applies",
        [
            "Articles 5.3 and 5.6: no e-mail or webmail with files larger than allowed.",
            "Article 5.4: not allowed are visiting pornographic, racist, discriminatory, defamatory or offensive sites, chat "
                + "sessions, online gambling, downloading illegal software, and downloading files that are too large without prior "
                + "consultation with the Technical Architect. Staff with investigation or control duties can be exempted with "
                + "their manager's specific permission.",
            "Articles 6.1a and 6.2: insight into use covers traffic data only (time, volume) and totals that cannot be traced to "
                + "persons. Only when someone is suspected is targeted control possible, for a short, fixed period.",
            "Article 6.4: misuse is made impossible in software as far as possible; no personal data is recorded for that.",
            "Article 7.1: personal data about use is kept for at most six months.",
            "Article 8: you can ask what is processed about you and ask for correction, completion, deletion or blocking; you "
                + "get an answer within four weeks.",
        ]) { Language = PreferredLanguage.English };
}
