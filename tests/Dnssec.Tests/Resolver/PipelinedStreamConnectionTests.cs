using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;
using Dnssec.Tests.Server;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The stream connection TCP and DNS over TLS share, against a loopback peer the test drives frame by frame: IDs,
/// matching by ID then question, strangers ignored, and every waiter told why when the stream ends or breaks.
/// </summary>
public class PipelinedStreamConnectionTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly QueryOptions Options = QueryOptions.Recursive;

    [Fact]
    public async Task ExchangeAsync_QueryBuiltWithIdZero_SentUnderTheIdItAnswersWith()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion question = Question("www.example.");

        Task<PipelinedStreamConnection.Reply> exchange = Ask(peer, question);
        DnsMessage query = await peer.ReadQueryAsync();
        await peer.SendAsync(Answer(query));
        PipelinedStreamConnection.Reply reply = await exchange.WaitAsync(Guard);

        Assert.Equal(PipelinedStreamConnection.Outcome.Answered, reply.Outcome);
        Assert.Equal(query.Id, reply.Id);
        Assert.Equal(query.Id, reply.Message!.Id);
        Assert.Equal(question.Name, query.Questions[0].Name);
    }

    [Fact]
    public async Task ExchangeAsync_ResponseWithAnUnknownIdFirst_IgnoredAndTheQueryGetsItsOwn()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion question = Question("www.example.");

        Task<PipelinedStreamConnection.Reply> exchange = Ask(peer, question);
        DnsMessage query = await peer.ReadQueryAsync();
        DnsMessage stranger = Answer(query);
        stranger.Id = (ushort)(query.Id ^ 0x8000);
        stranger.Questions[0] = Question("other.example.");
        await peer.SendAsync(stranger);
        await peer.SendAsync(Answer(query));
        PipelinedStreamConnection.Reply reply = await exchange.WaitAsync(Guard);

        Assert.Equal(PipelinedStreamConnection.Outcome.Answered, reply.Outcome);
        Assert.Equal(question.Name, reply.Message!.Questions[0].Name);
        Assert.False(peer.Connection.IsClosed);
    }

    [Fact]
    public async Task ExchangeAsync_ConcurrentQueriesAnsweredInReverse_EachGetsItsOwn()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion[] questions = [Question("a.example."), Question("b.example."), Question("c.example.")];

        Task<PipelinedStreamConnection.Reply>[] exchanges = [.. questions.Select(q => Ask(peer, q))];
        var queries = new List<DnsMessage>();
        for (int i = 0; i < questions.Length; i++)
        {
            queries.Add(await peer.ReadQueryAsync());
        }

        for (int i = queries.Count - 1; i >= 0; i--)
        {
            await peer.SendAsync(Answer(queries[i]));
        }

        PipelinedStreamConnection.Reply[] replies = await Task.WhenAll(exchanges).WaitAsync(Guard);

        Assert.Equal(questions.Length, queries.Select(q => q.Id).Distinct().Count());
        for (int i = 0; i < questions.Length; i++)
        {
            Assert.Equal(PipelinedStreamConnection.Outcome.Answered, replies[i].Outcome);
            Assert.Equal(questions[i].Name, replies[i].Message!.Questions[0].Name);
        }
    }

    [Fact]
    public async Task ExchangeAsync_ResponseWithItsIdForAnotherQuestion_OtherQuestion()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion question = Question("www.example.");

        Task<PipelinedStreamConnection.Reply> exchange = Ask(peer, question);
        DnsMessage query = await peer.ReadQueryAsync();
        DnsMessage forged = Answer(query);
        forged.Questions[0] = Question("forged.example.");
        await peer.SendAsync(forged);
        PipelinedStreamConnection.Reply reply = await exchange.WaitAsync(Guard);

        Assert.Equal(PipelinedStreamConnection.Outcome.OtherQuestion, reply.Outcome);
        Assert.Equal(query.Id, reply.Id);
    }

    [Fact]
    public async Task ExchangeAsync_UnparsableResponse_MalformedWithTheReasonAndTheConnectionStaysOpen()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion question = Question("www.example.");

        Task<PipelinedStreamConnection.Reply> exchange = Ask(peer, question);
        DnsMessage query = await peer.ReadQueryAsync();
        byte[] garbage = Answer(query).ToArray();
        // One question claimed, none there: the header is whole, the message is not.
        garbage = garbage[..DnsHeader.Size];
        BinaryPrimitives.WriteUInt16BigEndian(garbage.AsSpan(4), 1);
        await peer.SendRawAsync(garbage);
        PipelinedStreamConnection.Reply reply = await exchange.WaitAsync(Guard);

        Assert.Equal(PipelinedStreamConnection.Outcome.Malformed, reply.Outcome);
        Assert.StartsWith("malformed response: ", reply.Problem, StringComparison.Ordinal);
        Assert.False(peer.Connection.IsClosed);
    }

    [Fact]
    public async Task ExchangeAsync_StreamEndsMidFrame_EveryWaiterFailsWithTheReason()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion first = Question("a.example.");
        DnsQuestion second = Question("b.example.");

        Task<PipelinedStreamConnection.Reply> one = Ask(peer, first);
        Task<PipelinedStreamConnection.Reply> two = Ask(peer, second);
        await peer.ReadQueryAsync();
        await peer.ReadQueryAsync();
        // A length of 100 and only 20 octets of the message before the end.
        byte[] cut = new byte[22];
        BinaryPrimitives.WriteUInt16BigEndian(cut, 100);
        await peer.SendFramedAsync(cut);
        peer.Close();
        PipelinedStreamConnection.Reply[] replies = await Task.WhenAll(one, two).WaitAsync(Guard);

        Assert.All(replies, reply =>
        {
            Assert.Equal(PipelinedStreamConnection.Outcome.Closed, reply.Outcome);
            Assert.Equal("the server sent a response shorter than a header or cut it off", reply.Problem);
        });
        Assert.True(peer.Connection.IsClosed);
    }

    [Fact]
    public async Task ExchangeAsync_AfterTheServerClosed_FailsAtOnceWithTheReason()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion question = Question("www.example.");
        Task<PipelinedStreamConnection.Reply> waiting = Ask(peer, question);
        await peer.ReadQueryAsync();
        peer.Close();
        PipelinedStreamConnection.Reply closed = await waiting.WaitAsync(Guard);

        // Without the end noted, this query would be written to a dead stream and wait for an answer that cannot come.
        using var timeout = new CancellationTokenSource(Guard);
        PipelinedStreamConnection.Reply late = await Ask(peer, question, timeout.Token);

        Assert.Equal("the server closed the connection", closed.Problem);
        Assert.Equal(PipelinedStreamConnection.Outcome.Closed, late.Outcome);
        Assert.Equal("the server closed the connection", late.Problem);
        Assert.True(peer.Connection.IsClosed);
    }

    [Fact]
    public async Task CloseAsync_QueryWaiting_TheQueryIsToldTheConnectionFailed()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion question = Question("www.example.");
        Task<PipelinedStreamConnection.Reply> waiting = Ask(peer, question);
        await peer.ReadQueryAsync();

        await peer.Connection.CloseAsync();
        PipelinedStreamConnection.Reply reply = await waiting.WaitAsync(Guard);

        Assert.Equal(PipelinedStreamConnection.Outcome.Closed, reply.Outcome);
        Assert.StartsWith("the connection failed: ", reply.Problem, StringComparison.Ordinal);
        Assert.True(peer.Connection.IsClosed);
    }

    [Fact]
    public async Task IdleTime_QueryWaiting_NullUntilItIsAnswered()
    {
        await using Peer peer = await Peer.StartAsync();
        DnsQuestion question = Question("www.example.");
        Assert.NotNull(peer.Connection.IdleTime);

        Task<PipelinedStreamConnection.Reply> exchange = Ask(peer, question);
        DnsMessage query = await peer.ReadQueryAsync();
        TimeSpan? whileWaiting = peer.Connection.IdleTime;
        await peer.SendAsync(Answer(query));
        await exchange.WaitAsync(Guard);

        Assert.Null(whileWaiting);
        Assert.NotNull(peer.Connection.IdleTime);
    }

    /// <summary>Asks <paramref name="question"/> on the peer's connection with a query built as TCP builds it, ID zero.</summary>
    private static Task<PipelinedStreamConnection.Reply> Ask(Peer peer, DnsQuestion question, CancellationToken cancellationToken = default) =>
        peer.Connection.ExchangeAsync(DnsTransport.BuildQuery(0, question, Options), question, cancellationToken).AsTask();

    private static DnsQuestion Question(string name) => new(DnsName.Parse(name), RecordType.A);

    private static DnsMessage Answer(DnsMessage query) => HostileServer.Echo(query, new DnsMessage());

    /// <summary>A connection to a loopback socket the test reads and writes itself.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;

        private Peer(PipelinedStreamConnection connection, Socket socket)
        {
            Connection = connection;
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
        }

        public PipelinedStreamConnection Connection { get; }

        public static async Task<Peer> StartAsync()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndpoint);
            Socket accepted = await listener.AcceptSocketAsync();
            return new Peer(new PipelinedStreamConnection(new NetworkStream(client, ownsSocket: true), TimeProvider.System), accepted);
        }

        public async Task<DnsMessage> ReadQueryAsync() =>
            DnsMessage.Parse(await ServerClient.ReadFrameAsync(_stream) ?? throw new InvalidDataException("The connection ended before a query came."));

        public Task SendAsync(DnsMessage response) => SendRawAsync(response.ToArray());

        public Task SendRawAsync(byte[] message) => SendFramedAsync(ServerClient.Frame(message));

        public async Task SendFramedAsync(byte[] framed) => await _stream.WriteAsync(framed);

        public void Close() => _socket.Shutdown(SocketShutdown.Both);

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            await _stream.DisposeAsync();
        }
    }
}
