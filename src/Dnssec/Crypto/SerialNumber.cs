namespace Dnssec.Crypto;

/// <summary>Serial-number arithmetic on 32-bit values (RFC 1982), which RRSIG times use so that they wrap in 2106 (RFC 4034 §3.1.5).</summary>
public static class SerialNumber
{
    /// <summary>Compares two serial numbers: negative when <paramref name="left"/> is before <paramref name="right"/>.</summary>
    /// <remarks>Values exactly 2^31 apart are undefined by RFC 1982; they are ordered as plain integers here, so the result is stable.</remarks>
    public static int Compare(uint left, uint right)
    {
        if (left == right)
        {
            return 0;
        }

        int difference = unchecked((int)(left - right));
        if (difference == int.MinValue)
        {
            return left < right ? -1 : 1;
        }

        return difference < 0 ? -1 : 1;
    }

    /// <summary>The serial value of a point in time: seconds since 1970 modulo 2^32.</summary>
    public static uint FromTime(DateTimeOffset time) => unchecked((uint)time.ToUnixTimeSeconds());

    /// <summary>The point in time nearest to <paramref name="reference"/> whose serial value is <paramref name="serial"/>.</summary>
    public static DateTimeOffset ToTime(uint serial, DateTimeOffset reference)
    {
        long now = reference.ToUnixTimeSeconds();
        long offset = unchecked((int)(serial - (uint)now));
        return DateTimeOffset.FromUnixTimeSeconds(now + offset);
    }
}
