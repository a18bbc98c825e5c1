using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Reads every field of a record through its typed view, so that tests can check that no getter fails.</summary>
internal static class RecordViews
{
    /// <summary>Returns every field of <paramref name="record"/> in text, read through the typed view of its type.</summary>
    public static string Describe(DnsRecord record)
    {
        var text = new StringBuilder();
        switch (record.Type)
        {
            case RecordType.A or RecordType.AAAA:
                text.Append(AddressData.From(record).Address);
                break;
            case RecordType.NS or RecordType.CNAME or RecordType.DNAME or RecordType.PTR or RecordType.MD or RecordType.MF or RecordType.MB or RecordType.MG or RecordType.MR:
                text.Append(NameData.From(record).Target);
                break;
            case RecordType.MX or RecordType.KX or RecordType.RT or RecordType.AFSDB:
                MxData mx = MxData.From(record);
                text.Append(mx.Preference).Append(' ').Append(mx.Exchange);
                break;
            case RecordType.SOA:
                SoaData soa = SoaData.From(record);
                text.Append(soa.PrimaryServer).Append(soa.ResponsibleMailbox).Append(soa.Serial).Append(soa.Refresh).Append(soa.Retry).Append(soa.Expire).Append(soa.Minimum);
                break;
            case RecordType.TXT or RecordType.SPF:
                text.Append(TxtData.From(record).Strings.Count).Append(TxtData.From(record).JoinedText);
                break;
            case RecordType.SRV:
                SrvData srv = SrvData.From(record);
                text.Append(srv.Priority).Append(srv.Weight).Append(srv.Port).Append(srv.Target);
                break;
            case RecordType.NAPTR:
                NaptrData naptr = NaptrData.From(record);
                text.Append(naptr.Order).Append(naptr.Preference).Append(naptr.Flags.Length).Append(naptr.Services.Length).Append(naptr.Regexp.Length).Append(naptr.Replacement);
                break;
            case RecordType.RRSIG or RecordType.SIG:
                RrsigData rrsig = RrsigData.From(record);
                text.Append(rrsig.TypeCovered).Append(rrsig.Algorithm).Append(rrsig.Labels).Append(rrsig.OriginalTtl).Append(rrsig.SignatureExpiration)
                    .Append(rrsig.SignatureInception).Append(rrsig.KeyTag).Append(rrsig.SignerName).Append(rrsig.SignerNameWire.Length)
                    .Append(rrsig.Signature.Length).Append(rrsig.SignedFields.Length);
                break;
            case RecordType.NSEC:
                NsecData nsec = NsecData.From(record);
                text.Append(nsec.NextDomainName).Append(string.Join(',', nsec.Types.ToList()));
                break;
            case RecordType.NSEC3:
                Nsec3Data nsec3 = Nsec3Data.From(record);
                text.Append(nsec3.HashAlgorithm).Append(nsec3.Flags).Append(nsec3.IsOptOut).Append(nsec3.Iterations).Append(nsec3.Salt.Length)
                    .Append(nsec3.NextHashedOwnerName.Length).Append(string.Join(',', nsec3.Types.ToList()));
                break;
            case RecordType.NSEC3PARAM:
                Nsec3ParamData parameters = Nsec3ParamData.From(record);
                text.Append(parameters.HashAlgorithm).Append(parameters.Flags).Append(parameters.Iterations).Append(parameters.Salt.Length);
                break;
            case RecordType.DNSKEY or RecordType.CDNSKEY or RecordType.KEY:
                DnskeyData key = DnskeyData.From(record);
                text.Append(key.Flags).Append(key.Protocol).Append(key.Algorithm).Append(key.PublicKey.Length).Append(key.IsZoneKey).Append(key.IsRevoked).Append(key.IsSecureEntryPoint);
                break;
            case RecordType.DS or RecordType.CDS:
                DsData ds = DsData.From(record);
                text.Append(ds.KeyTag).Append(ds.Algorithm).Append(ds.DigestType).Append(ds.Digest.Length);
                break;
            case RecordType.TLSA or RecordType.SMIMEA:
                TlsaData tlsa = TlsaData.From(record);
                text.Append(tlsa.CertificateUsage).Append(tlsa.Selector).Append(tlsa.MatchingType).Append(tlsa.AssociationData.Length);
                break;
            case RecordType.SSHFP:
                SshfpData sshfp = SshfpData.From(record);
                text.Append(sshfp.Algorithm).Append(sshfp.FingerprintType).Append(sshfp.Fingerprint.Length);
                break;
            case RecordType.CAA:
                CaaData caa = CaaData.From(record);
                text.Append(caa.Flags).Append(caa.IsCritical).Append(caa.Tag).Append(caa.Value.Length);
                break;
            case RecordType.SVCB or RecordType.HTTPS:
                SvcbData svcb = SvcbData.From(record);
                text.Append(svcb.Priority).Append(svcb.IsAliasMode).Append(svcb.TargetName).Append(svcb.Parameters.Count);
                break;
            default:
                text.Append(record.Data.Length);
                break;
        }

        return text.ToString();
    }
}
