using System.Formats.Asn1;
using System.Net;
using System.Text;

namespace Dnssec.Dane;

/// <summary>
/// The name constraints of one CA certificate (RFC 5280 §4.2.1.10) and the check of a certificate below it, as OpenSSL
/// makes it: every name of the subject (the subject DN, its emailAddress attributes, each subject alternative name) must
/// lie in a permitted subtree of its type when there are any, and in no excluded subtree; a leaf without DNS names also
/// has each CN that looks like a host name checked against the DNS constraints.
/// </summary>
internal sealed class NameConstraints
{
    /// <summary>The most name-by-constraint comparisons for one certificate, OpenSSL's NAME_CHECK_MAX (a defence against quadratic work).</summary>
    public const int MaxComparisons = 1 << 20;

    private static readonly Asn1Tag PermittedTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag ExcludedTag = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag MinimumTag = new(TagClass.ContextSpecific, 0);

    private readonly List<Subtree> _permitted = [];
    private readonly List<Subtree> _excluded = [];

    private NameConstraints()
    {
    }

    private enum Verdict
    {
        Within,
        Outside,
        Excluded,
        Unsupported,
    }

    /// <summary>How many subtrees there are, permitted and excluded.</summary>
    public int Count => _permitted.Count + _excluded.Count;

    /// <summary>
    /// Reads NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL, excludedSubtrees [1]
    /// GeneralSubtrees OPTIONAL }, GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> encoded, out NameConstraints? constraints)
    {
        constraints = null;
        var read = new NameConstraints();
        try
        {
            ReadOnlySpan<byte> span = encoded.Span;
            AsnDecoder.ReadSequence(span, AsnEncodingRules.BER, out int offset, out int length, out int consumed);
            if (consumed != span.Length)
            {
                return false;
            }

            int position = offset;
            int end = offset + length;
            foreach ((Asn1Tag tag, List<Subtree> into) in new[] { (PermittedTag, read._permitted), (ExcludedTag, read._excluded) })
            {
                if (position < end && Asn1Tag.Decode(span[position..end], out _).HasSameClassAndValue(tag))
                {
                    AsnDecoder.ReadSequence(span[position..end], AsnEncodingRules.BER, out int listOffset, out int listLength, out int listConsumed, tag);
                    if (!TryReadSubtrees(encoded.Slice(position + listOffset, listLength), into))
                    {
                        return false;
                    }

                    position += listConsumed;
                }
            }

            if (position != end)
            {
                return false;
            }
        }
        catch (AsnContentException)
        {
            return false;
        }

        constraints = read;
        return true;
    }

    /// <summary>Whether every name of <paramref name="certificate"/> obeys these constraints; else a sentence that says which does not.</summary>
    /// <param name="certificate">A certificate below the one that carries the constraints.</param>
    /// <param name="leaf">Whether it is the leaf, whose CN may serve as a host name.</param>
    /// <param name="problem">What broke the constraints, when false.</param>
    public bool Allows(CertificateExtensions certificate, bool leaf, out string problem)
    {
        problem = "";
        int names = certificate.Subject.AttributeCount + certificate.AlternativeNames.Count;
        if (names > 0 && Count > MaxComparisons / names)
        {
            problem = $"its {names} names against {Count} name constraints are more comparisons than the limit of {MaxComparisons}";
            return false;
        }

        if (certificate.Subject.AttributeCount > 0)
        {
            if (!Allows(new GeneralName(GeneralNameKind.DirectoryName, default, null), certificate.Subject, "its subject", out problem))
            {
                return false;
            }

            foreach (string? address in certificate.Subject.EmailAddresses)
            {
                if (address is null)
                {
                    problem = "its subject has an emailAddress that is not an IA5String";
                    return false;
                }

                if (!Allows(new GeneralName(GeneralNameKind.Rfc822Name, Encoding.Latin1.GetBytes(address), null), null, $"its subject emailAddress '{Printable(address)}'", out problem))
                {
                    return false;
                }
            }
        }

        bool dnsName = false;
        foreach (GeneralName name in certificate.AlternativeNames)
        {
            dnsName |= name.Kind == GeneralNameKind.DnsName;
            if (!Allows(name, null, Describe(name), out problem))
            {
                return false;
            }
        }

        return !leaf || dnsName || AllowsCommonNames(certificate.Subject, out problem);
    }

