namespace Dnssec.Tests.Architecture;

/// <summary>Code in namespace <paramref name="From"/> uses a type of namespace <paramref name="To"/>; <paramref name="Example"/> names one such use.</summary>
internal sealed record NamespaceDependency(string From, string To, string Example);
