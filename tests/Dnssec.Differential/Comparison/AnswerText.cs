using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Differential.Comparison;

/// <summary>Answer records as the comparison sees them: owner in lower case, type and RDATA text, no TTL, no RRSIG, sorted.</summary>
public static class AnswerText
{
    /// <summary>The canonical text of <paramref name="records"/>.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<DnsRecord> records) =>
        [.. records.Where(r => r.Type is not RecordType.RRSIG and not RecordType.OPT)
            .Select(r => $"{r.Owner.ToLowerCase()} {Mnemonics.FormatRecordType(r.Type)} {RecordTextFormatter.FormatData(r)}")
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
