using System.Net;
using System.Net.Sockets;

namespace Dnssec.Tests.Infrastructure;

/// <summary>Ports on loopback for test servers that answer on UDP and TCP alike.</summary>
internal static class LoopbackPorts
{
    private const int Attempts = 32;

    /// <summary>
    /// A UDP client and a started TCP listener on one port the system chooses on <paramref name="address"/>.
    /// </summary>
    public static (UdpClient Udp, TcpListener Tcp) BindUdpAndTcp(IPAddress address)
    {
        // The port the system gives UDP may be held on TCP by one of the many connections other tests open at the same
        // time, so another port is tried rather than failing the test that happened to draw it.
        for (int attempt = 1; ; attempt++)
        {
            var udp = new UdpClient(new IPEndPoint(address, 0));
            var tcp = new TcpListener((IPEndPoint)udp.Client.LocalEndPoint!);
            try
            {
                tcp.Start();
                return (udp, tcp);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < Attempts)
            {
                udp.Dispose();
            }
        }
    }
}
