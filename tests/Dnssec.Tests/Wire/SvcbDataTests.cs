using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>SVCB and HTTPS RDATA through <see cref="SvcbData"/> (RFC 9460 §2.2).</summary>
public sealed class SvcbDataTests
{
    [Fact]
    public void Encode_ServiceMode_SortsParametersByKey()
    {
        // Given out of order: port (3), alpn (1), ipv4hint (4).
        KeyValuePair<ushort, ReadOnlyMemory<byte>>[] parameters =
        [
            new(3, new byte[] { 0x01, 0xBB }),
            new(1, new byte[] { 2, (byte)'h', (byte)'2' }),
            new(4, new byte[] { 192, 0, 2, 1 }),
        ];
        var record = new DnsRecord(DnsName.Parse("example."), RecordType.HTTPS, RecordClass.IN, 60, SvcbData.Encode(1, DnsName.Parse("svc.example."), parameters));

        SvcbData svcb = SvcbData.From(record);

        Assert.Equal(1, svcb.Priority);
        Assert.False(svcb.IsAliasMode);
        Assert.Equal("svc.example.", svcb.TargetName.ToString());
        Assert.Equal([1, 3, 4], svcb.Parameters.Select(p => (int)p.Key));
        Assert.Equal([0x01, 0xBB], svcb.Parameters[1].Value.ToArray());
    }

    [Fact]
    public void Encode_AliasMode_HasNoParameters()
    {
        var record = new DnsRecord(DnsName.Parse("example."), RecordType.SVCB, RecordClass.IN, 60, SvcbData.Encode(0, DnsName.Parse("pool.example."), []));

        SvcbData svcb = SvcbData.From(record);

        Assert.True(svcb.IsAliasMode);
        Assert.Empty(svcb.Parameters);
    }

    [Fact]
    public void Encode_RepeatedKey_Throws()
    {
        KeyValuePair<ushort, ReadOnlyMemory<byte>>[] parameters = [new(3, new byte[2]), new(3, new byte[2])];

        Assert.Throws<ArgumentException>("parameters", () => SvcbData.Encode(1, DnsName.Root, parameters));
        Assert.Throws<ArgumentException>("record", () => SvcbData.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
