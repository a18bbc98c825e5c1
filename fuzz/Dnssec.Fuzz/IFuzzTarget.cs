namespace Dnssec.Fuzz;

/// <summary>
/// One fuzz target: one entry point of the library, fed arbitrary bytes.
/// </summary>
/// <remarks>
/// <see cref="Run"/> catches only the exception that the entry point documents for malformed input
/// (<c>DnsFormatException</c> for wire data, <c>ZoneFileException</c> for zone files) and lets everything else escape:
/// SharpFuzz reports an escaping exception to afl-fuzz as a crash, and the seed-corpus tests fail on it.
/// A check that finds two paths disagreeing, or a round trip that changes the data, throws
/// <see cref="InvalidOperationException"/> through <see cref="FuzzCheck"/>.
/// Implementations are found by reflection, so a new target is one new class; its seeds go in
/// <c>fuzz/corpus/NAME/</c> and its dictionary in <c>fuzz/dictionaries/NAME.dict</c>.
/// </remarks>
public interface IFuzzTarget
{
    /// <summary>The name used on the command line and as the corpus folder name, in lower case.</summary>
    string Name { get; }

    /// <summary>Runs one input through the entry point and every consistency check the target makes.</summary>
    void Run(ReadOnlySpan<byte> input);
}
