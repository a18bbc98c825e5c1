using System.Diagnostics.CodeAnalysis;
using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>The outcome of one exchange with one server: the response, or the error and a sentence saying what happened.</summary>
public sealed class TransportResponse
{
    // A success's sentence is written only when read: every upstream response goes through here, and almost none is
    // ever described.
    private readonly string? _detail;
    private readonly string? _note;

    private TransportResponse(IPEndPoint server, TransportProtocol protocol, DnsMessage? message, TransportError error, string? detail, int size, IReadOnlyList<DroppedRecord> dropped, TransportPrivacy privacy, string? note = null)
    {
        _note = note;
        Privacy = privacy;
        Dropped = dropped;
        Server = server;
        Protocol = protocol;
        Message = message;
        Error = error;
        _detail = detail;
        Size = size;
    }

    /// <summary>The server asked.</summary>
    public IPEndPoint Server { get; }

    /// <summary>The transport that gave the final result.</summary>
    public TransportProtocol Protocol { get; }

    /// <summary>The response, when one arrived.</summary>
    public DnsMessage? Message { get; }

    /// <summary>
    /// How the question was hidden on the way. Exchanges made by other transports through the public factories count
    /// as <see cref="TransportPrivacy.Cleartext"/> over UDP and TCP and <see cref="TransportPrivacy.Opportunistic"/>
    /// over TLS and HTTPS: without knowing how the server was authenticated, the weaker claim is the true one.
    /// </summary>
    public TransportPrivacy Privacy { get; }

    /// <summary>What went wrong, or <see cref="TransportError.None"/>.</summary>
    public TransportError Error { get; }

    /// <summary>What happened, for diagnostics.</summary>
    public string Detail => _detail ?? SuccessDetail();

    /// <summary>The size of the response in octets.</summary>
    public int Size { get; }

    /// <summary>The malformed records left out of <see cref="Message"/> when it was parsed (see <see cref="DnsMessage.ParseScrubbed"/>).</summary>
    public IReadOnlyList<DroppedRecord> Dropped { get; }

    /// <summary>Whether a response arrived.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    public bool Succeeded => Message is not null;

    /// <summary>A response that arrived, with the malformed records its parse left out; for transports other than <see cref="DnsTransport"/> too, such as test servers and replays.</summary>
    public static TransportResponse Success(IPEndPoint server, TransportProtocol protocol, DnsMessage message, int size, IReadOnlyList<DroppedRecord>? dropped = null) =>
        new(server, protocol, message, TransportError.None, null, size, dropped ?? [], Presumed(protocol));

    /// <summary>An encrypted exchange's response, with how the server was authenticated and a remark on how it came, such as "unauthenticated TLS", added to its <see cref="Detail"/>.</summary>
    internal static TransportResponse Success(IPEndPoint server, TransportProtocol protocol, DnsMessage message, int size, IReadOnlyList<DroppedRecord> dropped, TransportPrivacy privacy, string? note) =>
        new(server, protocol, message, TransportError.None, null, size, dropped, privacy, note);

    /// <summary>An exchange that failed, with what happened.</summary>
    public static TransportResponse Failure(IPEndPoint server, TransportProtocol protocol, TransportError error, string detail) =>
        new(server, protocol, null, error, detail, 0, [], Presumed(protocol));

    /// <summary>An encrypted exchange that failed, with how the server was (to be) authenticated and what happened.</summary>
    internal static TransportResponse Failure(IPEndPoint server, TransportProtocol protocol, TransportPrivacy privacy, TransportError error, string detail) =>
        new(server, protocol, null, error, detail, 0, [], privacy);

    private static TransportPrivacy Presumed(TransportProtocol protocol) =>
        protocol is TransportProtocol.Udp or TransportProtocol.Tcp ? TransportPrivacy.Cleartext : TransportPrivacy.Opportunistic;

    private string SuccessDetail()
    {
        string detail = $"{Size}-octet response over {Protocol} from {Server}{(_note is null ? "" : $" ({_note})")}";
        return Dropped.Count == 0 ? detail : $"{detail}, {Dropped.Count} malformed records left out";
    }
}
