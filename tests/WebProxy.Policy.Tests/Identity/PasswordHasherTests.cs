using WebProxy.Policy.Identity;

namespace WebProxy.Policy.Tests.Identity;

// Hashing at 600,000 iterations takes about 0.3 s, so every test but one uses the minimum (100,000).
public sealed class PasswordHasherTests
{
    private const int Fast = PasswordHasher.MinimumIterations;

    private static readonly string Encoded = Municipality.PasswordHash;

    [Fact]
    public void A_hash_verifies_its_password()
    {
        Assert.True(PasswordHasher.Verify(Municipality.Password, Encoded));
    }

    [Fact]
    public void The_default_hash_uses_600000_iterations_a_16_byte_salt_and_a_32_byte_hash()
    {
        var encoded = PasswordHasher.Hash("s3cret!");
        var parts = encoded.Split('$');
        Assert.Equal(["pbkdf2-sha256", "600000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.False(PasswordHasher.NeedsRehash(encoded));
        Assert.True(PasswordHasher.NeedsRehash(Encoded));
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time_because_of_the_salt()
    {
        var other = PasswordHasher.Hash(Municipality.Password, Fast);
        Assert.NotEqual(Encoded, other);
        Assert.True(PasswordHasher.Verify(Municipality.Password, other));
    }

    [Theory]
    [InlineData("correct horse battery stapl")]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    [InlineData("")]
    [InlineData(null)]
    public void A_wrong_password_does_not_verify(string? password)
    {
        Assert.False(PasswordHasher.Verify(password, Encoded));
    }

    [Fact]
    public void Non_ascii_passwords_are_hashed_as_utf8()
    {
        var encoded = PasswordHasher.Hash("wachtwoord-één-🔑", Fast);
        Assert.True(PasswordHasher.Verify("wachtwoord-één-🔑", encoded));
        Assert.False(PasswordHasher.Verify("wachtwoord-een-🔑", encoded));
    }

    [Fact]
    public void A_tampered_hash_or_salt_does_not_verify()
    {
        var parts = Encoded.Split('$');
        var hash = Convert.FromBase64String(parts[3]);
        hash[^1] ^= 1;
        Assert.False(PasswordHasher.Verify(Municipality.Password, string.Join('$', parts[0], parts[1], parts[2], Convert.ToBase64String(hash))));
        var salt = Convert.FromBase64String(parts[2]);
        salt[0] ^= 1;
        Assert.False(PasswordHasher.Verify(Municipality.Password, string.Join('$', parts[0], parts[1], Convert.ToBase64String(salt), parts[3])));
        // A different iteration count derives a different key.
        Assert.False(PasswordHasher.Verify(Municipality.Password, string.Join('$', parts[0], "100001", parts[2], parts[3])));
    }

    public static TheoryData<string?> Malformed()
    {
        var p = Municipality.PasswordHash.Split('$');
        return new TheoryData<string?>
        {
            null,
            string.Empty,
            "plain-text-password",
            string.Join('$', "pbkdf2-sha512", p[1], p[2], p[3]),
            string.Join('$', "PBKDF2-SHA256", p[1], p[2], p[3]),
            string.Join('$', p[0], p[1], p[2]),
            string.Join('$', p[0], p[1], p[2], p[3], "extra"),
            string.Join('$', p[0], "99999", p[2], p[3]),
            string.Join('$', p[0], "1000", p[2], p[3]),
            string.Join('$', p[0], "0", p[2], p[3]),
            string.Join('$', p[0], "-600000", p[2], p[3]),
            string.Join('$', p[0], "+600000", p[2], p[3]),
            string.Join('$', p[0], "0100000", p[2], p[3]),
            string.Join('$', p[0], "1e6", p[2], p[3]),
            string.Join('$', p[0], "99999999999", p[2], p[3]),
            string.Join('$', p[0], "10000001", p[2], p[3]),
            string.Join('$', p[0], p[1], "", p[3]),
            string.Join('$', p[0], p[1], "not base64!", p[3]),
            string.Join('$', p[0], p[1], Convert.ToBase64String(new byte[8]), p[3]),
            string.Join('$', p[0], p[1], p[2], Convert.ToBase64String(new byte[16])),
            string.Join('$', p[0], p[1], p[2], p[3][..^4]),
            string.Join('$', p[0], p[1], p[2], " " + p[3]),
            string.Join('$', p[0], p[1], p[2][..8] + "\n" + p[2][8..], p[3]),
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_encoding_or_a_low_iteration_count_is_false_never_an_exception(string? encoded)
    {
        Assert.False(PasswordHasher.IsWellFormed(encoded));
        Assert.False(PasswordHasher.Verify(Municipality.Password, encoded));
    }

    [Fact]
    public void Hash_refuses_an_empty_password_and_iteration_counts_outside_the_range()
    {
        Assert.Throws<ArgumentException>(() => PasswordHasher.Hash(string.Empty, Fast));
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHasher.Hash("x", 99_999));
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHasher.Hash("x", PasswordHasher.MaximumIterations + 1));
    }
}
