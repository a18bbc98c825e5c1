using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;

namespace Dnssec.Server;

/// <summary>The UDP listener: one receive loop per socket, each datagram answered on its own task.</summary>
public sealed partial class DnsServer
{
    private async Task ReceiveUdpAsync(Socket socket, CancellationToken stopping)
    {
        EndPoint any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        byte[] buffer = new byte[ushort.MaxValue];
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                // An ICMP error for an earlier response (ConnectionReset on some systems) says nothing about this socket.
                LogReceiveFailed(_logger, socket.LocalEndPoint, exception.SocketErrorCode);
                continue;
            }

            byte[] query = ArrayPool<byte>.Shared.Rent(received.ReceivedBytes);
            buffer.AsSpan(0, received.ReceivedBytes).CopyTo(query);
            _inFlight.Enter();
            _ = AnswerUdpAsync(socket, query, received.ReceivedBytes, (IPEndPoint)received.RemoteEndPoint);
        }
    }

    private async Task AnswerUdpAsync(Socket socket, byte[] query, int length, IPEndPoint client)
    {
        try
        {
            // Answers under way finish and are sent when the server stops (it keeps the socket open for them); only new queries are turned away.
            byte[]? response = await AnswerAsync(query.AsMemory(0, length), client, TransportProtocol.Udp, CancellationToken.None).ConfigureAwait(false);
            if (response is not null)
            {
                await socket.SendToAsync(response, SocketFlags.None, client, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The client went away, or the socket closed as the server stopped: nothing to answer to.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(query);
            _inFlight.Exit();
        }
    }
}
