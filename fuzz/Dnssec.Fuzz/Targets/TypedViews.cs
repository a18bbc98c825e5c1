using Dnssec.Wire;

namespace Dnssec.Fuzz.Targets;

/// <summary>Reads every field of the typed RDATA view of a record; a record that passed validation must never make a view throw.</summary>
internal static class TypedViews
{
    public static void Read(DnsRecord record)
    {
        switch (record.Type)
        {
            case RecordType.A or RecordType.AAAA:
                _ = AddressData.From(record).Address;
                break;
            case RecordType.NS or RecordType.CNAME or RecordType.DNAME or RecordType.PTR or RecordType.MD or RecordType.MF or RecordType.MB or RecordType.MG or RecordType.MR:
                CheckName(NameData.From(record).Target);
                break;
            case RecordType.SOA:
                SoaData soa = SoaData.From(record);
                CheckName(soa.PrimaryServer);
                CheckName(soa.ResponsibleMailbox);
                _ = soa.Serial + soa.Refresh + soa.Retry + soa.Expire + soa.Minimum;
                break;
            case RecordType.MX or RecordType.KX or RecordType.RT or RecordType.AFSDB:
                MxData mx = MxData.From(record);
                _ = mx.Preference;
                CheckName(mx.Exchange);
                break;
            case RecordType.TXT or RecordType.SPF:
                TxtData txt = TxtData.From(record);
                FuzzCheck.That(txt.Strings.Count > 0, "TXT RDATA read as no strings");
                _ = txt.JoinedText;
                break;
            case RecordType.SRV:
                SrvData srv = SrvData.From(record);
                _ = srv.Priority + srv.Weight + srv.Port;
                CheckName(srv.Target);
                break;
            case RecordType.NAPTR:
                NaptrData naptr = NaptrData.From(record);
                _ = naptr.Order + naptr.Preference + naptr.Flags.Length + naptr.Services.Length + naptr.Regexp.Length;
                CheckName(naptr.Replacement);
                break;
            case RecordType.RRSIG or RecordType.SIG:
                ReadRrsig(RrsigData.From(record), record.Data.Length);
                break;
            case RecordType.DNSKEY or RecordType.CDNSKEY or RecordType.KEY:
                DnskeyData key = DnskeyData.From(record);
                _ = key.Flags + key.Protocol + (int)key.Algorithm + key.PublicKey.Length;
                _ = key.IsZoneKey | key.IsRevoked | key.IsSecureEntryPoint;
                break;
            case RecordType.DS or RecordType.CDS or RecordType.TA or RecordType.DLV:
                DsData ds = DsData.From(record);
                _ = ds.KeyTag + (int)ds.Algorithm + (int)ds.DigestType + ds.Digest.Length;
                break;
            case RecordType.NSEC:
                NsecData nsec = NsecData.From(record);
                CheckName(nsec.NextDomainName);
                CheckBitmap(nsec.Types);
                break;
            case RecordType.NSEC3:
                Nsec3Data nsec3 = Nsec3Data.From(record);
                _ = nsec3.HashAlgorithm + nsec3.Flags + nsec3.Iterations + nsec3.Salt.Length;
                FuzzCheck.That(nsec3.NextHashedOwnerName.Length > 0, "NSEC3 next hashed owner read as empty");
                CheckBitmap(nsec3.Types);
                break;
            case RecordType.NSEC3PARAM:
                Nsec3ParamData parameters = Nsec3ParamData.From(record);
                _ = parameters.HashAlgorithm + parameters.Flags + parameters.Iterations + parameters.Salt.Length;
                break;
            case RecordType.TLSA or RecordType.SMIMEA:
                TlsaData tlsa = TlsaData.From(record);
                _ = tlsa.CertificateUsage + tlsa.Selector + tlsa.MatchingType + tlsa.AssociationData.Length;
                break;
            case RecordType.SSHFP:
                SshfpData sshfp = SshfpData.From(record);
                _ = sshfp.Algorithm + sshfp.FingerprintType + sshfp.Fingerprint.Length;
                break;
            case RecordType.SVCB or RecordType.HTTPS:
                SvcbData svcb = SvcbData.From(record);
                CheckName(svcb.TargetName);
                _ = svcb.Parameters.Count;
                break;
            case RecordType.CAA:
                CaaData caa = CaaData.From(record);
                FuzzCheck.That(caa.Tag.Length > 0, "CAA tag read as empty");
                _ = caa.Value.Length;
                break;
        }
    }

    /// <summary>A name read from a message must survive presentation form and back, octet for octet.</summary>
    public static void CheckName(DnsName name)
    {
        string text = name.ToString();
        DnsName again = DnsName.Parse(text);
        FuzzCheck.That(
            again.WireForm.SequenceEqual(name.WireForm) && again.LabelCount == name.LabelCount,
            $"Name {text} does not survive presentation form and back");
    }

    private static void ReadRrsig(RrsigData rrsig, int length)
    {
        _ = (int)rrsig.TypeCovered + (int)rrsig.Algorithm + rrsig.Labels + rrsig.KeyTag;
        _ = rrsig.OriginalTtl + rrsig.SignatureExpiration + rrsig.SignatureInception;
        CheckName(rrsig.SignerName);
        FuzzCheck.That(
            rrsig.SignedFields.Length + rrsig.Signature.Length == length && rrsig.SignerNameWire.Length == rrsig.SignerName.WireLength,
            "RRSIG fields do not add up to the RDATA");
    }

    private static void CheckBitmap(TypeBitmap bitmap)
    {
        foreach (RecordType type in bitmap.ToList())
        {
            FuzzCheck.That(bitmap.Contains(type), $"Type bitmap lists {type} but does not contain it");
        }
    }
}
