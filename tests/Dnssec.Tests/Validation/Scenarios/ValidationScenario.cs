using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation.Scenarios;

/// <summary>
/// One named in-process hierarchy and the verdict it must get: how the zones are built, what the upstream does to
/// the responses, the question, and the expected status, Extended DNS Error and the name the reason must mention.
/// </summary>
/// <param name="Name">The scenario's name, shown as the theory row.</param>
/// <param name="Query">The question name.</param>
/// <param name="Type">The question type.</param>
/// <param name="Status">The expected status.</param>
/// <param name="Error">The expected Extended DNS Error code; null where none is due.</param>
/// <param name="Mentions">A zone or record name the reason must contain.</param>
internal sealed record ValidationScenario(string Name, string Query, RecordType Type, SecurityStatus Status, ExtendedDnsErrorCode? Error, string Mentions)
{
    /// <summary>Adds and configures zones before the hierarchy is signed.</summary>
    public required Action<TestHierarchy> Setup { get; init; }

    /// <summary>Runs after signing: installs a hostile upstream, changes the trust anchors.</summary>
    public Action<TestHierarchy>? AfterBuild { get; init; }

    /// <summary>Validator options other than the defaults.</summary>
    public ValidatorOptions? Options { get; init; }

    /// <summary>Builds the validator itself, for other trust anchors; the hierarchy's validator when null.</summary>
    public Func<TestHierarchy, DnssecValidator>? Validator { get; init; }

    /// <summary>Builds the hierarchy, asks the question through its authority and validates the response.</summary>
    public async Task<AnswerValidation> RunAsync()
    {
        var hierarchy = new TestHierarchy();
        Setup(hierarchy);
        hierarchy.Build();
        AfterBuild?.Invoke(hierarchy);
        DnssecValidator validator = Validator?.Invoke(hierarchy) ?? hierarchy.Validator(Options);
        return await hierarchy.ValidateAsync(Query, Type, validator);
    }

    /// <summary>The name, as xUnit prints the row.</summary>
    public override string ToString() => Name;
}
