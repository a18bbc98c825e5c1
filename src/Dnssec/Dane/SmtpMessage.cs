namespace Dnssec.Dane;

/// <summary>A message to deliver: envelope sender, recipients, and the RFC 5322 text with CRLF line ends.</summary>
/// <param name="From">The envelope sender (MAIL FROM), without angle brackets; empty for the null sender.</param>
/// <param name="To">The envelope recipients (RCPT TO).</param>
/// <param name="Data">The message: headers, a blank line, the body.</param>
public sealed record SmtpMessage(string From, IReadOnlyList<string> To, string Data);
