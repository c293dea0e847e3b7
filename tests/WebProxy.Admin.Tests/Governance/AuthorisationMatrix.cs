namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// Who may call what on the admin port: every caller of <see cref="Organisation"/> against every endpoint, one line per
/// cell, with the status the documented rules give (<c>AdminAccess</c> for seeing and editing, <c>ExemptionRules</c>
/// for granting and revoking). A reviewer checks these lines against the README; the test checks them against the
/// server.
/// <para>
/// Every cell starts from the same fresh state: the directory of <see cref="Organisation"/>, a research exemption
/// {research} that m.jansen granted r.bakker, a size exemption {size} that t.arch granted o.dekker (so p.smit has
/// none and may be removed), and one read by m.jansen of w.raad's entry (so the log holds a record about a
/// works-council member). Reads send <c>purpose=x</c>; the log is read for the day around now.
/// </para>
/// <para>
/// 404 rather than 403 where a caller may not even know the thing exists (a person or exemption they may not see).
/// (anonymous) sends no credentials; (wrong password) is m.jansen's name with a wrong password: both 401 everywhere.
/// </para>
/// </summary>
public static class AuthorisationMatrix
{
    public const string Me = "GET /api/me";
    public const string DirectoryList = "GET /api/directory";
    public const string DirectoryEmployee = "GET /api/directory/r.bakker";
    public const string DirectoryWorksCouncil = "GET /api/directory/w.raad";
    public const string DirectoryPut = "PUT /api/directory/new.person";
    public const string DirectoryDelete = "DELETE /api/directory/p.smit";
    public const string ExemptionList = "GET /api/exemptions";
    public const string ExemptionResearch = "GET /api/exemptions/{research}";
    public const string ExemptionSize = "GET /api/exemptions/{size}";
    public const string GrantResearch = "POST /api/exemptions/research for r.bakker";
    public const string GrantResearchSelf = "POST /api/exemptions/research for oneself";
    public const string GrantSize = "POST /api/exemptions/size for p.smit";
    public const string Revoke = "POST /api/exemptions/{research}/revoke";
    public const string Log = "GET /api/log";
    public const string LogWorksCouncil = "GET /api/log?subject=w.raad";
    public const string LogVerify = "GET /api/log/verify";
    public const string CategoriesReload = "POST /categories/reload";

    public static readonly string[] AllEndpoints =
    [
        Me, DirectoryList, DirectoryEmployee, DirectoryWorksCouncil, DirectoryPut, DirectoryDelete, ExemptionList,
        ExemptionResearch, ExemptionSize, GrantResearch, GrantResearchSelf, GrantSize, Revoke, Log, LogWorksCouncil,
        LogVerify, CategoriesReload,
    ];

