using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;

namespace Dnssec.Server;

/// <summary>
/// The UDP listener: receive loops that answer from the cache themselves, into one send buffer of their own, with
/// neither a task nor an allocation per datagram; so do they send an answer the resolver has ready at once (synthesised
/// from denial records, or refused), and a query that must wait goes on on its own task while the loop receives the next
/// datagram. On Linux each core has its own socket on the port (SO_REUSEPORT, as Unbound does) with
/// one loop, elsewhere each socket has a loop per core; every loop is a thread of its own.
/// </summary>
public sealed partial class DnsServer
{
    /// <summary>How often a receive loop waiting for a datagram looks whether the server is stopping.</summary>
    private static readonly TimeSpan StopCheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs a socket's receive loop on a thread of its own; the task ends with the loop.</summary>
    private Task ReceiveUdpAsync(Socket socket, CancellationToken stopping)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ReceiveUdp(socket, stopping);
                ended.SetResult();
            }
            catch (Exception exception)
            {
                ended.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "dnssec serve udp",
        };
        thread.Start();
        return ended.Task;
    }

    /// <summary>
    /// Receives with blocking calls, as Unbound's loops do: a datagram waiting is read without the event loop and the
    /// thread pool in between, which under load cost more than answering from the cache. The socket is never used
    /// asynchronously (sends are synchronous too), so it stays in blocking mode; a receive timeout lets the loop see
    /// the server stopping.
    /// </summary>
    private void ReceiveUdp(Socket socket, CancellationToken stopping)
    {
        // The client's address is received into one SocketAddress, reused: no EndPoint is made for a datagram from the cache.
        var client = new SocketAddress(socket.AddressFamily);
        var endPoints = new ClientEndPoints(socket.AddressFamily);
        byte[] buffer = new byte[ushort.MaxValue];
        byte[] response = new byte[Math.Clamp(_options.MaximumUdpResponse, 512, ushort.MaxValue)];
        socket.ReceiveTimeout = (int)StopCheckInterval.TotalMilliseconds;
        while (!stopping.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(buffer, SocketFlags.None, client);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception) when (exception.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (SocketException exception)
            {
                // An ICMP error for an earlier response (ConnectionReset on some systems) says nothing about this socket.
                LogReceiveFailed(_logger, socket.LocalEndPoint, exception.SocketErrorCode);
                continue;
            }

            long started = Stopwatch.GetTimestamp();
            DatagramStep step = AnswerDatagram(buffer.AsSpan(0, received), client, endPoints, started, response, out int length);
            if (step == DatagramStep.Answered)
            {
                SendNow(socket, response.AsSpan(0, length), client);
                continue;
            }

            if (step == DatagramStep.Dropped)
            {
                continue;
            }

            IPEndPoint from = endPoints.Get(client);
            _inFlight.Enter();
            ValueTask<byte[]?> answering = step == DatagramStep.Refused
                ? ValueTask.FromResult<byte[]?>(Refuse(buffer.AsSpan(0, received), TransportProtocol.Udp, started))
                : ResolveAndAnswerAsync(buffer.AsMemory(0, received), from, TransportProtocol.Udp, started, CancellationToken.None);
            if (answering.IsCompletedSuccessfully)
            {
                // Ready at once (refused, synthesised from denial records, answered from the resolver's cache): sent by
                // the loop itself to the address it was received from, as a cache hit is, without an asynchronous send.
                if (answering.Result is { } ready)
                {
                    SendNow(socket, ready, client);
                }

                _inFlight.Exit();
                continue;
            }

            // The query's bytes are the loop's buffer, which the next datagram overwrites: the answer still under way has
            // parsed them already, so only the pending work goes on, on its own task.
            _ = FinishUdpAsync(socket, answering, from);
        }
    }

    /// <summary>Sends a response from the loop itself; a UDP send does not wait for the client, only for room in the socket's buffer.</summary>
    private static void SendNow(Socket socket, ReadOnlySpan<byte> response, SocketAddress client)
    {
        try
        {
            socket.SendTo(response, SocketFlags.None, client);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The client went away, or the socket closed as the server stopped: nothing to answer to.
        }
    }

    /// <summary>Waits for an answer under way, sends it (if any) to <paramref name="client"/> and marks it done.</summary>
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

        try
        {
            // Answers under way finish and are sent when the server stops (it keeps the socket open for them); only new
            // queries are turned away. Synchronous, so that the socket stays in blocking mode for its receive loop.
            if (response is not null)
            {
                socket.SendTo(response, SocketFlags.None, client);
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
