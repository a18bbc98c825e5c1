using System.Globalization;
using System.Text;

namespace Dnssec.Cli;

/// <summary>
/// The plain-text SMTP exchange up to the TLS handshake (RFC 3207): greeting, EHLO, STARTTLS. The library's SMTP
/// session is internal to its delivery client and does not hand out the server's certificate, so `tlsa --from` has
/// this much of its own.
/// </summary>
internal static class SmtpStartTls
{
    // RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets; a little slack for servers that exceed it.
    private const int MaximumLine = 1000;

    /// <summary>Reads the greeting, says EHLO as <paramref name="heloName"/> and asks for STARTTLS; the stream is then ready for the handshake.</summary>
    /// <exception cref="IOException">The server refused, closed, or does not offer STARTTLS.</exception>
    public static async Task NegotiateAsync(Stream stream, string heloName, CancellationToken cancellationToken)
    {
        (int greeting, List<string> greetingLines) = await ReadReplyAsync(stream, cancellationToken);
        Expect(greeting, 220, "greeting", greetingLines);
        await WriteAsync(stream, $"EHLO {heloName}", cancellationToken);
        (int ehlo, List<string> extensions) = await ReadReplyAsync(stream, cancellationToken);
        Expect(ehlo, 250, "EHLO", extensions);
        if (!extensions.Skip(1).Any(line => line.Split(' ')[0].Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
        {
            throw new IOException("the server does not offer STARTTLS");
        }

        await WriteAsync(stream, "STARTTLS", cancellationToken);
        (int ready, List<string> readyLines) = await ReadReplyAsync(stream, cancellationToken);
        Expect(ready, 220, "STARTTLS", readyLines);
    }

    private static void Expect(int code, int expected, string step, List<string> lines)
    {
        if (code != expected)
        {
            throw new IOException($"the server answered {step} with {code.ToString(CultureInfo.InvariantCulture)} {string.Join(" ", lines)}");
        }
    }

    private static async Task WriteAsync(Stream stream, string line, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>One reply, its lines without code and separator.</summary>
    private static async Task<(int Code, List<string> Lines)> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            string line = await ReadLineAsync(stream, cancellationToken);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int code) || (line.Length > 3 && line[3] is not (' ' or '-')))
            {
                throw new IOException($"the server sent a line that is no SMTP reply: '{line}'");
            }

            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return (code, lines);
            }
        }
    }

    /// <summary>Reads byte by byte so that nothing after the line, such as the TLS handshake, is consumed.</summary>
    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("the server closed the connection");
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            if (line.Length == MaximumLine)
            {
                throw new IOException($"the server sent a line longer than {MaximumLine.ToString(CultureInfo.InvariantCulture)} octets");
            }

            line.Append((char)one[0]);
        }
    }
}
