using System.Buffers.Binary;
using System.CommandLine;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec anchors import [FILE] --state STATE`: starts RFC 5011 trust points from anchors an operator trusts — a signed
/// root-anchors.xml, DNSKEY lines or Unbound's autotrust file; without FILE, the root anchor shipped in the library, as
/// unbound-anchor bootstraps from its built-in one — and writes them into the state file under its lock.
/// </summary>
internal static class AnchorsImportCommand
{
    private const string Name = "dnssec anchors import";

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file")
        {
            Description = "root-anchors.xml (with --signature and --ca), DNSKEY lines in zone-file form, or Unbound's autotrust file. Without FILE: the root anchor shipped with dnssec, its keys valid at --time (as unbound-anchor's built-in anchor).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var state = AnchorsCommand.StateOption();
        var signature = new Option<FileInfo?>("--signature") { Description = "The detached CMS signature of root-anchors.xml (root-anchors.p7s, DER)." };
        var ca = new Option<FileInfo?>("--ca") { Description = "PEM certificates of the CA the signature must chain to (icannbundle.pem)." };
        var time = new Option<string?>("--time") { Description = "Check the signature and start the trust points as of this time: ISO 8601, YYYYMMDDHHmmSS or Unix seconds (default: now)." };
        var command = new Command("import", "Start tracking the anchors of FILE, or without FILE the shipped root anchor (the bootstrap of a new state, like unbound-anchor); trust points of other zones in the state are kept, the same zone's is replaced.\nExit status: 0 imported and every zone has a usable anchor, 1 imported but a zone has no usable anchor, 2 a signature or the file was refused, 3 usage or I/O error.")
        {
            file, state, signature, ca, time,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(file), result.GetValue(state)!, result.GetValue(signature), result.GetValue(ca), result.GetValue(time), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? file, FileInfo state, FileInfo? signature, FileInfo? ca, string? timeText, CancellationToken cancellationToken)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (timeText is not null && !TimeArgument.TryParse(timeText, out now))
        {
            Console.Error.WriteLine($"{Name}: --time '{timeText}' is not a time (use ISO 8601, YYYYMMDDHHmmSS or Unix seconds)");
            return ExitCodes.UsageOrIo;
        }

        if (file is null && signature is not null)
        {
            Console.Error.WriteLine($"{Name}: --signature and --ca check a root-anchors.xml; give it as FILE");
            return ExitCodes.UsageOrIo;
        }

        if ((signature is null) != (ca is null))
        {
            Console.Error.WriteLine($"{Name}: --signature and --ca go together");
            return ExitCodes.UsageOrIo;
        }

        foreach (FileInfo input in new[] { file, signature, ca }.OfType<FileInfo>().Where(f => !f.Exists))
        {
            Console.Error.WriteLine($"{Name}: {input.FullName}: no such file");
            return ExitCodes.UsageOrIo;
        }

        Imported imported;
        try
        {
            imported = file is null ? ReadShipped(now) : signature is null ? ReadUnsigned(file, now) : ReadSigned(file, signature, ca!, now);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{Name}: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
        catch (FormatException exception)
        {
            // Malformed anchor lines, or a root-anchors.xml whose signature is good but whose XML is not.
            Console.Error.WriteLine($"{Name}: {exception.Message}");
            return AnchorsCommand.Refused;
        }

        if (imported.Refusal is not null)
        {
            Console.Error.WriteLine($"{Name}: {imported.Refusal}");
            return AnchorsCommand.Refused;
        }

        return await SaveAsync(state, imported.TrustPoints, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> SaveAsync(FileInfo state, IReadOnlyList<TrustPoint> trustPoints, CancellationToken cancellationToken)
    {
        var store = new AnchorStateStore(state.FullName);
        AnchorStateResult saved = await store.UpdateAsync(
            current => [.. current.Where(c => !trustPoints.Any(t => t.Zone.Equals(c.Zone))), .. trustPoints],
            cancellationToken).ConfigureAwait(false);
        if (!saved.IsSuccess)
        {
            // A state that exists but cannot be read is left as it is: the operator decides, not an import.
            Console.Error.WriteLine($"{Name}: {saved.Reason}; the state file was not changed");
            return ExitCodes.UsageOrIo;
        }

        foreach (TrustPoint trustPoint in trustPoints)
        {
            string tags = string.Join(", ", trustPoint.Keys.Select(k => $"{k.KeyTag} {k.State.ToString().ToUpperInvariant()}"));
            Console.Out.WriteLine($"{trustPoint.Zone}: {trustPoint.Keys.Count} key{(trustPoint.Keys.Count == 1 ? "" : "s")} ({tags}) written to {store.Path}");
        }

        return trustPoints.All(t => t.HasUsableAnchor) ? ExitCodes.Success : AnchorsCommand.Unusable;
    }

    private static Imported ReadSigned(FileInfo xml, FileInfo signature, FileInfo ca, DateTimeOffset now)
    {
        SignedRootAnchorsResult verified = SignedRootAnchors.Load(xml.FullName, signature.FullName, ca.FullName, now);
        if (!verified.IsVerified)
        {
            return Imported.Refused(verified.Reason);
        }

        RootAnchorKey[] current = [.. verified.Keys.Where(k => k.IsValidAt(now))];
        DnsRecord[] dnskeys = [.. current.Select(k => k.Dnskey).OfType<DnsRecord>()];
        if (dnskeys.Length == 0)
        {
            string digests = string.Join(", ", current.Select(k => $"DS {BinaryPrimitives.ReadUInt16BigEndian(k.Ds.Data.Span)}"));
            return Imported.Refused(
                $"{xml.FullName}: the signature is good, but the file has no PublicKey for the keys valid at {AnchorsCommand.FormatTime(now)} " +
                $"({(digests.Length == 0 ? "none" : digests)}); RFC 5011 tracking starts from DNSKEY records, and a DS digest is not one");
        }

        return Create(xml.FullName, dnskeys, now);
    }

    private static Imported ReadShipped(DateTimeOffset now)
    {
        // RFC 7958 §2: a key is an anchor only inside its validFrom–validUntil window; RFC 5011 then follows the roll.
        DnsRecord[] dnskeys = [.. TrustAnchorSet.ShippedRootAnchors().Where(k => k.IsValidAt(now)).Select(k => k.Dnskey).OfType<DnsRecord>()];
        return dnskeys.Length == 0
            ? Imported.Refused($"the shipped root anchor has no key valid at {AnchorsCommand.FormatTime(now)}; import a current root-anchors.xml with --signature and --ca")
            : Create("root-anchors.xml (shipped)", dnskeys, now);
    }

    private static Imported ReadUnsigned(FileInfo file, DateTimeOffset now)
    {
        string text = File.ReadAllText(file.FullName);
        if (text.TrimStart().StartsWith('<'))
        {
            return Imported.Refused($"{file.FullName}: root-anchors.xml is accepted only with its signature; give --signature P7S and --ca PEM");
        }

        if (text.Contains(";;id:", StringComparison.Ordinal))
        {
            AnchorStateResult parsed = UnboundAutotrustFile.Parse(text, file.FullName);
            return parsed.IsSuccess ? new Imported(parsed.TrustPoints, null) : Imported.Refused(parsed.Reason!);
        }

        IReadOnlyList<DnsRecord> records = TrustAnchorFile.Load(file.FullName, now);
        if (records.FirstOrDefault(r => r.Type == RecordType.DS) is { } ds)
        {
            return Imported.Refused($"{file.FullName}: {ds.Owner} DS: RFC 5011 tracking starts from DNSKEY records, and a DS digest is not one; give the zone's DNSKEY lines");
        }

        return Create(file.FullName, records, now);
    }

    private static Imported Create(string source, IReadOnlyList<DnsRecord> dnskeys, DateTimeOffset now)
    {
        // TrustPoint.Create would throw for a revoked key; checked here so that the refusal names the file and the key.
        if (dnskeys.FirstOrDefault(r => DnskeyData.From(r).IsRevoked) is { } revoked)
        {
            return Imported.Refused($"{source}: DNSKEY {Crypto.KeyTag.Compute(revoked)} of {revoked.Owner} has the REVOKE flag and cannot start a trust point");
        }

        return new Imported([.. dnskeys.GroupBy(r => r.Owner).Select(zone => TrustPoint.Create(zone.Key, zone, now))], null);
    }

    /// <summary>The trust points read from the input, or why it was refused.</summary>
    private sealed record Imported(IReadOnlyList<TrustPoint> TrustPoints, string? Refusal)
    {
        public static Imported Refused(string reason) => new([], reason);
    }
}
