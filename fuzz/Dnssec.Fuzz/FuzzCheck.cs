using System.Diagnostics.CodeAnalysis;

namespace Dnssec.Fuzz;

/// <summary>Reports a broken invariant as an exception that no target catches, so the fuzzer records a crash.</summary>
public static class FuzzCheck
{
    /// <summary>Throws <see cref="InvalidOperationException"/> with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void That([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            Fail(message);
        }
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> with <paramref name="message"/>.</summary>
    [DoesNotReturn]
    public static void Fail(string message) => throw new InvalidOperationException(message);
}
