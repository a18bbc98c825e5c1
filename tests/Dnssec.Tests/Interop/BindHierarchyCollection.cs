namespace Dnssec.Tests.Interop;

/// <summary>
/// The tests that share one <see cref="BindHierarchy"/>. They form one collection so that xunit runs them one after
/// another and starts the servers once; other collections still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BindHierarchyCollection : ICollectionFixture<BindHierarchy>
{
    /// <summary>The collection's name for <c>[Collection(BindHierarchyCollection.Name)]</c>.</summary>
    public const string Name = "BIND hierarchy";
}
