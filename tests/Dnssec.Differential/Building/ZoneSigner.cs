using System.Globalization;
using Dnssec.Differential.Generation;

namespace Dnssec.Differential.Building;

/// <summary>
/// Signs a zone with the real signers: BIND's dnssec-signzone (-O full, one record a line), or ldns-signzone for NSEC3
/// iterations above <see cref="DenialSpec.SignerIterationLimit"/>, which BIND 9.18's signer refuses. Each signing runs
/// in an empty directory of its own, so that no signer picks up a key it was not given.
/// </summary>
public sealed class ZoneSigner(string directory, TimeSpan timeout)
{
    private int _runs;

    /// <summary>Whether <paramref name="zone"/> needs ldns-signzone.</summary>
    public static bool NeedsLdns(ZoneSpec zone) => zone.Denial is { Kind: DenialKind.Nsec3, Iterations: > DenialSpec.SignerIterationLimit };

    /// <summary>Signs <paramref name="source"/> into <paramref name="output"/> with <paramref name="keys"/>, valid in <paramref name="window"/>.</summary>
    public async Task SignAsync(ZoneSpec zone, string source, string output, IReadOnlyList<ZoneKey> keys, SigningWindow window, CancellationToken cancellationToken)
    {
        string work = Path.Combine(directory, "work", string.Create(CultureInfo.InvariantCulture, $"{zone.Stem}.{Interlocked.Increment(ref _runs)}"));
        Directory.CreateDirectory(work);
        DenialSpec denial = zone.Denial ?? new DenialSpec { Kind = DenialKind.Nsec };
        List<string> arguments;
        string program;
        if (NeedsLdns(zone))
        {
            program = "ldns-signzone";
            arguments = ["-o", zone.Name, "-f", output, "-i", window.InceptionText, "-e", window.ExpirationText, "-n", "-t", denial.Iterations.ToString(CultureInfo.InvariantCulture)];
            if (denial.Salt.Length > 0)
            {
                arguments.AddRange(["-s", denial.Salt]);
            }

            if (denial.OptOut)
            {
                arguments.Add("-p");
            }

            arguments.Add(source);
            arguments.AddRange(keys.Select(k => k.BasePath));
        }
        else
        {
            program = "dnssec-signzone";
            // -P: no check of the result, because some zones are odd on purpose (keys that sign nothing, revoked keys).
            arguments = ["-q", "-O", "full", "-P", "-n", "1", "-N", "keep", "-o", zone.Name, "-f", output, "-d", work, "-K", work, "-s", window.InceptionText, "-e", window.ExpirationText];
            if (!keys.Any(k => k.Spec.Role == KeyRole.Zsk))
            {
                // Only keys with the SEP bit: they sign everything (a CSK), which dnssec-signzone does only when told.
                arguments.Add("-z");
            }

            if (denial.Kind == DenialKind.Nsec3)
            {
                arguments.AddRange(["-3", denial.Salt.Length > 0 ? denial.Salt : "-", "-H", denial.Iterations.ToString(CultureInfo.InvariantCulture)]);
                if (denial.OptOut)
                {
                    arguments.Add("-A");
                }
            }

            arguments.Add(source);
            arguments.AddRange(keys.Select(k => k.PrivateFile));
        }

        try
        {
            await Tool.CheckedAsync(program, arguments, timeout, work, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"signing {zone.Name} failed: {e.Message}", e);
        }
    }
}
