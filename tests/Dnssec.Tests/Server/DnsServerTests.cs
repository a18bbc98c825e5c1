using System.Net;
using System.Net.Sockets;
using System.Text;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>
/// The service a stub client sees over UDP: AD, RRSIGs, SERVFAIL with EDE, CD, payload sizes, and the queries it does
/// not resolve, asked over real loopback sockets of a <see cref="DnsServer"/> in front of an in-process hierarchy.
/// </summary>
public class DnsServerTests
{
    [Theory]
    [InlineData("www.example.test.", true, true, false, true, true, "secure, DO: AD and RRSIGs (RFC 4035 §3.2.1, RFC 6840 §5.7)")]
    [InlineData("www.example.test.", true, false, true, true, false, "secure, AD without DO: AD, no RRSIGs (RFC 6840 §5.7)")]
    [InlineData("www.example.test.", true, false, false, false, false, "secure, EDNS without DO or AD: neither")]
    [InlineData("www.example.test.", false, false, false, false, false, "secure, no EDNS: neither")]
    [InlineData("www.example.test.", false, false, true, true, false, "secure, AD without EDNS: AD, no RRSIGs")]
    [InlineData("www.unsigned.test.", true, true, true, false, false, "insecure, DO and AD: never AD")]
    public async Task Udp_Answer_AdOnlyWhenSecureAndAskedRrsigsOnlyWithDo(string name, bool edns, bool dnssecOk, bool adAsked, bool ad, bool rrsigs, string description)
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        DnsHeaderFlags flags = DnsHeaderFlags.RecursionDesired | (adAsked ? DnsHeaderFlags.AuthenticData : 0);

