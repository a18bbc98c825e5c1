using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Cli.Demo;

/// <summary>One question of `dnssec demo`, what it shows, and the verdict it must get.</summary>
internal sealed record DemoCase(string Name, RecordType Type, string Shows, SecurityStatus ExpectedStatus, DnsResponseCode ExpectedCode);