    private static bool TryReadSubtrees(ReadOnlyMemory<byte> list, List<Subtree> into)
    {
        int position = 0;
        while (position < list.Length)
        {
            ReadOnlySpan<byte> rest = list.Span[position..];
            AsnDecoder.ReadSequence(rest, AsnEncodingRules.BER, out int offset, out int length, out int consumed);
            ReadOnlyMemory<byte> subtree = list.Slice(position + offset, length);
            position += consumed;
            if (!GeneralName.TryRead(subtree, out GeneralName name, out int read))
            {
                return false;
            }

            // RFC 5280 §4.2.1.10: minimum MUST be zero and maximum MUST be absent; OpenSSL refuses to judge other subtrees.
            bool bounded = false;
            ReadOnlySpan<byte> bounds = subtree.Span[read..];
            while (!bounds.IsEmpty)
            {
                Asn1Tag tag = Asn1Tag.Decode(bounds, out _);
                AsnDecoder.ReadEncodedValue(bounds, AsnEncodingRules.BER, out int valueOffset, out int valueLength, out int valueConsumed);
                bounded |= !tag.HasSameClassAndValue(MinimumTag) || bounds.Slice(valueOffset, valueLength).ContainsAnyExcept((byte)0);
                bounds = bounds[valueConsumed..];
            }

            into.Add(new Subtree(name, bounded));
        }

        return true;
    }

    /// <summary>A CN is held to the DNS constraints when it has the syntax of a host name of two labels or more, as OpenSSL's cn2dnsid decides.</summary>
    private bool AllowsCommonNames(DistinguishedName subject, out string problem)
    {
        problem = "";
        foreach (string? commonName in subject.CommonNames)
        {
            if (commonName is null)
            {
                problem = "its subject has a CN that is not a character string";
                return false;
            }

            string trimmed = commonName.TrimEnd('\0');
            if (trimmed.Contains('\0', StringComparison.Ordinal))
            {
                problem = "its subject CN has a NUL character inside";
                return false;
            }

            if (LooksLikeHostName(trimmed)
                && !Allows(new GeneralName(GeneralNameKind.DnsName, Encoding.ASCII.GetBytes(trimmed), null), null, $"its CN '{trimmed}'", out problem))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeHostName(string text)
    {
        bool dot = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                continue;
            }

            bool inner = i > 0 && i < text.Length - 1;
            if (inner && c == '-')
            {
                continue;
            }

            if (inner && c == '.' && text[i + 1] != '.' && text[i + 1] != '-' && text[i - 1] != '-')
            {
                dot = true;
                continue;
            }

            return false;
        }

        return dot;
    }

    private bool Allows(GeneralName name, DistinguishedName? directory, string what, out string problem)
    {
        Verdict verdict = Judge(name, directory, out string detail);
        problem = verdict switch
        {
            Verdict.Outside => $"{what} lies outside every permitted subtree of its type (RFC 5280 §4.2.1.10)",
            Verdict.Excluded => $"{what} lies in an excluded subtree (RFC 5280 §4.2.1.10)",
            Verdict.Unsupported => $"{what} cannot be checked against the name constraints: {detail}",
            _ => "",
        };
        return verdict == Verdict.Within;
    }

    /// <summary>
    /// Permitted subtrees of the name's type: at least one must hold it, when there are any. Excluded subtrees of its
    /// type: none may. An SmtpUTF8Mailbox counts as an e-mail address; other otherNames compare by type identifier.
    /// </summary>
    private Verdict Judge(GeneralName name, DistinguishedName? directory, out string detail)
    {
        detail = "";
        bool smtpUtf8 = name.Kind == GeneralNameKind.OtherName && name.OtherNameType == GeneralName.SmtpUtf8Mailbox;
        GeneralNameKind kind = smtpUtf8 ? GeneralNameKind.Rfc822Name : name.Kind;
        bool constrained = false;
        bool within = false;
        foreach (Subtree subtree in _permitted)
        {
            if (!SameType(subtree.Base, kind, name))
            {
                continue;
            }

            if (subtree.Bounded)
            {
                detail = "a subtree has a minimum or maximum";
                return Verdict.Unsupported;
            }

            constrained = true;
            if (within)
            {
                continue;
            }

            Verdict verdict = Single(name, smtpUtf8, directory, subtree.Base, out detail);
            if (verdict == Verdict.Unsupported)
            {
                return verdict;
            }

            within = verdict == Verdict.Within;
        }

        if (constrained && !within)
        {
            return Verdict.Outside;
        }

        foreach (Subtree subtree in _excluded)
        {
            if (!SameType(subtree.Base, kind, name))
            {
                continue;
            }

            if (subtree.Bounded)
            {
                detail = "a subtree has a minimum or maximum";
                return Verdict.Unsupported;
            }

            Verdict verdict = Single(name, smtpUtf8, directory, subtree.Base, out detail);
            if (verdict != Verdict.Outside)
            {
                return verdict == Verdict.Within ? Verdict.Excluded : verdict;
            }
        }

        return Verdict.Within;
    }

