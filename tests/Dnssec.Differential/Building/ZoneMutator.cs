using System.Globalization;
using Dnssec.Crypto;
using Dnssec.Differential.Generation;
using Dnssec.Wire;

namespace Dnssec.Differential.Building;

/// <summary>
/// Applies the zone mutations to what the signer wrote, the way an operator's mistake or an attacker's edit would
/// leave a served zone: records and signatures removed, octets and fields changed, RRSIGs and RRsets taken from other
/// signings of the same zone (expired, not yet valid, earlier with other data, or by a retired key).
/// </summary>
public sealed class ZoneMutator(
    HierarchySpec spec,
    int slot,
    string directory,
    IReadOnlyDictionary<string, IReadOnlyList<ZoneKey>> keys,
    IReadOnlyDictionary<string, List<string>> ds,
    ZoneSigner signer,
    KeyPool pool,
    DateTimeOffset now)
{
    private int _variants;

    /// <summary>Applies <paramref name="mutation"/> to its zone's served file; the reason it could not, or null when it did.</summary>
    public async Task<string?> ApplyAsync(MutationSpec mutation, Random random, CancellationToken cancellationToken)
    {
        ZoneSpec zone = spec.Zone(mutation.Zone);
        string file = Path.Combine(directory, "signed", zone.Stem + ".zone");
        SignedZone signed = SignedZone.Load(zone.Name, file);
        string owner = mutation.Owner ?? zone.Name;
        string type = mutation.Type ?? "";
        var choice = new Random(mutation.Seed);
        string? failure = mutation.Kind switch
        {
            MutationKind.RrsigExpired => await FromVariantAsync(signed, zone, owner, type, SigningWindow.Expired(now), null, signaturesOnly: true, cancellationToken).ConfigureAwait(false),
            MutationKind.RrsigNotYetValid => await FromVariantAsync(signed, zone, owner, type, SigningWindow.NotYetValid(now), null, signaturesOnly: true, cancellationToken).ConfigureAwait(false),
            MutationKind.ReplayedOldSigning => await FromVariantAsync(signed, zone, owner, type, SigningWindow.Earlier(now), null, signaturesOnly: false, cancellationToken).ConfigureAwait(false),
            MutationKind.ReplayedRetiredKey => await FromVariantAsync(signed, zone, owner, type, SigningWindow.Earlier(now), RetiredKey(zone, random), signaturesOnly: false, cancellationToken).ConfigureAwait(false),
            MutationKind.SignatureByteFlipped => EditSignature(signed, owner, type, choice, FlipOctet),
            MutationKind.LabelsChanged => EditSignature(signed, owner, type, choice, line =>
            {
                // Never below the signer's label count, which named refuses to load ("out of range").
                int labels = int.Parse(line.Data[2], CultureInfo.InvariantCulture);
                bool fewer = labels > Names.LabelCount(line.Data[7].ToLowerInvariant()) && choice.Next(2) == 0;
                line.Data[2] = (fewer ? labels - 1 : labels + 1).ToString(CultureInfo.InvariantCulture);
            }),
            MutationKind.RrsigRemoved => signed.RemoveSignatures(owner, type) ? null : $"no RRSIG over {owner} {type}",
            MutationKind.DsRemoved => signed.RemoveWithSignatures(owner, "DS") ? null : $"no DS at {owner}",
            MutationKind.DnskeyRemoved => signed.RemoveWithSignatures(zone.Name, "DNSKEY") ? null : "no DNSKEY",
            MutationKind.DenialRecordRemoved => RemoveDenial(signed, zone, owner),
            MutationKind.ExtraRecord => AddRecord(signed, owner, type),
            MutationKind.TtlRaised => RaiseTtl(signed, owner, type),
            MutationKind.Nsec3IterationsChanged => ChangeIterations(signed, choice),
            _ => $"{mutation.Kind} is no zone mutation",
        };
        if (failure is null)
        {
            signed.Save(file);
        }

        return failure;
    }

    /// <summary>
    /// Signs another version of the zone (in <paramref name="window"/>, with other data for the RRset when
    /// <paramref name="signaturesOnly"/> is false, by <paramref name="retired"/> alone when given) and puts that
    /// version's RRSIGs, or RRset and RRSIGs, in place of the served ones.
    /// </summary>
    private async Task<string?> FromVariantAsync(SignedZone signed, ZoneSpec zone, string owner, string type, SigningWindow window, ZoneKey? retired, bool signaturesOnly, CancellationToken cancellationToken)
    {
        if (signed.Signatures(owner, type).Count == 0)
        {
            return $"no RRSIG over {owner} {type}";
        }

        int variant = Interlocked.Increment(ref _variants);
        string source = Path.Combine(directory, "variants", string.Create(CultureInfo.InvariantCulture, $"{zone.Stem}.{variant}.zone"));
        string output = source + ".signed";
        var zoneKeys = new Dictionary<string, IReadOnlyList<ZoneKey>>(keys);
        if (retired is not null)
        {
            zoneKeys[zone.Name] = [retired];
        }

        (string, string, string[])? replace = signaturesOnly ? null : (owner, type, [OldData(type)]);
        await File.WriteAllTextAsync(source, HierarchyBuilder.ZoneText(spec, zone, slot, zoneKeys, ds, replace), cancellationToken).ConfigureAwait(false);
        await signer.SignAsync(zone, source, output, retired is null ? HierarchyBuilder.Signing(keys[zone.Name]) : [retired], window, cancellationToken).ConfigureAwait(false);
        SignedZone other = SignedZone.Load(zone.Name, output);
        List<ZoneLine> taken = signaturesOnly
            ? other.Signatures(owner, type)
            : [.. other.Rrset(owner, type), .. other.Signatures(owner, type)];
        if (taken.Count == 0)
        {
            return $"the other signing has no RRSIG over {owner} {type}";
        }

        return signed.Replace(owner, type, l => !signaturesOnly || l.Type == "RRSIG", taken) ? null : $"no {owner} {type} to replace";
    }

    /// <summary>A key of the zone's algorithm that the zone does not publish: the key it signed with before a rollover.</summary>
    private ZoneKey RetiredKey(ZoneSpec zone, Random random)
    {
        KeySpec model = zone.Keys.First(k => k.Signs);
        var spec = new KeySpec { Id = "retired", Role = KeyRole.Csk, Algorithm = model.Algorithm, Bits = model.Bits };
        PoolKey key = pool.Pick(model.Algorithm, model.Bits, random, [.. keys.Values.SelectMany(k => k).Select(k => k.Source)]);
        return KeyPool.Materialize(key, spec, zone.Name, 257, Path.Combine(directory, "retired", zone.Stem));
    }

    private static string OldData(string type) => type switch
    {
        "A" => "192.0.2.250",
        "AAAA" => "2001:db8::fffe",
        "TXT" => "\"replayed from an earlier signing\"",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "only A, AAAA and TXT get other data"),
    };

    private static string? EditSignature(SignedZone signed, string owner, string type, Random choice, Action<ZoneLine> edit)
    {
        List<ZoneLine> signatures = signed.Signatures(owner, type);
        if (signatures.Count == 0)
        {
            return $"no RRSIG over {owner} {type}";
        }

        edit(signatures[choice.Next(signatures.Count)]);
        return null;
    }

    /// <summary>Changes one base64 character in the middle of the signature, so that the record stays well-formed but no longer verifies.</summary>
    private static void FlipOctet(ZoneLine line)
    {
        char[] signature = string.Concat(line.Data[8..]).ToCharArray();
        int middle = signature.Length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        line.Data = [.. line.Data[..8], new string(signature)];
    }

    private static string? RemoveDenial(SignedZone signed, ZoneSpec zone, string owner)
    {
        string target = owner;
        string type = "NSEC";
        if (zone.Denial!.Kind == DenialKind.Nsec3)
        {
            Span<byte> hash = stackalloc byte[Nsec3Hasher.HashLength];
            Nsec3Hasher.Compute(DnsName.Parse(owner), Convert.FromHexString(zone.Denial.Salt), zone.Denial.Iterations, hash);
            target = Names.Child(Nsec3Hasher.ToLabel(hash), zone.Name);
            type = "NSEC3";
        }

        return signed.RemoveWithSignatures(target, type) ? null : $"no {type} at {target} (for {owner})";
    }

    private static string? AddRecord(SignedZone signed, string owner, string type)
    {
        List<ZoneLine> rrset = signed.Rrset(owner, type);
        if (rrset.Count == 0)
        {
            return $"no {owner} {type}";
        }

        string data = type switch { "A" => "192.0.2.253", "AAAA" => "2001:db8::fffd", _ => "\"added after signing\"" };
        ZoneLine extra = ZoneLine.Create(rrset[0].Owner, rrset[0].Ttl, type, data);
        signed.Lines.Insert(signed.Lines.IndexOf(rrset[^1]) + 1, extra);
        return null;
    }

    private static string? RaiseTtl(SignedZone signed, string owner, string type)
    {
        List<ZoneLine> rrset = signed.Rrset(owner, type);
        if (rrset.Count == 0)
        {
            return $"no {owner} {type}";
        }

        foreach (ZoneLine line in rrset)
        {
            line.Ttl = "86400";
        }

        return null;
    }

    /// <summary>Every NSEC3 record claims other iterations than it was hashed with: sometimes above the RFC 9276 limit, sometimes not.</summary>
    private static string? ChangeIterations(SignedZone signed, Random choice)
    {
        List<ZoneLine> records = signed.Lines.FindAll(l => l.Type == "NSEC3");
        if (records.Count == 0)
        {
            return "no NSEC3 records";
        }

        int current = int.Parse(records[0].Data[2], CultureInfo.InvariantCulture);
        int changed = choice.Next(2) == 0 ? choice.Next(151, 301) : current == 0 ? 1 : current - 1;
        foreach (ZoneLine line in records)
        {
            line.Data[2] = changed.ToString(CultureInfo.InvariantCulture);
        }

        return null;
    }
}
