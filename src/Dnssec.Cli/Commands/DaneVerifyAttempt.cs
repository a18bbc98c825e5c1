using System.Net;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;

namespace Dnssec.Cli.Commands;

/// <summary>What happened at one address `dane verify` tried: the connection, the handshake, the verdict and the chain.</summary>
internal sealed class DaneVerifyAttempt(string host, IPAddress? address)
{
    /// <summary>The host connected to (the MX host for SMTP).</summary>
    public string Host { get; } = host;

    /// <summary>The address, or null when the attempt ended before connecting (an SMTP policy or DNS refusal).</summary>
    public IPAddress? Address { get; } = address;

    /// <summary>Whether the TCP connection was made.</summary>
    public bool Connected { get; set; }

    /// <summary>Whether the TLS handshake completed (the certificate accepted).</summary>
    public bool Tls { get; set; }

    /// <summary>The DANE verdict on the certificate, when TLSA records (or SMTP pins or anchors) judged it.</summary>
    public DaneResult? Dane { get; set; }

    /// <summary>The certificates the server sent, leaf first (copies: SslStream disposes its own).</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; set; } = [];

    /// <summary>How the attempt ended.</summary>
    public DaneVerifyOutcome Outcome { get; set; } = DaneVerifyOutcome.Unreachable;

    /// <summary>A sentence saying why it ended so.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Why the address could not be reached: JSON.md's error code, the stage (connect, starttls, handshake, session) and the message.</summary>
    public (string Code, string Stage, string Message)? Error { get; set; }

    /// <summary>The SMTP conversation with this address; empty for direct TLS.</summary>
    public IReadOnlyList<string> Transcript { get; set; } = [];

    /// <summary>"host[address]", as posttls-finger names a server.</summary>
    public string Where => Address is null ? Host : $"{Host}[{Address}]";
}