    private static bool SameType(GeneralName constraint, GeneralNameKind kind, GeneralName name) =>
        constraint.Kind == kind && (kind != GeneralNameKind.OtherName || constraint.OtherNameType == name.OtherNameType);

    /// <summary>Whether one name lies in one subtree: <see cref="Verdict.Within"/>, <see cref="Verdict.Outside"/> or <see cref="Verdict.Unsupported"/>.</summary>
    private static Verdict Single(GeneralName name, bool smtpUtf8, DistinguishedName? directory, GeneralName constraint, out string detail)
    {
        detail = "";
        if (smtpUtf8)
        {
            detail = "internationalized e-mail addresses (SmtpUTF8Mailbox) under e-mail constraints are not supported";
            return Verdict.Unsupported;
        }

        switch (name.Kind)
        {
            case GeneralNameKind.DirectoryName:
                if ((directory is null && !DistinguishedName.TryRead(name.Value.Span, out directory)) || !DistinguishedName.TryRead(constraint.Value.Span, out DistinguishedName? bound))
                {
                    detail = "a directory name is malformed";
                    return Verdict.Unsupported;
                }

                return directory.IsWithin(bound) ? Verdict.Within : Verdict.Outside;
            case GeneralNameKind.DnsName:
                return DnsWithin(name.Value.Span, constraint.Value.Span);
            case GeneralNameKind.Rfc822Name:
                return EmailWithin(name.Value.Span, constraint.Value.Span, out detail);
            case GeneralNameKind.UniformResourceIdentifier:
                return UriWithin(name.Value.Span, constraint.Value.Span, out detail);
            case GeneralNameKind.IPAddress:
                return AddressWithin(name.Value.Span, constraint.Value.Span, out detail);
            default:
                detail = $"constraints on {name.Kind} names are not supported";
                return Verdict.Unsupported;
        }
    }

    /// <summary>A DNS name lies in a subtree when it is the base or has labels added on its left; a base with a leading dot needs at least one.</summary>
    private static Verdict DnsWithin(ReadOnlySpan<byte> name, ReadOnlySpan<byte> constraint)
    {
        if (constraint.IsEmpty)
        {
            return Verdict.Within;
        }

        if (name.Length < constraint.Length)
        {
            return Verdict.Outside;
        }

        int start = name.Length - constraint.Length;
        if (start > 0 && constraint[0] != '.' && name[start - 1] != '.')
        {
            return Verdict.Outside;
        }

        return EqualIgnoringCase(name[start..], constraint) ? Verdict.Within : Verdict.Outside;
    }

    /// <summary>
    /// An e-mail address lies in a subtree that is a whole mailbox (local part compared exactly), a host (compared
    /// whole), or a domain with a leading dot (any host below it).
    /// </summary>
    private static Verdict EmailWithin(ReadOnlySpan<byte> address, ReadOnlySpan<byte> constraint, out string detail)
    {
        detail = "";
        int at = address.LastIndexOf((byte)'@');
        if (at < 0)
        {
            detail = "an e-mail address has no '@'";
            return Verdict.Unsupported;
        }

        int constraintAt = constraint.LastIndexOf((byte)'@');
        if (constraintAt < 0 && !constraint.IsEmpty && constraint[0] == '.')
        {
            return address.Length > constraint.Length && EqualIgnoringCase(address[^constraint.Length..], constraint) ? Verdict.Within : Verdict.Outside;
        }

        ReadOnlySpan<byte> host = constraint;
        if (constraintAt >= 0)
        {
            if (constraintAt > 0)
            {
                if (constraintAt != at)
                {
                    return Verdict.Outside;
                }

                if (constraint[..constraintAt].Contains((byte)0) || address[..at].Contains((byte)0))
                {
                    detail = "an e-mail address has a NUL character";
                    return Verdict.Unsupported;
                }

                if (!constraint[..constraintAt].SequenceEqual(address[..at]))
                {
                    return Verdict.Outside;
                }
            }

            host = constraint[(constraintAt + 1)..];
        }

        return EqualIgnoringCase(host, address[(at + 1)..]) ? Verdict.Within : Verdict.Outside;
    }

