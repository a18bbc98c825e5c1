using System.Text;

namespace Dnssec.Dane;

/// <summary>
/// SMTP lines over a stream that STARTTLS replaces mid-session: reads byte by byte so that nothing the TLS handshake
/// needs is buffered away, and parses multi-line replies (RFC 5321 §4.2).
/// </summary>
internal sealed class SmtpLineStream(Stream stream, List<string> transcript)
{
    private const int MaxLineLength = 4096;

    public Stream Stream { get; set; } = stream;

    public async ValueTask WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        transcript.Add("> " + line);
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken).ConfigureAwait(false);
        await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteRawAsync(string text, CancellationToken cancellationToken)
    {
        await Stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one reply: its code and the text of every line.</summary>
    /// <exception cref="IOException">The server closed the connection or sent a malformed reply.</exception>
    public async ValueTask<(int Code, List<string> Lines)> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            string line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            transcript.Add("< " + line);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code)
                || (line.Length > 3 && line[3] is not (' ' or '-')))
            {
                throw new IOException($"malformed SMTP reply line '{Shorten(line)}'");
            }

            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return (code, lines);
            }
        }
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (line.Length < MaxLineLength)
        {
            if (await Stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("the server closed the connection");
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        throw new IOException($"SMTP reply line longer than {MaxLineLength} octets");
    }

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