    /// <summary>(endpoint, caller, expected status).</summary>
    public static readonly TheoryData<string, string, int> Cells = new()
    {
        // GET /api/me: anyone signed in, about themselves.
        { Me, "secretary", 200 },
        { Me, "m.jansen", 200 },
        { Me, "r.bakker", 200 },
        { Me, "w.raad", 200 },
        { Me, "o.dekker", 200 },
        { Me, "p.smit", 200 },
        { Me, "t.arch", 200 },
        { Me, "p.officer", 200 },
        { Me, "s.officer", 200 },
        { Me, "i.t", 200 },
        { Me, "mayor", 200 },
        { Me, "(anonymous)", 401 },
        { Me, "(wrong password)", 401 },

        // GET /api/directory: anyone signed in; the list holds only whom they may see (see VisiblePeople).
        { DirectoryList, "secretary", 200 },
        { DirectoryList, "m.jansen", 200 },
        { DirectoryList, "r.bakker", 200 },
        { DirectoryList, "w.raad", 200 },
        { DirectoryList, "o.dekker", 200 },
        { DirectoryList, "p.smit", 200 },
        { DirectoryList, "t.arch", 200 },
        { DirectoryList, "p.officer", 200 },
        { DirectoryList, "s.officer", 200 },
        { DirectoryList, "i.t", 200 },
        { DirectoryList, "mayor", 200 },
        { DirectoryList, "(anonymous)", 401 },
        { DirectoryList, "(wrong password)", 401 },

        // GET /api/directory/r.bakker: the person, IT, the privacy officer, a technical architect, managers in the line.
        { DirectoryEmployee, "secretary", 200 },        // manager higher in the line
        { DirectoryEmployee, "m.jansen", 200 },         // direct manager
        { DirectoryEmployee, "r.bakker", 200 },         // self
        { DirectoryEmployee, "w.raad", 404 },           // a colleague
        { DirectoryEmployee, "o.dekker", 404 },         // another team's manager
        { DirectoryEmployee, "p.smit", 404 },
        { DirectoryEmployee, "t.arch", 200 },
        { DirectoryEmployee, "p.officer", 200 },
        { DirectoryEmployee, "s.officer", 404 },
        { DirectoryEmployee, "i.t", 200 },
        { DirectoryEmployee, "mayor", 404 },            // the mayor is outside the line of management
        { DirectoryEmployee, "(anonymous)", 401 },
        { DirectoryEmployee, "(wrong password)", 401 },

        // GET /api/directory/w.raad: as above; "protected" (works-council) only for the person, IT and the privacy
        // officer, null for everyone else who sees the entry (see ProtectedShownTo).
        { DirectoryWorksCouncil, "secretary", 200 },    // protected: null
        { DirectoryWorksCouncil, "m.jansen", 200 },     // protected: null
        { DirectoryWorksCouncil, "r.bakker", 404 },
        { DirectoryWorksCouncil, "w.raad", 200 },       // protected: [works-council]
        { DirectoryWorksCouncil, "o.dekker", 404 },
        { DirectoryWorksCouncil, "p.smit", 404 },
        { DirectoryWorksCouncil, "t.arch", 200 },       // protected: null
        { DirectoryWorksCouncil, "p.officer", 200 },    // protected: [works-council]
        { DirectoryWorksCouncil, "s.officer", 404 },
        { DirectoryWorksCouncil, "i.t", 200 },          // protected: [works-council]
        { DirectoryWorksCouncil, "mayor", 404 },
        { DirectoryWorksCouncil, "(anonymous)", 401 },
        { DirectoryWorksCouncil, "(wrong password)", 401 },

        // PUT /api/directory/new.person: IT only.
        { DirectoryPut, "secretary", 403 },
        { DirectoryPut, "m.jansen", 403 },
        { DirectoryPut, "r.bakker", 403 },
        { DirectoryPut, "w.raad", 403 },
        { DirectoryPut, "o.dekker", 403 },
        { DirectoryPut, "p.smit", 403 },
        { DirectoryPut, "t.arch", 403 },
        { DirectoryPut, "p.officer", 403 },
        { DirectoryPut, "s.officer", 403 },
        { DirectoryPut, "i.t", 200 },
        { DirectoryPut, "mayor", 403 },
        { DirectoryPut, "(anonymous)", 401 },
        { DirectoryPut, "(wrong password)", 401 },

        // DELETE /api/directory/p.smit: IT only.
        { DirectoryDelete, "secretary", 403 },
        { DirectoryDelete, "m.jansen", 403 },
        { DirectoryDelete, "r.bakker", 403 },
        { DirectoryDelete, "w.raad", 403 },
        { DirectoryDelete, "o.dekker", 403 },           // not even p.smit's own manager
        { DirectoryDelete, "p.smit", 403 },             // nor p.smit
        { DirectoryDelete, "t.arch", 403 },
        { DirectoryDelete, "p.officer", 403 },
        { DirectoryDelete, "s.officer", 403 },
        { DirectoryDelete, "i.t", 204 },               // p.smit manages nobody and has no exemption
        { DirectoryDelete, "mayor", 403 },
        { DirectoryDelete, "(anonymous)", 401 },
        { DirectoryDelete, "(wrong password)", 401 },

        // GET /api/exemptions: anyone signed in; the list holds only what they may see (see VisibleExemptions).
        { ExemptionList, "secretary", 200 },
        { ExemptionList, "m.jansen", 200 },
        { ExemptionList, "r.bakker", 200 },
        { ExemptionList, "w.raad", 200 },
        { ExemptionList, "o.dekker", 200 },
        { ExemptionList, "p.smit", 200 },
        { ExemptionList, "t.arch", 200 },
        { ExemptionList, "p.officer", 200 },
        { ExemptionList, "s.officer", 200 },
        { ExemptionList, "i.t", 200 },
        { ExemptionList, "mayor", 200 },
        { ExemptionList, "(anonymous)", 401 },
        { ExemptionList, "(wrong password)", 401 },

        // GET /api/exemptions/{research} (r.bakker's, granted by m.jansen): subject, grantor, privacy officer,
        // managers in the subject's line. A technical architect sees size exemptions only.
        { ExemptionResearch, "secretary", 200 },
        { ExemptionResearch, "m.jansen", 200 },
        { ExemptionResearch, "r.bakker", 200 },
        { ExemptionResearch, "w.raad", 404 },
        { ExemptionResearch, "o.dekker", 404 },
        { ExemptionResearch, "p.smit", 404 },
        { ExemptionResearch, "t.arch", 404 },
        { ExemptionResearch, "p.officer", 200 },
        { ExemptionResearch, "s.officer", 404 },
        { ExemptionResearch, "i.t", 404 },
        { ExemptionResearch, "mayor", 404 },
        { ExemptionResearch, "(anonymous)", 401 },
        { ExemptionResearch, "(wrong password)", 401 },

        // GET /api/exemptions/{size} (o.dekker's, granted by t.arch): subject, grantor, privacy officer, managers in
        // the subject's line, and a technical architect.
        { ExemptionSize, "secretary", 200 },            // o.dekker's manager
        { ExemptionSize, "m.jansen", 404 },             // a manager, but not in o.dekker's line
        { ExemptionSize, "r.bakker", 404 },
        { ExemptionSize, "w.raad", 404 },
        { ExemptionSize, "o.dekker", 200 },             // subject
        { ExemptionSize, "p.smit", 404 },               // o.dekker's team does not see its manager's
        { ExemptionSize, "t.arch", 200 },               // grantor, technical architect
        { ExemptionSize, "p.officer", 200 },
        { ExemptionSize, "s.officer", 404 },
        { ExemptionSize, "i.t", 404 },
        { ExemptionSize, "mayor", 404 },
        { ExemptionSize, "(anonymous)", 401 },
        { ExemptionSize, "(wrong password)", 401 },

        // POST /api/exemptions/research for r.bakker: only the subject's direct manager.
        { GrantResearch, "secretary", 403 },            // in the line, but not the direct manager
        { GrantResearch, "m.jansen", 201 },
        { GrantResearch, "r.bakker", 403 },             // to oneself
        { GrantResearch, "w.raad", 403 },
        { GrantResearch, "o.dekker", 403 },             // another team's manager
        { GrantResearch, "p.smit", 403 },
        { GrantResearch, "t.arch", 403 },
        { GrantResearch, "p.officer", 403 },
        { GrantResearch, "s.officer", 403 },
        { GrantResearch, "i.t", 403 },
        { GrantResearch, "mayor", 403 },
        { GrantResearch, "(anonymous)", 401 },
        { GrantResearch, "(wrong password)", 401 },

        // POST /api/exemptions/research with oneself as the subject: never.
        { GrantResearchSelf, "secretary", 403 },
        { GrantResearchSelf, "m.jansen", 403 },
        { GrantResearchSelf, "r.bakker", 403 },
        { GrantResearchSelf, "w.raad", 403 },
        { GrantResearchSelf, "o.dekker", 403 },
        { GrantResearchSelf, "p.smit", 403 },
        { GrantResearchSelf, "t.arch", 403 },
        { GrantResearchSelf, "p.officer", 403 },
        { GrantResearchSelf, "s.officer", 403 },
        { GrantResearchSelf, "i.t", 403 },
        { GrantResearchSelf, "mayor", 403 },
        { GrantResearchSelf, "(anonymous)", 401 },
        { GrantResearchSelf, "(wrong password)", 401 },

        // POST /api/exemptions/size for p.smit: technical architects only, whatever the subject's place.
        { GrantSize, "secretary", 403 },
        { GrantSize, "m.jansen", 403 },
        { GrantSize, "r.bakker", 403 },
        { GrantSize, "w.raad", 403 },
        { GrantSize, "o.dekker", 403 },                 // not even p.smit's own manager
        { GrantSize, "p.smit", 403 },
        { GrantSize, "t.arch", 201 },
        { GrantSize, "p.officer", 403 },
        { GrantSize, "s.officer", 403 },
        { GrantSize, "i.t", 403 },
        { GrantSize, "mayor", 403 },
        { GrantSize, "(anonymous)", 401 },
        { GrantSize, "(wrong password)", 401 },

        // POST /api/exemptions/{research}/revoke: the grantor, a privacy officer, a manager in the subject's line.
        // Those who may see it but not revoke it get 403; those who may not see it, 404.
        { Revoke, "secretary", 200 },                   // manager in r.bakker's line
        { Revoke, "m.jansen", 200 },                    // grantor
        { Revoke, "r.bakker", 403 },                    // the subject sees it but may not revoke it
        { Revoke, "w.raad", 404 },
        { Revoke, "o.dekker", 404 },
        { Revoke, "p.smit", 404 },
        { Revoke, "t.arch", 404 },
        { Revoke, "p.officer", 200 },
        { Revoke, "s.officer", 404 },
        { Revoke, "i.t", 404 },
        { Revoke, "mayor", 404 },
        { Revoke, "(anonymous)", 401 },
        { Revoke, "(wrong password)", 401 },

        // GET /api/log: the privacy officer, the municipal secretary, the security officer.
        { Log, "secretary", 200 },                      // records about w.raad left out
        { Log, "m.jansen", 403 },
        { Log, "r.bakker", 403 },
        { Log, "w.raad", 403 },
        { Log, "o.dekker", 403 },
        { Log, "p.smit", 403 },
        { Log, "t.arch", 403 },
        { Log, "p.officer", 200 },                      // records about w.raad included
        { Log, "s.officer", 200 },                      // records about w.raad left out
        { Log, "i.t", 403 },
        { Log, "mayor", 403 },
        { Log, "(anonymous)", 401 },
        { Log, "(wrong password)", 401 },

        // GET /api/log?subject=w.raad: records about a person with an article-6.6 role: the privacy officer only.
        { LogWorksCouncil, "secretary", 403 },
        { LogWorksCouncil, "m.jansen", 403 },
        { LogWorksCouncil, "r.bakker", 403 },
        { LogWorksCouncil, "w.raad", 403 },             // not even about oneself
        { LogWorksCouncil, "o.dekker", 403 },
        { LogWorksCouncil, "p.smit", 403 },
        { LogWorksCouncil, "t.arch", 403 },
        { LogWorksCouncil, "p.officer", 200 },
        { LogWorksCouncil, "s.officer", 403 },
        { LogWorksCouncil, "i.t", 403 },
        { LogWorksCouncil, "mayor", 403 },
        { LogWorksCouncil, "(anonymous)", 401 },
        { LogWorksCouncil, "(wrong password)", 401 },

        // GET /api/log/verify: those who read the log, and IT (who keep the head elsewhere).
        { LogVerify, "secretary", 200 },
        { LogVerify, "m.jansen", 403 },
        { LogVerify, "r.bakker", 403 },
        { LogVerify, "w.raad", 403 },
        { LogVerify, "o.dekker", 403 },
        { LogVerify, "p.smit", 403 },
        { LogVerify, "t.arch", 403 },
        { LogVerify, "p.officer", 200 },
        { LogVerify, "s.officer", 200 },
        { LogVerify, "i.t", 200 },
        { LogVerify, "mayor", 403 },
        { LogVerify, "(anonymous)", 401 },
        { LogVerify, "(wrong password)", 401 },

        // POST /categories/reload (served by the host, outside /api): IT only.
        { CategoriesReload, "secretary", 403 },
        { CategoriesReload, "m.jansen", 403 },
        { CategoriesReload, "r.bakker", 403 },
        { CategoriesReload, "w.raad", 403 },
        { CategoriesReload, "o.dekker", 403 },
        { CategoriesReload, "p.smit", 403 },
        { CategoriesReload, "t.arch", 403 },
        { CategoriesReload, "p.officer", 403 },
        { CategoriesReload, "s.officer", 403 },
        { CategoriesReload, "i.t", 200 },
        { CategoriesReload, "mayor", 403 },
        { CategoriesReload, "(anonymous)", 401 },
        { CategoriesReload, "(wrong password)", 401 },
    };

