using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// The response a resolution path (stub or iterative) ended with, and the server that gave it; or why it failed, with
/// the Extended DNS Error that says how: no server reached (22), servers that answered only with errors such as
/// SERVFAIL (23), or an upstream that cannot carry DNSSEC data (5).
/// </summary>
internal sealed record ResolutionResult(DnsMessage? Response, IPEndPoint? Server, string? Problem, ExtendedDnsErrorCode Error = ExtendedDnsErrorCode.NoReachableAuthority)
{
    public static ResolutionResult From(DnsMessage response, IPEndPoint server) => new(response, server, null);

    public static ResolutionResult Failed(string problem, ExtendedDnsErrorCode error = ExtendedDnsErrorCode.NoReachableAuthority) => new(null, null, problem, error);
}
