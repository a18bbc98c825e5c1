using Dnssec.Wire;

namespace Dnssec.Server;

/// <summary>How <see cref="ResponseBuilder"/> shapes a response to a client; every setting has a documented default.</summary>
public sealed class ResponseOptions
{
    /// <summary>The options as defaults.</summary>
    public static ResponseOptions Default { get; } = new();

    /// <summary>
    /// Whether a positive answer leaves out the authority and additional sections, which the client does not need
    /// (Unbound's minimal-responses, on by default there too). A wildcard answer keeps them, since its NSEC or NSEC3
    /// proof is in the authority section.
    /// </summary>
    public bool MinimalResponses { get; init; } = true;

    /// <summary>Whether the Extended DNS Error (RFC 8914) of the answer is added to responses that carry EDNS(0).</summary>
    public bool ExtendedErrors { get; init; } = true;

    /// <summary>The UDP payload size advertised in the response's OPT record.</summary>
    public ushort UdpPayloadSize { get; init; } = EdnsRecord.DefaultUdpPayloadSize;
}
