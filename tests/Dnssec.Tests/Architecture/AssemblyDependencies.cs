using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Dnssec.Tests.Architecture;

/// <summary>
/// Reads which namespaces each namespace of a compiled assembly uses, from its metadata: base types, interfaces,
/// generic constraints, field, method, property and local signatures, custom attributes, and every type, member and
/// signature token in the method bodies. The compiler has resolved every name by then, so a namespace-relative
/// reference or a global using is seen as what it is.
/// </summary>
internal static class AssemblyDependencies
{
    /// <summary>Operand sizes of the IL opcodes, from System.Reflection.Emit's table, so that the body walk lands on opcodes.</summary>
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    /// <summary>The distinct (namespace, used namespace) pairs of the assembly at <paramref name="path"/>, each with one example.</summary>
    public static IReadOnlyList<NamespaceDependency> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var walker = new Walker(metadata, pe);
        foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
        {
            walker.Visit(handle);
        }

        return walker.Dependencies;
    }

    /// <summary>The names of the assemblies that the assembly at <paramref name="path"/> references.</summary>
    public static IReadOnlyList<string> ReferencedAssemblies(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
    }

    /// <summary>Collects the dependencies of one assembly, attributing nested and compiler-generated types to their outermost type.</summary>
    private sealed class Walker(MetadataReader metadata, PEReader pe)
    {
        private readonly TypeNames _names = new(metadata);
        private readonly Dictionary<(string From, string To), string> _seen = [];
        private string _from = "";
        private string _fromType = "";

        public List<NamespaceDependency> Dependencies { get; } = [];

        public void Visit(TypeDefinitionHandle handle)
        {
            TypeDefinition type = metadata.GetTypeDefinition(handle);
            UsedType self = _names.Definition(handle);
            _from = self.Namespace;
            _fromType = self.FullName;

            Add(type.BaseType);
            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                Add(metadata.GetInterfaceImplementation(implementation).Interface);
            }

            AddGenericParameters(type.GetGenericParameters());
            AddAttributes(type.GetCustomAttributes());

            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = metadata.GetFieldDefinition(fieldHandle);
                AddAll(field.DecodeSignature(_names, null));
                AddAttributes(field.GetCustomAttributes());
            }

            foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
            {
                PropertyDefinition property = metadata.GetPropertyDefinition(propertyHandle);
                AddSignature(property.DecodeSignature(_names, null));
                AddAttributes(property.GetCustomAttributes());
            }

            foreach (EventDefinitionHandle eventHandle in type.GetEvents())
            {
                EventDefinition definition = metadata.GetEventDefinition(eventHandle);
                Add(definition.Type);
                AddAttributes(definition.GetCustomAttributes());
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                VisitMethod(metadata.GetMethodDefinition(methodHandle));
            }
        }

        private void VisitMethod(MethodDefinition method)
        {
            AddSignature(method.DecodeSignature(_names, null));
            AddAttributes(method.GetCustomAttributes());
            AddGenericParameters(method.GetGenericParameters());
            foreach (ParameterHandle parameter in method.GetParameters())
            {
                AddAttributes(metadata.GetParameter(parameter).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                AddAll(metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_names, null).SelectMany(local => local));
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                Add(region.CatchType);
            }

            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = (short)(0xFE00 | il.ReadByte());
                }

                SkipOrRead(ref il, OperandTypes[code]);
            }
        }

        private void SkipOrRead(ref BlobReader il, OperandType operand)
        {
            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineSig:
                    Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }

        private void AddGenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (GenericParameterHandle parameterHandle in parameters)
            {
                foreach (GenericParameterConstraintHandle constraint in metadata.GetGenericParameter(parameterHandle).GetConstraints())
                {
                    Add(metadata.GetGenericParameterConstraint(constraint).Type);
                }
            }
        }

        private void AddAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (CustomAttributeHandle attribute in attributes)
            {
                Add(metadata.GetCustomAttribute(attribute).Constructor);
            }
        }

        private void AddSignature(MethodSignature<ImmutableArray<UsedType>> signature)
        {
            AddAll(signature.ReturnType);
            AddAll(signature.ParameterTypes.SelectMany(parameter => parameter));
        }

        private void Add(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                    AddAll(_names.Resolve(handle));
                    break;
                case HandleKind.MemberReference:
                    MemberReference member = metadata.GetMemberReference((MemberReferenceHandle)handle);
                    Add(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        AddSignature(member.DecodeMethodSignature(_names, null));
                    }
                    else
                    {
                        AddAll(member.DecodeFieldSignature(_names, null));
                    }

                    break;
                case HandleKind.MethodSpecification:
                    MethodSpecification specification = metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Add(specification.Method);
                    AddAll(specification.DecodeSignature(_names, null).SelectMany(argument => argument));
                    break;
                case HandleKind.MethodDefinition:
                    Add(metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    Add(metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.StandaloneSignature:
                    StandaloneSignature standalone = metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (standalone.GetKind() == StandaloneSignatureKind.Method)
                    {
                        AddSignature(standalone.DecodeMethodSignature(_names, null));
                    }

                    break;
                default:
                    break;
            }
        }

        private void AddAll(IEnumerable<UsedType> types)
        {
            foreach (UsedType used in types)
            {
                if (used.Namespace != _from && _seen.TryAdd((_from, used.Namespace), used.FullName))
                {
                    Dependencies.Add(new NamespaceDependency(_from, used.Namespace, $"{_fromType} uses {used.FullName}"));
                }
            }
        }
    }
}
