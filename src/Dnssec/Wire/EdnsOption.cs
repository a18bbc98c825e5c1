namespace Dnssec.Wire;

/// <summary>One EDNS(0) option: a code and its data (RFC 6891 §6.1.2).</summary>
/// <param name="Code">The option code.</param>
/// <param name="Data">The option data.</param>
public sealed record EdnsOption(EdnsOptionCode Code, ReadOnlyMemory<byte> Data);
