using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// The response iterative resolution ended with, and the server that gave it; or why it failed, with the Extended DNS
/// Error that says how: no server reached (22), or servers that answered only with errors such as SERVFAIL (23).
/// </summary>
internal sealed record IterativeResult(DnsMessage? Response, IPEndPoint? Server, string? Problem, ExtendedDnsErrorCode Error = ExtendedDnsErrorCode.NoReachableAuthority)
{
    public static IterativeResult From(DnsMessage response, IPEndPoint server) => new(response, server, null);

    public static IterativeResult Failed(string problem, ExtendedDnsErrorCode error = ExtendedDnsErrorCode.NoReachableAuthority) => new(null, null, problem, error);
}
