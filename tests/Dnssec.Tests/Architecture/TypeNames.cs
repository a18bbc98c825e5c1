using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Dnssec.Tests.Architecture;

/// <summary>
/// Turns metadata type handles and signatures into the types they name: a generic instantiation, an array or a
/// pointer names every type inside it, so <c>List&lt;Validation.Foo&gt;</c> counts as a use of the Validation layer.
/// </summary>
internal sealed class TypeNames(MetadataReader metadata) : ISignatureTypeProvider<ImmutableArray<UsedType>, object?>
{
    /// <summary>The namespace and name of a type defined in the assembly; a nested type takes its outermost type's namespace.</summary>
    public UsedType Definition(TypeDefinitionHandle handle)
    {
        TypeDefinition type = metadata.GetTypeDefinition(handle);
        string name = metadata.GetString(type.Name);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        if (declaring.IsNil)
        {
            string space = metadata.GetString(type.Namespace);
            return new UsedType(space, space.Length == 0 ? name : space + "." + name);
        }

        UsedType outer = Definition(declaring);
        return outer with { FullName = outer.FullName + "+" + name };
    }

    /// <summary>Every type a type definition, reference or specification names.</summary>
    public ImmutableArray<UsedType> Resolve(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => [Definition((TypeDefinitionHandle)handle)],
        HandleKind.TypeReference => [Reference((TypeReferenceHandle)handle)],
        HandleKind.TypeSpecification => metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
        _ => [],
    };

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [Definition(handle)];

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [Reference(handle)];

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetGenericInstantiation(ImmutableArray<UsedType> genericType, ImmutableArray<ImmutableArray<UsedType>> typeArguments) =>
        genericType.AddRange(typeArguments.SelectMany(argument => argument));

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetArrayType(ImmutableArray<UsedType> elementType, ArrayShape shape) => elementType;

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetSZArrayType(ImmutableArray<UsedType> elementType) => elementType;

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetByReferenceType(ImmutableArray<UsedType> elementType) => elementType;

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetPointerType(ImmutableArray<UsedType> elementType) => elementType;

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetPinnedType(ImmutableArray<UsedType> elementType) => elementType;

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetModifiedType(ImmutableArray<UsedType> modifier, ImmutableArray<UsedType> unmodifiedType, bool isRequired) =>
        modifier.AddRange(unmodifiedType);

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetFunctionPointerType(MethodSignature<ImmutableArray<UsedType>> signature) =>
        signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(parameter => parameter));

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetGenericMethodParameter(object? genericContext, int index) => [];

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetGenericTypeParameter(object? genericContext, int index) => [];

    /// <inheritdoc/>
    public ImmutableArray<UsedType> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

    private UsedType Reference(TypeReferenceHandle handle)
    {
        TypeReference type = metadata.GetTypeReference(handle);
        string name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            UsedType outer = Reference((TypeReferenceHandle)type.ResolutionScope);
            return outer with { FullName = outer.FullName + "+" + name };
        }

        string space = metadata.GetString(type.Namespace);
        return new UsedType(space, space.Length == 0 ? name : space + "." + name);
    }
}
