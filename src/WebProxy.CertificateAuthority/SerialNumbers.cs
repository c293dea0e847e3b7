using System.Security.Cryptography;

namespace WebProxy.CertificateAuthority;

/// <summary>Random certificate serial numbers.</summary>
internal static class SerialNumbers
{
    private const int Length = 16;

    /// <summary>
    /// A random positive 16-byte serial. RFC 5280 §4.1.2.2 requires a positive integer of at most 20 octets;
    /// unpredictable serials are what the CA/Browser Forum asks for (at least 64 random bits). The top bit is
    /// cleared so DER does not read the value as negative, and the next bit set so the first octet is never zero
    /// (DER forbids a redundant leading zero); 126 random bits remain.
    /// </summary>
    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(Length);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }
}
