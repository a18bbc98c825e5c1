using System.Text;
using Dnssec.Differential.Generation;
using Dnssec.Wire;

namespace Dnssec.Differential.Serving;

/// <summary>
/// The wire mutations of one hierarchy: the targeted ones change the responses to their question, the benign ones every
/// response. A response the proxy cannot parse, or one that is truncated, passes unchanged.
/// </summary>
public sealed class WireMutator
{
    private readonly List<MutationSpec> _targeted;
    private readonly List<MutationSpec> _benign;
    private int _applied;

    /// <summary>The mutator for <paramref name="mutations"/> (the others are ignored).</summary>
    public WireMutator(IEnumerable<MutationSpec> mutations)
    {
        _targeted = [.. mutations.Where(m => MutationKinds.IsWire(m.Kind))];
        _benign = [.. mutations.Where(m => MutationKinds.IsBenign(m.Kind))];
    }

    /// <summary>How many responses a targeted mutation has changed so far.</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>Whether there is anything to do at all.</summary>
    public bool IsActive => _targeted.Count > 0 || _benign.Count > 0;

    /// <summary>
    /// The response to send instead of <paramref name="response"/> for <paramref name="question"/>, or null to send it
    /// unchanged. <paramref name="fetch"/> asks the upstream another question, for forgeries built from real records.
    /// </summary>
    public async Task<byte[]?> MutateAsync(DnsQuestion question, byte[] response, Func<DnsName, RecordType, Task<DnsMessage?>> fetch)
    {
        List<MutationSpec> targeted = _targeted.FindAll(m => Matches(m, question) || IsRrsetLevel(m.Kind));
        if (targeted.Count == 0 && _benign.Count == 0)
        {
            return null;
        }

        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(response);
        }
        catch (DnsFormatException)
        {
            return null;
        }

        if ((message.Flags & DnsHeaderFlags.Truncated) != 0)
        {
            return null;
        }

        foreach (MutationSpec mutation in targeted)
        {
            bool changed = Matches(mutation, question)
                ? await ApplyAsync(mutation, question, message, fetch).ConfigureAwait(false)
                : ApplyToRrset(mutation, message);
            if (changed)
            {
                Interlocked.Increment(ref _applied);
            }
        }

        bool uncompressed = false;
        foreach (MutationSpec mutation in _benign)
        {
            // Seeded by the question as well, so that every response is changed its own way, and the same way each time.
            var random = new Random(mutation.Seed ^ StableHash(question));
            switch (mutation.Kind)
            {
                case MutationKind.BenignShuffle:
                    Shuffle(message.Answers, random);
                    Shuffle(message.Authorities, random);
                    Shuffle(message.Additionals, random);
                    break;
                case MutationKind.BenignNameCase:
                    Recase(message.Answers, random);
                    Recase(message.Authorities, random);
                    Recase(message.Additionals, random);
                    break;
                case MutationKind.BenignUncompressed:
                    uncompressed = true;
                    break;
                case MutationKind.BenignExtraUnrelated:
                    message.Additionals.Add(new DnsRecord(DnsName.Parse("unrelated" + random.Next(1000) + ".invalid."), RecordType.A, RecordClass.IN, 300, new byte[] { 192, 0, 2, 77 }));
                    break;
            }
        }

