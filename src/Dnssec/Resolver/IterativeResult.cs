using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>The response iterative resolution ended with, and the server that gave it; or why it failed.</summary>
internal sealed record IterativeResult(DnsMessage? Response, IPEndPoint? Server, string? Problem)
{
    public static IterativeResult From(DnsMessage response, IPEndPoint server) => new(response, server, null);

    public static IterativeResult Failed(string problem) => new(null, null, problem);
}
