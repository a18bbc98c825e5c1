using Dnssec.Dane;

namespace MailKitDane;

/// <summary>What became of one message: delivered or not, through which MX host, why, and the DANE verdict if TLS got that far.</summary>
/// <param name="Delivered">Whether an MX host accepted the message.</param>
/// <param name="Host">The MX host last tried; null when none was.</param>
/// <param name="Reason">Why it was delivered or refused, in a sentence.</param>
/// <param name="Verdict">The DANE verdict on the last host's certificate; null when the handshake did not reach it.</param>
public sealed record DaneDelivery(bool Delivered, string? Host, string Reason, DaneResult? Verdict);