        return uncompressed ? UncompressedMessage.Write(message) : message.ToArray();
    }

    /// <summary>
    /// Mutations of one RRset apply wherever the RRset travels, as an on-path forger's would: in the answer to its own
    /// question, inside CNAME and DNAME chains that lead to it, and in the answer to a DS question at a CNAME owner
    /// (which a validator may take the RRset's signatures from). The others change the response to one question.
    /// </summary>
    private static bool IsRrsetLevel(MutationKind kind) => kind is MutationKind.WireRrsigStripped or MutationKind.WireExtraRecord or MutationKind.WireTtlRaised;

    private static bool Matches(MutationSpec mutation, DnsQuestion question) =>
        mutation.Owner is not null
        && string.Equals(mutation.Owner, question.Name.ToString(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(mutation.Type, Presentation.Mnemonics.FormatRecordType(question.Type), StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies an RRset-level mutation to its RRset in a response to another question; whether the response held it.</summary>
    private static bool ApplyToRrset(MutationSpec mutation, DnsMessage message)
    {
        DnsName owner = DnsName.Parse(mutation.Owner!);
        RecordType type = Presentation.Mnemonics.ParseRecordType(mutation.Type!);
        bool Target(DnsRecord r) => r.Owner == owner && r.Type == type;
        bool Signature(DnsRecord r) => r.Owner == owner && r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == type;
        if (!message.Answers.Exists(Target))
        {
            return false;
        }

        switch (mutation.Kind)
        {
            case MutationKind.WireRrsigStripped:
                message.Answers.RemoveAll(Signature);
                break;
            case MutationKind.WireExtraRecord:
                // Into the targeted RRset itself, not at the end of the chain it is part of.
                if (ForgedData(type) is not { } data)
                {
                    return false;
                }

                DnsRecord first = message.Answers.Find(Target)!;
                message.Answers.Insert(message.Answers.FindLastIndex(Target) + 1, new DnsRecord(owner, type, RecordClass.IN, first.Ttl, data));
                break;
            case MutationKind.WireTtlRaised:
                for (int i = 0; i < message.Answers.Count; i++)
                {
                    if (Target(message.Answers[i]) || Signature(message.Answers[i]))
                    {
                        message.Answers[i] = message.Answers[i].WithTtl(86400);
                    }
                }

                break;
        }

        return true;
    }

    private static async Task<bool> ApplyAsync(MutationSpec mutation, DnsQuestion question, DnsMessage message, Func<DnsName, RecordType, Task<DnsMessage?>> fetch)
    {
        switch (mutation.Kind)
        {
            case MutationKind.WireRrsigStripped:
                message.Answers.RemoveAll(r => r.Type == RecordType.RRSIG);
                message.Authorities.RemoveAll(r => r.Type == RecordType.RRSIG);
                message.Additionals.RemoveAll(r => r.Type == RecordType.RRSIG);
                break;
            case MutationKind.WireAnswerMovedToAuthority:
                message.Authorities.InsertRange(0, message.Answers);
                message.Answers.Clear();
                break;
            case MutationKind.WireRrsigMovedToAdditional:
                List<DnsRecord> signatures = [.. message.Answers.Concat(message.Authorities).Where(r => r.Type == RecordType.RRSIG)];
                message.Answers.RemoveAll(r => r.Type == RecordType.RRSIG);
                message.Authorities.RemoveAll(r => r.Type == RecordType.RRSIG);
                message.Additionals.InsertRange(0, signatures);
                break;
            case MutationKind.WireExtraRecord:
                message.Answers.Add(ExtraRecord(question, message));
                break;
            case MutationKind.WireTtlRaised:
                Retime(message.Answers);
                Retime(message.Authorities);
                Retime(message.Additionals);
                break;
            case MutationKind.WireRcodeChanged:
                message.ResponseCode = message.ResponseCode switch
                {
                    DnsResponseCode.NoError => DnsResponseCode.NXDomain,
                    DnsResponseCode.NXDomain => DnsResponseCode.NoError,
                    DnsResponseCode other => other,
                };
                break;
            case MutationKind.WireDenialFromWildcard:
                await ForgeWildcardDenialAsync(mutation, question, message, fetch).ConfigureAwait(false);
                break;
        }

        return true;
    }

    /// <summary>
    /// A no-data answer made of real records: the zone's SOA and the NSEC the wildcard synthesises for the query name
    /// (its RRSIG's labels field says it is an expansion), in place of whatever the upstream said. CVE-2017-15105.
    /// </summary>
    private static async Task ForgeWildcardDenialAsync(MutationSpec mutation, DnsQuestion question, DnsMessage message, Func<DnsName, RecordType, Task<DnsMessage?>> fetch)
    {
        DnsMessage? expanded = await fetch(question.Name, RecordType.NSEC).ConfigureAwait(false);
        DnsMessage? soa = await fetch(DnsName.Parse(mutation.Zone), RecordType.SOA).ConfigureAwait(false);
        if (expanded is null || soa is null)
        {
            return;
        }

        message.ResponseCode = DnsResponseCode.NoError;
        message.Answers.Clear();
        message.Authorities.Clear();
        message.Authorities.AddRange(soa.Answers.Where(r => r.Type is RecordType.SOA or RecordType.RRSIG));
        message.Authorities.AddRange(expanded.Answers.Where(r => r.Owner == question.Name && (r.Type is RecordType.NSEC or RecordType.RRSIG)));
    }

    /// <summary>A record of the question's type and name that no one signed, or an A record when the type has no simple form.</summary>
    private static DnsRecord ExtraRecord(DnsQuestion question, DnsMessage message)
    {
        DnsName owner = message.Answers.LastOrDefault(r => r.Type is not RecordType.RRSIG and not RecordType.CNAME and not RecordType.DNAME)?.Owner ?? question.Name;
        (RecordType type, byte[] data) = ForgedData(question.Type) is { } forged ? (question.Type, forged) : (RecordType.A, ForgedData(RecordType.A)!);
        uint ttl = message.Answers.FirstOrDefault(r => r.Type == type)?.Ttl ?? 300;
        return new DnsRecord(owner, type, RecordClass.IN, ttl, data);
    }

    /// <summary>RDATA no one signed for the types that have a simple form (a second CNAME target for CNAME); null for the others.</summary>
    private static byte[]? ForgedData(RecordType type) => type switch
    {
        RecordType.A => [192, 0, 2, 252],
        RecordType.AAAA => [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfc],
        RecordType.TXT => [.. new byte[] { 16 }, .. Encoding.ASCII.GetBytes("added on the way")],
        RecordType.CNAME => NameData.Encode(DnsName.Parse("forged.invalid.")),
        _ => null,
    };

    private static void Retime(List<DnsRecord> records)
    {
        for (int i = 0; i < records.Count; i++)
        {
            records[i] = records[i].WithTtl(86400);
        }
    }

    private static void Shuffle(List<DnsRecord> records, Random random)
    {
        for (int i = records.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (records[i], records[j]) = (records[j], records[i]);
        }
    }

    private static void Recase(List<DnsRecord> records, Random random)
    {
        for (int i = 0; i < records.Count; i++)
        {
            records[i] = records[i].WithOwner(RandomCase(records[i].Owner, random));
        }
    }

    private static DnsName RandomCase(DnsName name, Random random)
    {
        byte[] wire = name.WireForm.ToArray();
        for (int i = 0; i < wire.Length; i++)
        {
            // Label length octets are below 64 and so never letters: only the letters change.
            if (wire[i] is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' && random.Next(2) == 0)
            {
                wire[i] ^= 0x20;
            }
        }

        return DnsName.FromWire(wire);
    }

    private static int StableHash(DnsQuestion question)
    {
        int hash = (int)question.Type;
        foreach (byte b in question.Name.ToLowerCase().WireForm)
        {
            hash = unchecked((hash * 31) + b);
        }

        return hash;
    }
}
