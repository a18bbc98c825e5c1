using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;

namespace Dnssec.Server;

/// <summary>
/// The UDP listener: a receive loop per core on each socket. An answer ready at once (a cache hit) is sent by the loop
/// itself; one that must wait for the network goes on on its own task while the loop receives the next datagram.
/// </summary>
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

            var client = (IPEndPoint)received.RemoteEndPoint;
            _inFlight.Enter();
            ValueTask<byte[]?> answering = AnswerAsync(buffer.AsMemory(0, received.ReceivedBytes), client, TransportProtocol.Udp, CancellationToken.None);
            if (answering.IsCompletedSuccessfully)
            {
                await SendUdpAsync(socket, answering.Result, client).ConfigureAwait(false);
                continue;
            }

            // The query's bytes are the loop's buffer, which the next datagram overwrites: the answer still under way has
            // parsed them already, so only the pending work goes on, on its own task.
            _ = FinishUdpAsync(socket, answering, client);
        }
    }

    private async Task FinishUdpAsync(Socket socket, ValueTask<byte[]?> answering, IPEndPoint client)
    {
        byte[]? response;
        try
        {
            response = await answering.ConfigureAwait(false);
        }
        catch
        {
            _inFlight.Exit();
            throw;
        }

        await SendUdpAsync(socket, response, client).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="response"/> (if any) to <paramref name="client"/> and marks the answer done.</summary>
    private async ValueTask SendUdpAsync(Socket socket, byte[]? response, IPEndPoint client)
    {
        try
        {
            // Answers under way finish and are sent when the server stops (it keeps the socket open for them); only new queries are turned away.
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
            _inFlight.Exit();
        }
    }
}
