using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

/// <summary>Unbound's autotrust file, with the text of the CHECK_AUTOTRUST blocks of its replay scenarios (autotrust_init.rpl, autotrust_addpend_nosignnew.rpl) at fixed times.</summary>
public class UnboundAutotrustFileTests
{
    private const string OldKey = UnboundAutotrustSamples.OldKey;
    private const string InitStep8 = UnboundAutotrustSamples.InitStep8;
    private const string AddPendStep15 = UnboundAutotrustSamples.AddPendStep15;

    [Fact]
    public void Parse_UnboundFileWithPendingKey_StatesTagsAndTimes()
    {
        AnchorStateResult read = UnboundAutotrustFile.Parse(AddPendStep15, "example.com.autokey");

        Assert.True(read.IsSuccess, read.Reason);
        TrustPoint point = Assert.Single(read.TrustPoints);
        Assert.Equal(DnsName.Parse("example.com."), point.Zone);
        Assert.Equal([(60946, TrackedKeyState.AddPend), (55582, TrackedKeyState.Valid)], point.Keys.Select(k => ((int)k.KeyTag, k.State)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1253692000), point.LastRefresh);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1253697400), point.NextRefresh);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1253692000), point.Keys[0].HoldDownStart);
        Assert.Equal(10800u, point.Keys[0].Dnskey.Ttl);
    }

    [Fact]
    public void Format_ValidKey_ExactlyWhatUnboundWrites()
    {
        TrustPoint point = UnboundAutotrustFile.Parse(InitStep8, "init").TrustPoints[0];

        Assert.Equal(InitStep8, UnboundAutotrustFile.Format(point));
    }

    [Fact]
    public void Format_PendingKey_ExactlyWhatUnboundWrites()
    {
        TrustPoint point = UnboundAutotrustFile.Parse(AddPendStep15, "addpend").TrustPoints[0];

        Assert.Equal(AddPendStep15, UnboundAutotrustFile.Format(point));
    }

    [Fact]
    public void Format_EveryKeyRevoked_MarkedRevokedAsUnboundDoes()
    {
        TrustPoint point = UnboundAutotrustFile.Parse(InitStep8, "init").TrustPoints[0];
        TrustPoint revoked = point with { Keys = [point.Keys[0] with { State = TrackedKeyState.Revoked }] };

        string text = UnboundAutotrustFile.Format(revoked);

        Assert.Contains("\n;;REVOKED\n", text, StringComparison.Ordinal);
        Assert.Contains(";;state=4 [ REVOKED ]", text, StringComparison.Ordinal);
        Assert.Equal(TrackedKeyState.Revoked, UnboundAutotrustFile.Parse(text, "revoked").TrustPoints[0].Keys[0].State);
    }

    [Theory]
    [InlineData("a DS anchor", "example.com.\t3600\tIN\tDS\t55582 5 2 0000 ;;state=0", "DS anchors")]
    [InlineData("no state", "example.com.\t10800\tIN\tDNSKEY\t" + OldKey + " ;;lastchange=1", ";;state=N")]
    [InlineData("another zone", "example.org.\t10800\tIN\tDNSKEY\t" + OldKey + " ;;state=2 ;;lastchange=1", "expected a DNSKEY record of example.com.")]
    public void Parse_BadKeyLine_RefusedWithLine(string description, string line, string reason)
    {
        string text = InitStep8 + line + "\n";

        AnchorStateResult read = UnboundAutotrustFile.Parse(text, "file");

        Assert.Equal(AnchorStateError.Corrupt, read.Error);
        Assert.True(read.Line == 10, description);
        Assert.Contains(reason, read.Reason, StringComparison.Ordinal);
    }
}
