using System.Net.Security;
using System.Security.Authentication;
using WebProxy.CertificateAuthority.Tests.Support;

namespace WebProxy.CertificateAuthority.Tests;

/// <summary>Minted leaves in real TLS handshakes over loopback, validated by a client that trusts only the CA.</summary>
public sealed class LeafCertificateHandshakeTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new();
    private readonly TestMeterFactory _meterFactory = new();
    private readonly OrganisationCertificateAuthority _authority;
    private readonly LeafCertificateCache _cache;

    public LeafCertificateHandshakeTests()
    {
        _authority = TestAuthorities.Generate(_directory, _time);
        _cache = new LeafCertificateCache(_authority, new CertificateAuthorityOptions(), _time, _meterFactory);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _authority.Dispose();
        _meterFactory.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_client_trusting_only_the_CA_completes_a_TLS_handshake_with_the_leaf_for_its_host()
    {
        var context = await _cache.GetAsync("intranet.gemeente-voorbeeld.nl", CancellationToken.None);

        var result = await LoopbackTls.HandshakeAsync(context, "intranet.gemeente-voorbeeld.nl", _authority.PublicCertificate, _time.GetUtcNow());

        Assert.Null(result.ClientError);
        Assert.Null(result.ServerError);
        Assert.Empty(result.ChainProblems);
        Assert.Equal(SslPolicyErrors.None, result.PolicyErrors & SslPolicyErrors.RemoteCertificateNameMismatch);
        Assert.True(result.NegotiatedProtocol >= SslProtocols.Tls12);
        Assert.Equal("ping"u8.ToArray(), result.ServerReceived);
    }

    [Fact]
    public async Task A_client_connecting_to_an_IP_address_accepts_the_leaf_minted_for_that_address()
    {
        var context = await _cache.GetAsync("127.0.0.1", CancellationToken.None);

        var result = await LoopbackTls.HandshakeAsync(context, "127.0.0.1", _authority.PublicCertificate, _time.GetUtcNow());

        Assert.Null(result.ClientError);
        Assert.Null(result.ServerError);
        Assert.Equal(SslPolicyErrors.None, result.PolicyErrors & SslPolicyErrors.RemoteCertificateNameMismatch);
    }

    [Fact]
    public async Task A_client_for_another_host_rejects_the_leaf_as_a_name_mismatch()
    {
        var context = await _cache.GetAsync("intranet.gemeente-voorbeeld.nl", CancellationToken.None);

        var result = await LoopbackTls.HandshakeAsync(context, "www.example.org", _authority.PublicCertificate, _time.GetUtcNow());

        Assert.IsType<AuthenticationException>(result.ClientError);
        Assert.NotEqual(SslPolicyErrors.None, result.PolicyErrors & SslPolicyErrors.RemoteCertificateNameMismatch);
    }

    [Fact]
    public async Task A_client_that_trusts_another_CA_rejects_the_leaf()
    {
        var context = await _cache.GetAsync("intranet.gemeente-voorbeeld.nl", CancellationToken.None);
        using var otherCa = TestCertificates.CreateValidCa(_time);

        var result = await LoopbackTls.HandshakeAsync(context, "intranet.gemeente-voorbeeld.nl", otherCa, _time.GetUtcNow());

        Assert.IsType<AuthenticationException>(result.ClientError);
        Assert.NotEmpty(result.ChainProblems);
    }
}
