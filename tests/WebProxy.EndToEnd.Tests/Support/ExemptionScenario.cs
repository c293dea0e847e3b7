using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// The organisation of the exemption tests, run for real: the <c>webproxy</c> process with <see cref="TestOrganisation"/>
/// in its data folder (m.jansen manages r.bakker and e.visser; t.arch is the technical architect), everyone with their
/// own password (<see cref="TestOrganisation.PasswordOf"/>) so one person's credentials never pass as another's, proxy
/// authentication <c>WhenNeeded</c>, the sample-list names adult-sample.invalid and casino-sample.invalid pinned to
/// 127.0.0.1, a plain origin and a TLS origin playing those sites, and curl as each person's workstation. Grants go
/// through the admin API with Basic credentials, as a manager's script or the pages would send them.
/// </summary>
internal sealed class ExemptionScenario : IAsyncDisposable
{
    /// <summary>In categories/samples/adult/domains (regulation category adult).</summary>
    public const string AdultHost = "adult-sample.invalid";

    /// <summary>In categories/samples/gambling/domains (regulation category gambling).</summary>
    public const string GamblingHost = "casino-sample.invalid";

    /// <summary>In no category: one of the test hosts ProxyProcess pins to 127.0.0.1.</summary>
    public const string NeutralHost = "good.test";

    public const string OriginBody = "hello from the origin";

    private static readonly HttpClient Admin = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private readonly TestCertificates _certificates;

    private ExemptionScenario(TestCertificates certificates, OriginServer plain, SampleSiteOrigin tls, ProxyProcess proxy, string dataDirectory, string organisationCa)
    {
        _certificates = certificates;
        PlainOrigin = plain;
        TlsOrigin = tls;
        Proxy = proxy;
        DataDirectory = dataDirectory;
        OrganisationCaPath = organisationCa;
    }

    public OriginServer PlainOrigin { get; }

    public SampleSiteOrigin TlsOrigin { get; }

    public ProxyProcess Proxy { get; }

    /// <summary>The proxy's data folder (governance.db, directory.json, ca/).</summary>
    public string DataDirectory { get; }

    /// <summary>The organisation CA as <c>webproxy ca export</c> wrote it: what workstations trust.</summary>
    public string OrganisationCaPath { get; }

