using System.Net;
using System.Net.Sockets;

namespace Dnssec.Server;

/// <summary>
/// The endpoints of recent clients of one UDP loop, by socket address, so that a client seen before is not turned into
/// a new <see cref="IPEndPoint"/> for every datagram. Direct-mapped: a client whose slot another took is made anew.
/// Used by one loop only, so it takes no lock.
/// </summary>
internal sealed class ClientEndPoints
{
    private const int Slots = 64;
    private readonly SocketAddress?[] _addresses = new SocketAddress?[Slots];
    private readonly IPEndPoint[] _endPoints = new IPEndPoint[Slots];
    private readonly IPEndPoint _template;

    /// <summary>Creates an empty set for clients of <paramref name="family"/>.</summary>
    public ClientEndPoints(AddressFamily family)
    {
        _template = new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    /// <summary>The endpoint of <paramref name="client"/>, made once per client and slot.</summary>
    public IPEndPoint Get(SocketAddress client)
    {
        int slot = (int)((uint)client.GetHashCode() % Slots);
        if (_addresses[slot] is { } known && known.Equals(client))
        {
            return _endPoints[slot];
        }

        var copy = new SocketAddress(client.Family, client.Size);
        client.Buffer.Span[..client.Size].CopyTo(copy.Buffer.Span);
        var endPoint = (IPEndPoint)_template.Create(copy);
        _addresses[slot] = copy;
        _endPoints[slot] = endPoint;
        return endPoint;
    }
}