    /// <summary>Whom <c>GET /api/directory</c> lists for each person.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> VisiblePeople = new Dictionary<string, string[]>
    {
        ["secretary"] = ["secretary", "m.jansen", "r.bakker", "w.raad", "o.dekker", "p.smit", "t.arch", "p.officer", "s.officer", "i.t"],
        ["m.jansen"] = ["m.jansen", "r.bakker", "w.raad"],
        ["r.bakker"] = ["r.bakker"],
        ["w.raad"] = ["w.raad"],
        ["o.dekker"] = ["o.dekker", "p.smit"],
        ["p.smit"] = ["p.smit"],
        ["t.arch"] = Organisation.People,
        ["p.officer"] = Organisation.People,
        ["s.officer"] = ["s.officer"],
        ["i.t"] = Organisation.People,
        ["mayor"] = ["mayor"],
    };

    /// <summary>Who sees w.raad's protected role; everyone else who sees the entry gets <c>"protected": null</c>.</summary>
    public static readonly string[] ProtectedShownTo = ["w.raad", "p.officer", "i.t"];

    /// <summary>Whose exemptions (by subject) <c>GET /api/exemptions</c> lists for each person: r.bakker's {research}, o.dekker's {size}.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> VisibleExemptions = new Dictionary<string, string[]>
    {
        ["secretary"] = ["o.dekker", "r.bakker"],
        ["m.jansen"] = ["r.bakker"],
        ["r.bakker"] = ["r.bakker"],
        ["w.raad"] = [],
        ["o.dekker"] = ["o.dekker"],
        ["p.smit"] = [],
        ["t.arch"] = ["o.dekker"],
        ["p.officer"] = ["o.dekker", "r.bakker"],
        ["s.officer"] = [],
        ["i.t"] = [],
        ["mayor"] = [],
    };
}
