using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using MailKitDane;
using MimeKit;

const string Usage = """
    usage: MailKitDane --from ADDRESS --to ADDRESS [--subject TEXT] [--body TEXT]
                       [--server IP[:PORT]]... [--anchors FILE] [--port N] [--helo NAME]
    Sends one message to the MX hosts of the recipient's domain, only over STARTTLS authenticated with DANE.
    --server   recursive resolvers to ask (repeatable); default: /etc/resolv.conf's
    --anchors  trust anchors (DS/DNSKEY lines or root-anchors.xml); default: the shipped root anchor
    --port     the MX hosts' SMTP port (default 25)
    Exit status: 0 delivered, 1 refused (the reason is printed), 2 usage error.
    """;

var values = new Dictionary<string, string>();
var servers = new List<UpstreamServer>();
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    if (option is "-h" or "--help")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (option is not ("--from" or "--to" or "--subject" or "--body" or "--server" or "--anchors" or "--port" or "--helo") || i + 1 == args.Length)
    {
        return Fail($"'{option}' is not an option, or its value is missing");
    }

    string value = args[++i];
    if (option == "--server")
    {
        if (!UpstreamServer.TryParse(value, out UpstreamServer? server))
        {
            return Fail($"--server '{value}' is not IP[:PORT]");
        }

        servers.Add(server);
    }
    else
    {
        values[option] = value;
    }
}

if (!values.TryGetValue("--from", out string? from) || !values.TryGetValue("--to", out string? to))
{
    return Fail("--from and --to are required");
}

if (!MailboxAddress.TryParse(from, out MailboxAddress? sender) || !MailboxAddress.TryParse(to, out MailboxAddress? recipient) || !recipient.Address.Contains('@', StringComparison.Ordinal))
{
    return Fail($"'{from}' or '{to}' is not a mail address");
}

int port = 25;
if (values.TryGetValue("--port", out string? portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
{
    return Fail($"--port '{portText}' is not a port number");
}

var options = new ResolverOptions();
foreach (UpstreamServer server in servers)
{
    options.Servers.Add(server);
}

if (values.TryGetValue("--anchors", out string? anchorFile))
{
    try
    {
        var anchors = new TrustAnchorSet();
        anchors.Add(TrustAnchorFile.Load(anchorFile, DateTimeOffset.UtcNow));
        options.TrustAnchors = anchors;
    }
    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
    {
        return Fail($"--anchors: {exception.Message}");
    }
}

var message = new MimeMessage();
message.From.Add(sender);
message.To.Add(recipient);
message.Subject = values.GetValueOrDefault("--subject", "DANE test");
message.Body = new TextPart("plain") { Text = values.GetValueOrDefault("--body", "Sent over STARTTLS authenticated with DANE.") };

using var resolver = new DnssecResolver(options);
var mailer = new DaneMailSender(resolver) { Port = port, HeloName = values.GetValueOrDefault("--helo", "localhost") };
DaneDelivery delivery = await mailer.SendAsync(message, recipient.Domain);
Console.WriteLine(delivery.Reason);
return delivery.Delivered ? 0 : 1;

static int Fail(string problem)
{
    Console.Error.WriteLine($"MailKitDane: {problem}");
    Console.Error.WriteLine(Usage);
    return 2;
}
