using Dnssec.Tests.TrustAnchors;

namespace Dnssec.Tests.Infrastructure;

/// <summary>The entry point when a test starts this assembly as a child process (<see cref="ChildProcess"/>); the test runner never calls it.</summary>
public static class TestProgram
{
    /// <summary>Runs the child role named by the first argument; exit status 2 for an unknown role.</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && args[0] == AnchorStateChild.Role
            ? await AnchorStateChild.RunAsync(args[1..])
            : 2;
    }
}