    /// <summary>A URI lies in a subtree by its host: the same host, or any host below a base with a leading dot.</summary>
    private static Verdict UriWithin(ReadOnlySpan<byte> uri, ReadOnlySpan<byte> constraint, out string detail)
    {
        detail = "a URI has no scheme://host";
        int colon = uri.IndexOf((byte)':');
        if (colon < 0 || uri.Length - colon < 3 || uri[colon + 1] != '/' || uri[colon + 2] != '/')
        {
            return Verdict.Unsupported;
        }

        ReadOnlySpan<byte> host = uri[(colon + 3)..];
        int hostEnd = host.IndexOf((byte)':');
        if (hostEnd < 0)
        {
            hostEnd = host.IndexOf((byte)'/');
        }

        host = hostEnd < 0 ? host : host[..hostEnd];
        if (host.IsEmpty)
        {
            return Verdict.Unsupported;
        }

        detail = "";
        if (!constraint.IsEmpty && constraint[0] == '.')
        {
            return host.Length > constraint.Length && EqualIgnoringCase(host[^constraint.Length..], constraint) ? Verdict.Within : Verdict.Outside;
        }

        return EqualIgnoringCase(host, constraint) ? Verdict.Within : Verdict.Outside;
    }

    /// <summary>An address lies in a subtree of its own family whose address and mask it matches under the mask.</summary>
    private static Verdict AddressWithin(ReadOnlySpan<byte> address, ReadOnlySpan<byte> constraint, out string detail)
    {
        detail = "";
        if (address.Length is not (4 or 16) || constraint.Length is not (8 or 32))
        {
            detail = "an IP address or range has a length other than IPv4's or IPv6's";
            return Verdict.Unsupported;
        }

        if (constraint.Length != 2 * address.Length)
        {
            return Verdict.Outside;
        }

        ReadOnlySpan<byte> mask = constraint[address.Length..];
        for (int i = 0; i < address.Length; i++)
        {
            if ((address[i] & mask[i]) != (constraint[i] & mask[i]))
            {
                return Verdict.Outside;
            }
        }

        return Verdict.Within;
    }

    /// <summary>IA5 text compared as OpenSSL does: octet for octet, ASCII letters without regard to case.</summary>
    private static bool EqualIgnoringCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i] && (!char.IsAsciiLetter((char)left[i]) || (left[i] | 0x20) != (right[i] | 0x20)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(GeneralName name) => name.Kind switch
    {
        GeneralNameKind.DnsName => $"its DNS name '{Printable(Encoding.Latin1.GetString(name.Value.Span))}'",
        GeneralNameKind.Rfc822Name => $"its e-mail address '{Printable(Encoding.Latin1.GetString(name.Value.Span))}'",
        GeneralNameKind.UniformResourceIdentifier => $"its URI '{Printable(Encoding.Latin1.GetString(name.Value.Span))}'",
        GeneralNameKind.IPAddress when name.Value.Length is 4 or 16 => $"its IP address {new IPAddress(name.Value.Span)}",
        _ => $"its {name.Kind} name",
    };

    /// <summary>Names come from the peer: only printable ASCII goes into a message, and not too much of it.</summary>
    private static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 64));
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, 64)))
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return text.Length > 64 ? builder.Append('…').ToString() : builder.ToString();
    }

    /// <summary>One permitted or excluded subtree; <paramref name="Bounded"/> when it has a minimum other than 0 or a maximum.</summary>
    private readonly record struct Subtree(GeneralName Base, bool Bounded);
}
