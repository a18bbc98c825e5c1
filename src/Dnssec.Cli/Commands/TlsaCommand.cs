using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec tlsa CERT.pem`: prints the TLSA record for a certificate, like danetool --tlsa-rr.</summary>
internal static class TlsaCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("cert") { Description = "A PEM file; its first certificate is published." };
        var usage = new Option<int>("--usage") { Description = "Certificate usage: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE (default 3).", DefaultValueFactory = _ => 3 };
        var selector = new Option<int>("--selector") { Description = "Selector: 0 whole certificate, 1 SubjectPublicKeyInfo (default 1).", DefaultValueFactory = _ => 1 };
        var matchingType = new Option<int>("--mtype") { Description = "Matching type: 0 full, 1 SHA2-256, 2 SHA2-512 (default 1).", DefaultValueFactory = _ => 1 };
        var host = new Option<string?>("--host") { Description = "Print a zone-file line owned by _PORT._PROTO.HOST instead of the bare RDATA." };
        var port = new Option<int>("--port") { Description = "The service port for --host (default 443).", DefaultValueFactory = _ => 443 };
        var protocol = new Option<string>("--proto") { Description = "The transport for --host (default tcp).", DefaultValueFactory = _ => "tcp" };
        var command = new Command("tlsa", "Print the TLSA record that publishes a certificate.")
        {
            file, usage, selector, matchingType, host, port, protocol,
        };
        command.SetAction(result => Run(
            result.GetValue(file)!, result.GetValue(usage), result.GetValue(selector), result.GetValue(matchingType),
            result.GetValue(host), result.GetValue(port), result.GetValue(protocol)!));
        return command;
    }

    private static int Run(FileInfo file, int usage, int selector, int matchingType, string? host, int port, string protocol)
    {
        TextWriter error = Console.Error;
        if (usage is < 0 or > 3 || selector is < 0 or > 1 || matchingType is < 0 or > 2)
        {
            error.WriteLine($"dnssec tlsa: usage must be 0-3, selector 0-1 and matching type 0-2 (got {usage} {selector} {matchingType})");
            return ExitCodes.UsageOrIo;
        }

        if (port is < 1 or > ushort.MaxValue || protocol is not ("tcp" or "udp" or "sctp"))
        {
            error.WriteLine($"dnssec tlsa: --port {port} --proto {protocol} is not a service (port 1-65535, proto tcp, udp or sctp)");
            return ExitCodes.UsageOrIo;
        }

        DnsName? owner = null;
        if (host is not null && !NameArgument.TryParse($"_{port}._{protocol}.{host.TrimEnd('.')}.", "dnssec tlsa: --host", "host name", error, out owner))
        {
            return ExitCodes.UsageOrIo;
        }

        try
        {
            List<X509Certificate2> certificates = PemCertificates.ReadCertificates(file.FullName);
            if (certificates.Count == 0)
            {
                error.WriteLine($"dnssec tlsa: {file.FullName}: no PEM certificate");
                return ExitCodes.UsageOrIo;
            }

            TlsaData record = TlsaRecordFactory.Create(certificates[0].RawDataMemory.Span, (TlsaUsage)usage, (TlsaSelector)selector, (TlsaMatchingType)matchingType);
            string text = TlsaText.Format(record);
            Console.Out.WriteLine(owner is null ? text : $"{owner} IN TLSA {text}");
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dnssec tlsa: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
    }
}
