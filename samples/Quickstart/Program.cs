// The README's examples, each a function the README quotes. Run one against the real DNS (the servers of
// /etc/resolv.conf, or the network interfaces', validated from the shipped root anchor):
//   dotnet run --project samples/Quickstart -- resolve www.isc.org
//   dotnet run --project samples/Quickstart -- https www.example.com
//   dotnet run --project samples/Quickstart -- tls mail.example.org 443
//   dotnet run --project samples/Quickstart -- smtp example.org
using System.Net.Security;
using System.Net.Sockets;
using Dnssec.Dane;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

if (args is not [string command, string name, ..])
{
    Console.Error.WriteLine("usage: quickstart resolve|https|tls|smtp NAME [PORT]");
    return 3;
}

try
{
    return command switch
    {
        "resolve" => await ResolveAsync(name),
        "https" => await HttpsAsync(name),
        "tls" => await TlsAsync(name, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 443),
        "smtp" => await SmtpAsync(name),
        _ => Usage(command),
    };
}
catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException or System.Security.Authentication.AuthenticationException or FormatException)
{
    Console.Error.WriteLine($"quickstart {command} {name}: {exception.Message}");
    return 2;
}

static int Usage(string command)
{
    Console.Error.WriteLine($"quickstart: no command '{command}'; resolve, https, tls or smtp");
    return 3;
}

// Resolve a name and act only on a proven answer.
static async Task<int> ResolveAsync(string name)
{
    await using var resolver = new DnssecResolver();   // resolv.conf's servers, the shipped root anchor
    DnssecAnswer answer = await resolver.ResolveAsync(name, RecordType.A);
    Console.WriteLine($"{answer.Question.Name} A: {answer.Status}, {answer.ResponseCode}: {answer.Reason}");
    if (answer.Status is SecurityStatus.Bogus or SecurityStatus.Indeterminate)
    {
        return 2;                                       // forged, stripped or unreachable: use nothing
    }

    foreach (DnsRecord record in answer.Records)
    {
        Console.WriteLine(RecordTextFormatter.Format(record));
    }

    return answer.Status == SecurityStatus.Secure ? 0 : 1;
}

// HTTPS whose server is authenticated by its TLSA records when the zone publishes them, by PKIX otherwise.
static async Task<int> HttpsAsync(string host)
{
    await using var resolver = new DnssecResolver();
    using var http = new HttpClient(DaneHttpHandler.Create(resolver, observe: dane => Console.WriteLine($"DANE: {dane.Reason}")));
    using HttpResponseMessage response = await http.GetAsync(new Uri($"https://{host}/"));
    Console.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}");
    return 0;
}

// Any TLS protocol over SslStream: look up TLSA and addresses, connect only to a validated address.
static async Task<int> TlsAsync(string host, int port)
{
    await using var resolver = new DnssecResolver();
    TlsaLookupResult tlsa = await new TlsaLookup(resolver).LookupAsync(host, port);
    if (tlsa.Status == TlsaLookupStatus.Failed || tlsa.Addresses.Count == 0)
    {
        Console.Error.WriteLine($"{host}: not connecting: {tlsa.Reason}");
        return 2;
    }

    using var tcp = new TcpClient(tlsa.Addresses[0].AddressFamily);
    await tcp.ConnectAsync(tlsa.Addresses[0], port);
    await using var tls = new SslStream(tcp.GetStream());
    await tls.AuthenticateAsClientAsync(DaneTls.CreateClientOptions(tlsa, observe: dane => Console.WriteLine($"DANE: {dane.Reason}")));
    Console.WriteLine($"{host}[{tlsa.Addresses[0]}]:{port}: {tls.SslProtocol}, {tlsa.Status}");
    return 0;
}

// Probe a mail domain as Postfix's "dane" level would deliver to it: MX, TLSA, STARTTLS, the verdict.
static async Task<int> SmtpAsync(string domain)
{
    await using var resolver = new DnssecResolver();
    var client = new SmtpDaneClient(resolver);
    SmtpDeliveryResult probe = await client.DeliverAsync(domain, new SmtpTlsPolicy { Level = SmtpSecurityLevel.Dane });
    Console.WriteLine($"{probe.MxHost ?? domain}: {(probe.Delivered ? "ok" : "refused")}, TLS {probe.Tls}: {probe.Reason}");
    return probe.Delivered ? 0 : 2;
}
