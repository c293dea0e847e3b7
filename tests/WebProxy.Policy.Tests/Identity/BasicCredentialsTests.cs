using System.Text;
using WebProxy.Policy.Identity;

namespace WebProxy.Policy.Tests.Identity;

public sealed class BasicCredentialsTests
{
    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void The_RFC_7617_example_is_read()
    {
        Assert.True(BasicCredentials.TryParse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", out var user, out var password));
        Assert.Equal(("Aladdin", "open sesame"), (user, password));
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("BASIC")]
    [InlineData("bAsIc")]
    public void The_scheme_is_case_insensitive(string scheme)
    {
        Assert.True(BasicCredentials.TryParse($"{scheme} {Encode("j.devries:pw")}", out var user, out _));
        Assert.Equal("j.devries", user);
    }

    [Fact]
    public void The_first_colon_splits_so_a_password_may_contain_colons()
    {
        Assert.True(BasicCredentials.TryParse("Basic " + Encode("j.devries:a:b::c"), out var user, out var password));
        Assert.Equal(("j.devries", "a:b::c"), (user, password));
    }

    [Fact]
    public void Utf8_is_decoded_and_surrounding_white_space_and_extra_spaces_are_ignored()
    {
        Assert.True(BasicCredentials.TryParse("  Basic   " + Encode("test:123£") + " \t", out var user, out var password));
        Assert.Equal(("test", "123£"), (user, password));
    }

    [Fact]
    public void An_empty_password_is_passed_on_for_verification_to_refuse()
    {
        Assert.True(BasicCredentials.TryParse("Basic " + Encode("j.devries:"), out var user, out var password));
        Assert.Equal(("j.devries", string.Empty), (user, password));
    }

    public static TheoryData<string?> Malformed() => new()
    {
        null,
        string.Empty,
        "Basic",
        "Basic ",
        "Bearer " + Encode("a:b"),
        "Basicx " + Encode("a:b"),
        "Basic\t" + Encode("a:b"),
        "Digest username=\"a\"",
        "Basic " + Encode("no-colon"),
        "Basic " + Encode(":password-without-user"),
        "Basic " + Encode("a:b") + " extra",
        "Basic " + Encode("j:pw").TrimEnd('='),
        "Basic YW=6Yg==",
        "Basic !!!!",
        "Basic " + Convert.ToBase64String([0x61, 0x3a, 0xff, 0xfe]),
        "Basic " + Encode("a:b\r\nX-Injected: 1"),
        "Basic " + Encode("a\u0000:b"),
        "Basic " + Encode("a:b\u007f"),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_values_are_rejected_with_empty_outputs(string? value)
    {
        Assert.False(BasicCredentials.TryParse(value, out var user, out var password));
        Assert.Equal((string.Empty, string.Empty), (user, password));
    }
}