        DnsMessage response = await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(11, name, RecordType.A, flags, dnssecOk, edns));

        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.Contains(response.Answers, r => r.Type == RecordType.A);
        Assert.True(ad == response.Flags.HasFlag(DnsHeaderFlags.AuthenticData), $"{description}: AD");
        Assert.True(rrsigs == response.Answers.Exists(r => r.Type == RecordType.RRSIG), $"{description}: RRSIG");
        Assert.True(response.Flags.HasFlag(DnsHeaderFlags.RecursionAvailable), description);
        Assert.True(response.Flags.HasFlag(DnsHeaderFlags.RecursionDesired), description);
        Assert.Equal(edns, response.Edns is not null);
    }

    [Fact]
    public async Task Udp_BogusName_ServfailWithTheExtendedErrorCodeAndText()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();

        DnsMessage response = await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(12, "www.expired.test.", RecordType.A));

        // RFC 8914: the reason travels as an Extended DNS Error; the answer is withheld.
        Assert.Equal(DnsResponseCode.ServFail, response.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.False(response.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        ExtendedDnsError error = Assert.Single(response.Edns!.ExtendedErrors);
        Assert.Equal(ExtendedDnsErrorCode.SignatureExpired, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.ExtraText));
        DnssecAnswer direct = await served.Resolver.ResolveAsync(DnsName.Parse("www.expired.test."), RecordType.A);
        Assert.Equal(direct.ExtendedError!.Code, error.Code);
    }

    [Theory]
    [InlineData(true, "with DO: the data and its (expired) RRSIGs")]
    [InlineData(false, "without DO: the data alone")]
    public async Task Udp_CheckingDisabledOnBogusName_TheDataWithoutAd(bool dnssecOk, string description)
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        byte[] query = ServedHierarchy.Query(13, "www.expired.test.", RecordType.A, DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled | DnsHeaderFlags.AuthenticData, dnssecOk);

        DnsMessage response = await ServerClient.UdpAsync(served.EndPoint, query);

        // RFC 4035 §3.2.2: a CD client does its own checking, so it gets what failed to validate, never marked AD.
        Assert.True(DnsResponseCode.NoError == response.ResponseCode, description);
        Assert.True(response.Flags.HasFlag(DnsHeaderFlags.CheckingDisabled), description);
        Assert.False(response.Flags.HasFlag(DnsHeaderFlags.AuthenticData), description);
        DnsRecord a = Assert.Single(response.Answers, r => r.Type == RecordType.A);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), new IPAddress(a.Data.Span));
        Assert.Equal(dnssecOk, response.Answers.Exists(r => r.Type == RecordType.RRSIG));
    }

    [Fact]
    public async Task Udp_CheckingDisabledThenWithout_BogusStillServfail()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(14, "www.expired.test.", RecordType.A, DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled));

        DnsMessage response = await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(15, "www.expired.test.", RecordType.A));

        // What one CD client was given is kept nowhere: the next ordinary client is still protected.
        Assert.Equal(DnsResponseCode.ServFail, response.ResponseCode);
        Assert.Empty(response.Answers);
    }

    [Theory]
    [InlineData(true, (ushort)512, "EDNS(0) with 512 octets")]
    [InlineData(true, (ushort)100, "EDNS(0) below 512 octets counts as 512 (RFC 6891 §6.2.5)")]
    [InlineData(false, (ushort)0, "no EDNS(0): 512 octets (RFC 1035 §4.2.1)")]
    public async Task Udp_AnswerLargerThanTheClientTakes_TruncatedThenCompleteOverTcp(bool edns, ushort payload, string description)
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        byte[] query = ServedHierarchy.Query(16, ServedHierarchy.BigName, RecordType.TXT, dnssecOk: edns, edns: edns, payload: payload);

        byte[] udp = await ServerClient.ExchangeUdpAsync(served.EndPoint, query);
        DnsMessage overTcp = await ServerClient.TcpAsync(served.EndPoint, query);

        DnsMessage truncated = DnsMessage.Parse(udp);
        Assert.True(udp.Length <= 512, $"{description}: {udp.Length} octets");
        Assert.True(truncated.Flags.HasFlag(DnsHeaderFlags.Truncated), description);
        Assert.Equal(edns, truncated.Edns is not null);
        Assert.False(overTcp.Flags.HasFlag(DnsHeaderFlags.Truncated), description);
        Assert.Equal(4, overTcp.Answers.Count(r => r.Type == RecordType.TXT));
        Assert.Equal(edns, overTcp.Answers.Exists(r => r.Type == RecordType.RRSIG));
    }

    [Fact]
    public async Task Udp_AnswerWithinTheAdvertisedSize_WholeOverUdp()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();

        byte[] udp = await ServerClient.ExchangeUdpAsync(served.EndPoint, ServedHierarchy.Query(17, ServedHierarchy.BigName, RecordType.TXT, payload: 4096));

        DnsMessage response = DnsMessage.Parse(udp);
        Assert.True(udp.Length is > 512 and <= 1232, $"{udp.Length} octets");
        Assert.False(response.Flags.HasFlag(DnsHeaderFlags.Truncated));
        Assert.Equal(4, response.Answers.Count(r => r.Type == RecordType.TXT));
    }

    [Fact]
    public async Task Udp_EdnsVersion1_BadversWithOpt()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        DnsMessage query = DnsMessage.CreateQuery(18, DnsName.Parse("www.example.test."), RecordType.A);
        query.Edns!.Version = 1;

        DnsMessage response = await ServerClient.UdpAsync(served.EndPoint, query.ToArray());

        // RFC 6891 §6.1.3: BADVERS needs the OPT record for its upper bits, and says which version is spoken (0).
        Assert.Equal(DnsResponseCode.BadVers, response.ResponseCode);
        Assert.NotNull(response.Edns);
        Assert.Equal(0, response.Edns.Version);
        Assert.Equal(18, response.Id);
        Assert.Empty(response.Answers);
    }

    public static TheoryData<string, DnsResponseCode, string> Unresolved => new()
    {
        { "opcode STATUS", DnsResponseCode.NotImp, "RFC 1035 §4.1.1: not implemented" },
        { "opcode NOTIFY", DnsResponseCode.NotImp, "a resolver is not told of zone changes" },
        { "two questions", DnsResponseCode.FormErr, "RFC 9619: QDCOUNT is 1" },
        { "AXFR", DnsResponseCode.NotImp, "zone transfers are an authority's business" },
        { "IXFR", DnsResponseCode.NotImp, "zone transfers are an authority's business" },
        { "class CH", DnsResponseCode.Refused, "only IN is resolved" },
        { "qtype OPT", DnsResponseCode.FormErr, "RFC 6891 §6.1.1: OPT is no question" },
        { "answer records in a query", DnsResponseCode.FormErr, "a query carries only its question" },
    };

    [Theory]
    [MemberData(nameof(Unresolved))]
    public async Task Udp_QueryNotResolved_AnsweredWithTheRcodeAndTheQuestion(string what, DnsResponseCode code, string why)
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        DnsMessage query = DnsMessage.CreateQuery(19, DnsName.Parse("www.example.test."), RecordType.A);
        switch (what)
        {
            case "opcode STATUS":
                query.OpCode = DnsOpCode.Status;
                break;
            case "opcode NOTIFY":
                query.OpCode = DnsOpCode.Notify;
                break;
            case "two questions":
                query.Questions.Add(new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.AAAA));
                break;
            case "AXFR":
                query.Questions[0] = new DnsQuestion(DnsName.Parse("example.test."), RecordType.AXFR);
                break;
            case "IXFR":
                query.Questions[0] = new DnsQuestion(DnsName.Parse("example.test."), RecordType.IXFR);
                break;
            case "class CH":
                query.Questions[0] = new DnsQuestion(DnsName.Parse("version.bind."), RecordType.TXT, RecordClass.CH);
                break;
            case "qtype OPT":
                query.Questions[0] = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.OPT);
                break;
            case "answer records in a query":
                query.Answers.Add(new DnsRecord(DnsName.Parse("www.example.test."), RecordType.A, RecordClass.IN, 60, new byte[] { 192, 0, 2, 9 }));
                break;
        }

        DnsMessage response = await ServerClient.UdpAsync(served.EndPoint, query.ToArray());

        Assert.True(code == response.ResponseCode, $"{what} ({why}): {response.ResponseCode}");
        Assert.Equal(19, response.Id);
        Assert.Equal(query.OpCode, response.OpCode);
        Assert.True(response.IsResponse);
        Assert.Empty(response.Answers);
        Assert.Equal(query.Questions[0], response.Questions[0]);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF }, "a compression pointer where the question's name begins")]
    [InlineData(new byte[] { 3, (byte)'w', (byte)'w' }, "a name cut short")]
    [InlineData(new byte[] { 0, 0, 1 }, "a question without its class")]
    [InlineData(new byte[] { 0, 0, 1, 0, 1, 0xDE, 0xAD }, "octets after the last section")]
    public async Task Udp_GarbageAfterAValidHeader_FormerrWithTheId(byte[] body, string description)
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        byte[] header = [0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];

        DnsMessage response = DnsMessage.Parse(await ServerClient.ExchangeUdpAsync(served.EndPoint, [.. header, .. body]));

        Assert.True(DnsResponseCode.FormErr == response.ResponseCode, $"{description}: {response.ResponseCode}");
        Assert.Equal(0xBEEF, response.Id);
        Assert.True(response.IsResponse);
        Assert.True(response.Flags.HasFlag(DnsHeaderFlags.RecursionDesired), description);
    }

    [Theory]
    [InlineData(new byte[] { }, "an empty datagram")]
    [InlineData(new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1 }, "shorter than a header")]
    [InlineData(new byte[] { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 3, (byte)'w', (byte)'w', (byte)'w', 0, 0, 1, 0, 1 }, "QR set: a response, which answering could bounce for ever")]
    public async Task Udp_NotAQuery_NoAnswer(byte[] datagram, string description)
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        using Socket socket = ServerClient.Udp(served.EndPoint);

        // The datagram goes first and a valid query after it on the same socket: the only response is the query's.
        await socket.SendAsync(datagram);
        await socket.SendAsync(ServedHierarchy.Query(0x5678, "www.example.test.", RecordType.A));
        byte[] first = await ServerClient.ReceiveAsync(socket);

        Assert.True(ServerClient.IdOf(first) == 0x5678, $"{description}: a response with ID {ServerClient.IdOf(first):x4} came first");
        Assert.Equal(DnsResponseCode.NoError, DnsMessage.Parse(first).ResponseCode);
    }

    [Theory]
    [InlineData("WwW.eXaMpLe.TeSt.", RecordType.A, "a positive answer")]
    [InlineData("wWw.ExPiReD.tEsT.", RecordType.A, "a SERVFAIL")]
    [InlineData("No.SuCh.ExAmPlE.tEsT.", RecordType.A, "an NXDOMAIN")]
    public async Task Udp_MixedCaseQuestion_IdAndLetterCaseEchoed(string name, RecordType type, string description)
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();

        byte[] response = await ServerClient.ExchangeUdpAsync(served.EndPoint, ServedHierarchy.Query(0xA5C3, name, type));

        // Clients that randomise the case of the question (draft-vixie-dnsext-dns0x20) check it octet for octet.
        Assert.Equal(0xA5C3, ServerClient.IdOf(response));
        byte[] asked = DnsName.Parse(name).WireForm.ToArray();
        Assert.True(response.AsSpan(DnsHeader.Size, asked.Length).SequenceEqual(asked), $"{description}: the question came back as {Encoding.ASCII.GetString(response, DnsHeader.Size, asked.Length)}");
    }

    [Fact]
    public async Task AnswerAsync_ClientOutsideLoopback_Refused()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(start: false);

        byte[]? response = await served.Server.AnswerAsync(ServedHierarchy.Query(21, "www.example.test.", RecordType.A), new IPEndPoint(IPAddress.Parse("192.0.2.50"), 40000), TransportProtocol.Udp);

        DnsMessage message = DnsMessage.Parse(Assert.IsType<byte[]>(response));
        Assert.Equal(DnsResponseCode.Refused, message.ResponseCode);
        Assert.Equal(21, message.Id);
        Assert.Empty(message.Answers);
    }

    [Theory]
    [InlineData("192.0.2.50", "an allowed IPv4 network")]
    [InlineData("::ffff:192.0.2.50", "the same address mapped into IPv6, as a dual-mode socket reports it")]
    [InlineData("::1", "IPv6 loopback, always")]
    [InlineData("127.9.9.9", "anywhere in 127.0.0.0/8, always")]
    public async Task AnswerAsync_ClientInAllowedNetworkOrLoopback_Answered(string address, string description)
    {
        var options = new DnsServerOptions();
        options.Allow.Add(IPNetwork.Parse("192.0.2.0/24"));
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(options, start: false);

        byte[]? response = await served.Server.AnswerAsync(ServedHierarchy.Query(22, "www.example.test.", RecordType.A), new IPEndPoint(IPAddress.Parse(address), 40000), TransportProtocol.Udp);

        DnsMessage message = DnsMessage.Parse(Assert.IsType<byte[]>(response));
        Assert.True(DnsResponseCode.NoError == message.ResponseCode, description);
        Assert.True(message.Flags.HasFlag(DnsHeaderFlags.AuthenticData), description);
    }

    [Fact]
    public async Task AnswerAsync_ClientOutsideTheAllowedNetwork_StillRefused()
    {
        var options = new DnsServerOptions();
        options.Allow.Add(IPNetwork.Parse("192.0.2.0/24"));
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(options, start: false);

        byte[]? response = await served.Server.AnswerAsync(ServedHierarchy.Query(23, "www.example.test.", RecordType.A), new IPEndPoint(IPAddress.Parse("198.51.100.7"), 40000), TransportProtocol.Tcp);

        Assert.Equal(DnsResponseCode.Refused, DnsMessage.Parse(Assert.IsType<byte[]>(response)).ResponseCode);
    }

    [Fact]
    public async Task Udp_NameThatDoesNotExist_NxdomainWithAdForItsProof()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();

        DnsMessage response = await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(24, "nothere.example.test.", RecordType.A));

        Assert.Equal(DnsResponseCode.NXDomain, response.ResponseCode);
        Assert.True(response.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.Contains(response.Authorities, r => r.Type == RecordType.NSEC);
    }
}
