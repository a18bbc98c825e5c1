namespace Dnssec.Tests.Architecture;

/// <summary>A type named in metadata: the namespace of its outermost declaring type, and its full name for messages.</summary>
internal readonly record struct UsedType(string Namespace, string FullName);