    /// <summary>Starts the origins and the proxy; <paramref name="configure"/> adjusts the configuration further.</summary>
    public static async Task<ExemptionScenario> StartAsync(Action<JsonObject>? configure = null)
    {
        var certificates = new TestCertificates();
        OriginServer? plain = null;
        SampleSiteOrigin? tls = null;
        try
        {
            plain = await OriginServer.StartAsync();
            tls = await SampleSiteOrigin.StartAsync(certificates, [AdultHost, GamblingHost, NeutralHost]);
            string? dataDirectory = null;
            var proxy = await ProxyProcess.StartAsync(certificates, [tls.Port], config =>
            {
                var hosts = (JsonObject)config["Proxy"]!["Hosts"]!;
                hosts[AdultHost] = "127.0.0.1";
                hosts[GamblingHost] = "127.0.0.1";
                config["Identity"] = new JsonObject { ["ProxyAuthentication"] = "WhenNeeded" };
                configure?.Invoke(config);

                // The directory is in place before the first start, as an operator would install it.
                dataDirectory = (string)config["DataDirectory"]!;
                TestOrganisation.WriteTo(dataDirectory, TestOrganisation.WithOwnPasswords);
            });
            try
            {
                var organisationCa = await proxy.ExportCaAsync();
                return new ExemptionScenario(certificates, plain, tls, proxy, dataDirectory!, organisationCa);
            }
            catch
            {
                await proxy.DisposeAsync();
                throw;
            }
        }
        catch
        {
            if (tls is not null)
            {
                await tls.DisposeAsync();
            }

            if (plain is not null)
            {
                await plain.DisposeAsync();
            }

            certificates.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await TlsOrigin.DisposeAsync();
        await PlainOrigin.DisposeAsync();
        _certificates.Dispose();
    }

    /// <summary>The test origin root as PEM: what a client trusts to verify the origin itself through a blind tunnel.</summary>
    public string OriginRootPath => _certificates.WriteRootPem(Proxy.WorkDirectory);

    public string PlainUrl(string host, string path) => $"http://{host}:{PlainOrigin.Port}{path}";

    public string TlsUrl(string host, string path) => $"https://{host}:{TlsOrigin.Port}{path}";

    /// <summary>
    /// curl through the proxy as <paramref name="person"/> (<c>-U id:password</c>, Basic, sent on the request or
    /// the CONNECT) or anonymously (null), trusting only the organisation CA, with <c>-v</c> so the response head
    /// is in the trace.
    /// </summary>
    public Task<CurlResult> CurlAsync(string? person, string url, params string[] extra)
    {
        var arguments = new List<string> { "-v", "--cacert", OrganisationCaPath, "-x", Proxy.ProxyUrl };
        if (person is not null)
        {
            arguments.AddRange(["-U", $"{person}:{TestOrganisation.PasswordOf(person)}"]);
        }

        arguments.AddRange(extra);
        arguments.Add(url);
        return Curl.RunAsync(arguments);
    }

    /// <summary>
    /// Fetches a site in no category as <paramref name="person"/>, plain and over HTTPS, so the proxy's forwarding
    /// path is compiled and its credentials check is done before a test measures how fast a change applies.
    /// </summary>
    public async Task WarmUpAsync(string person)
    {
        AssertReachedOrigin(await CurlAsync(person, PlainUrl(NeutralHost, "/hello")));
        AssertReachedOrigin(await CurlAsync(person, TlsUrl(NeutralHost, "/hello")));
    }

    /// <summary>POST /api/exemptions/research as <paramref name="grantor"/>; returns the status and the created exemption's id.</summary>
    public Task<(HttpStatusCode Status, Guid Id, string Body)> GrantResearchAsync(
        string grantor, string subject, string[] categories, DateTimeOffset? start, DateTimeOffset end, string reason = "Onderzoek naar misbruik, zaak 2024-17") =>
        PostAsync(grantor, "/api/exemptions/research", new JsonObject
        {
            ["subject"] = subject,
            ["categories"] = new JsonArray([.. categories.Select(c => (JsonNode)c)]),
            ["start"] = start?.ToString("O", CultureInfo.InvariantCulture),
            ["end"] = end.ToString("O", CultureInfo.InvariantCulture),
            ["reason"] = reason,
        });

    /// <summary>POST /api/exemptions/size as <paramref name="grantor"/>.</summary>
    public Task<(HttpStatusCode Status, Guid Id, string Body)> GrantSizeAsync(string grantor, string subject, long maxBytes, DateTimeOffset end) =>
        PostAsync(grantor, "/api/exemptions/size", new JsonObject
        {
            ["subject"] = subject,
            ["maxBytes"] = maxBytes,
            ["end"] = end.ToString("O", CultureInfo.InvariantCulture),
            ["reason"] = "Overleg met de Technisch Architect: GIS-bestanden van het kadaster",
        });

    /// <summary>POST /api/exemptions/{id}/revoke as <paramref name="revoker"/>.</summary>
    public Task<(HttpStatusCode Status, Guid Id, string Body)> RevokeAsync(string revoker, Guid id) =>
        PostAsync(revoker, $"/api/exemptions/{id}/revoke", new JsonObject { ["reason"] = "Onderzoek afgerond" });

    /// <summary>The governance log's records as the storage library reads them (from the test process, read-only).</summary>
    public IReadOnlyList<GovernanceRecord> ReadGovernanceLog()
    {
        using var log = new GovernanceLog(DataDirectory, TimeProvider.System);
        return log.Read(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>
    /// Runs <paramref name="probe"/> every <paramref name="interval"/> until it answers <paramref name="expected"/>;
    /// returns when the answering probe completed, or fails after <paramref name="timeout"/> with the last answer.
    /// </summary>
    public static async Task<PollResult> PollUntilAsync(Func<Task<CurlResult>> probe, int expected, TimeSpan timeout, TimeSpan interval)
    {
        var waited = Stopwatch.StartNew();
        var attempts = 0;
        while (true)
        {
            var sent = DateTimeOffset.UtcNow;
            var result = await probe();
            attempts++;
            if (result.Status == expected)
            {
                return new PollResult(waited.Elapsed, sent, DateTimeOffset.UtcNow, attempts, result);
            }

            Assert.True(waited.Elapsed < timeout,
                $"Still {result.Status} instead of {expected} after {waited.Elapsed.TotalMilliseconds:F0} ms ({attempts} attempts).\n{result.Describe()}");
            await Task.Delay(interval);
        }
    }

    /// <summary>The block page the proxy shows for a category (English: curl sends no Accept-Language).</summary>
    public static void AssertBlockPage(CurlResult result, int status, string categoryDescription)
    {
        Assert.True(result.ExitCode == 0 && result.Status == status, $"Expected the {status} block page.\n{result.Describe()}");
        Assert.Contains("This site is blocked", result.Body, StringComparison.Ordinal);
        Assert.Contains(categoryDescription, result.Body, StringComparison.Ordinal);
        Assert.Contains("5.4", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(OriginBody, result.Body, StringComparison.Ordinal);
    }

    public static void AssertReachedOrigin(CurlResult result)
    {
        Assert.True(result.ExitCode == 0 && result.Status == 200, $"Expected the origin's answer.\n{result.Describe()}");
        Assert.Equal(OriginBody, result.Body);
    }

    private async Task<(HttpStatusCode Status, Guid Id, string Body)> PostAsync(string person, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Proxy.AdminUri, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{person}:{TestOrganisation.PasswordOf(person)}")));
        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var id = Guid.Empty;
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(text);
            id = json.RootElement.GetProperty("id").GetGuid();
        }

        return (response.StatusCode, id, text);
    }
}

/// <summary>How a poll ended: the time waited, when the answering probe was sent and completed, and its answer.</summary>
internal sealed record PollResult(TimeSpan Waited, DateTimeOffset Sent, DateTimeOffset Completed, int Attempts, CurlResult Result);
