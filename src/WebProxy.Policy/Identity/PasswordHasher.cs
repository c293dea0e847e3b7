using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace WebProxy.Policy.Identity;

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 password hashes for the directory (issue 4), encoded as one string:
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt, base64&gt;$&lt;hash, base64&gt;</c>. The iteration count travels with
/// the hash, so the default can be raised later and old hashes still verify (<see cref="NeedsRehash"/> tells when to
/// re-hash at the next successful login).
/// <para>
/// Cost: one verification at <see cref="DefaultIterations"/> takes about 0.3 s of CPU. That is the point (it slows down
/// guessing from a stolen directory file), but it means the proxy must not verify on every request: it caches a
/// successful verification for the connection (the identity lives in memory for the connection only) and should
/// bound concurrent verifications, or a client sending wrong passwords can keep the CPUs busy.
/// </para>
/// </summary>
public static class PasswordHasher
{
    /// <summary>The identifier at the start of every encoding.</summary>
    public const string Algorithm = "pbkdf2-sha256";

    /// <summary>
    /// 600,000: the OWASP Password Storage Cheat Sheet's recommendation for PBKDF2-HMAC-SHA256 (2023), chosen so that one
    /// guess costs an attacker as much as with its recommended bcrypt/scrypt/Argon2id settings. PBKDF2 is used rather
    /// than Argon2id because it is in .NET itself (no new package) and FIPS-approved.
    /// </summary>
    public const int DefaultIterations = 600_000;

    /// <summary>
    /// Encodings with fewer iterations are refused: a tampered or careless file must not weaken the hash. 100,000 is
    /// the NIST SP 800-132-era floor that tests use for speed.
    /// </summary>
    public const int MinimumIterations = 100_000;

    /// <summary>Encodings with more iterations are refused, so one bad entry cannot make a login take minutes.</summary>
    public const int MaximumIterations = 10_000_000;

    /// <summary>Random salt per password, 128 bits (NIST SP 800-132 asks for at least 128).</summary>
    public const int SaltBytes = 16;

    /// <summary>The derived key: the size of SHA-256's output; longer would only cost the defender.</summary>
    public const int HashBytes = 32;

    /// <summary>How errors describe the encoding.</summary>
    public const string FormatDescription = "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>";

    // Salts from other tools may be longer; shorter than 16 bytes is not accepted.
    private const int MaximumSaltBytes = 64;

    /// <summary>Hashes a new password with <see cref="DefaultIterations"/> and a fresh random salt.</summary>
    public static string Hash(string password) => Hash(password, DefaultIterations);

    /// <summary>Hashes a new password with the given iteration count (at least <see cref="MinimumIterations"/>).</summary>
    /// <exception cref="ArgumentException">The password is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The iteration count is outside the accepted range.</exception>
    public static string Hash(string password, int iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaximumIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Algorithm}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="encoded"/>. Never throws: a null or empty password, a
    /// null or malformed encoding, or an iteration count outside the accepted range is simply false. The comparison of
    /// the derived keys takes the same time wherever they differ.
    /// </summary>
    public static bool Verify(string? password, string? encoded)
    {
        if (string.IsNullOrEmpty(password) || !TryDecode(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Whether <paramref name="encoded"/> is an encoding <see cref="Verify"/> would check.</summary>
    public static bool IsWellFormed(string? encoded) => TryDecode(encoded, out _, out _, out _);

    /// <summary>Whether a well-formed encoding uses fewer iterations than <see cref="DefaultIterations"/>.</summary>
    public static bool NeedsRehash(string? encoded) =>
        !TryDecode(encoded, out var iterations, out _, out _) || iterations < DefaultIterations;

    private static bool TryDecode(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        if (encoded is null)
        {
            return false;
        }

        var parts = encoded.Split('$');
        if (parts.Length != 4 || !string.Equals(parts[0], Algorithm, StringComparison.Ordinal))
        {
            return false;
        }

        // Digits only: no sign, no spaces, no leading zero (one spelling per number).
        var count = parts[1];
        if (count.Length is 0 or > 9 || count[0] == '0' || !count.All(char.IsAsciiDigit)
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < MinimumIterations or > MaximumIterations)
        {
            return false;
        }

        return TryBase64(parts[2], out salt) && salt.Length is >= SaltBytes and <= MaximumSaltBytes
            && TryBase64(parts[3], out hash) && hash.Length == HashBytes;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = [];
        // Base64.IsValid and Convert skip white space; the encoding has none.
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            || !Base64.IsValid(text, out var length))
        {
            return false;
        }

        bytes = new byte[length];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == length;
    }
}
