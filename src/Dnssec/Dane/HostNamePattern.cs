namespace Dnssec.Dane;

/// <summary>
/// Matches a presented identifier (a DNS name of the certificate, or its CN) against a reference host name as
/// OpenSSL's X509_check_host does without flags, which is what its DANE support uses (RFC 6125 §6.4).
/// </summary>
/// <remarks>
/// A wildcard counts only when the presented identifier is a syntactically valid host name with at least three labels,
/// one '*' in the left-most label, at the start or at the end of that label (<c>*.example.com</c>, <c>w*.example.com</c>,
/// <c>*w.example.com</c>; RFC 6125 §6.4.3 allows these, and also <c>b*z</c>, which OpenSSL does not), and that label is
/// not an A-label (<c>xn--</c>). The '*' stands for letters, digits and hyphens within one label; as the whole label it
/// must stand for at least one character and may stand for an A-label, while a partial wildcard never matches an
/// A-label. Any other identifier compares as a whole, ASCII letters without regard to case.
/// </remarks>
internal static class HostNamePattern
{
    /// <summary>Whether <paramref name="presented"/> stands for <paramref name="host"/> (no trailing dot).</summary>
    public static bool Matches(ReadOnlySpan<char> presented, ReadOnlySpan<char> host)
    {
        if (presented.IsEmpty)
        {
            return false;
        }

        int star = WildcardPosition(presented);
        return star < 0
            ? EqualIgnoringAsciiCase(presented, host)
            : WildcardMatches(presented[..star], presented[(star + 1)..], host);
    }

    /// <summary>
    /// The position of the one usable '*', or -1: a host name syntax check in one pass (letters, digits and hyphens,
    /// no label that starts or ends with a hyphen or is empty, at least two dots) that also places the '*'.
    /// </summary>
    private static int WildcardPosition(ReadOnlySpan<char> pattern)
    {
        int star = -1;
        int dots = 0;
        bool labelStart = true;
        bool hyphenLast = false;
        bool aLabel = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*')
            {
                bool atEnd = i == pattern.Length - 1 || pattern[i + 1] == '.';
                if (star >= 0 || aLabel || dots > 0 || (!labelStart && !atEnd))
                {
                    return -1;
                }

                star = i;
                labelStart = false;
                hyphenLast = false;
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                if (labelStart && pattern[i..].StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
                {
                    aLabel = true;
                }

                labelStart = false;
                hyphenLast = false;
            }
            else if (c == '.')
            {
                if (labelStart || hyphenLast)
                {
                    return -1;
                }

                labelStart = true;
                aLabel = false;
                dots++;
            }
            else if (c == '-')
            {
                if (labelStart)
                {
                    return -1;
                }

                hyphenLast = true;
            }
            else
            {
                return -1;
            }
        }

        return labelStart || hyphenLast || dots < 2 ? -1 : star;
    }

    private static bool WildcardMatches(ReadOnlySpan<char> prefix, ReadOnlySpan<char> suffix, ReadOnlySpan<char> host)
    {
        if (host.Length < prefix.Length + suffix.Length
            || !EqualIgnoringAsciiCase(prefix, host[..prefix.Length])
            || !EqualIgnoringAsciiCase(suffix, host[^suffix.Length..]))
        {
            return false;
        }

        ReadOnlySpan<char> standsFor = host[prefix.Length..^suffix.Length];
        bool wholeLabel = prefix.IsEmpty && suffix[0] == '.';
        if (wholeLabel && standsFor.IsEmpty)
        {
            return false;
        }

        // RFC 6125 §6.4.3: no partial wildcard for an internationalized label.
        if (!wholeLabel && host.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A literal '*' in the reference identifier matches the wildcard itself.
        if (standsFor is "*")
        {
            return true;
        }

        foreach (char c in standsFor)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Equal length and equal characters, ASCII letters without regard to case; a NUL in the pattern never matches.</summary>
    private static bool EqualIgnoringAsciiCase(ReadOnlySpan<char> pattern, ReadOnlySpan<char> subject)
    {
        if (pattern.Length != subject.Length)
        {
            return false;
        }

        for (int i = 0; i < pattern.Length; i++)
        {
            char left = pattern[i];
            char right = subject[i];
            if (left == '\0')
            {
                return false;
            }

            if (left != right && (!char.IsAsciiLetter(left) || (left | 0x20) != (right | 0x20)))
            {
                return false;
            }
        }

        return true;
    }
}
