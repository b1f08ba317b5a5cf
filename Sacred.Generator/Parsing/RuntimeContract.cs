using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>
/// Checks that the Sacred.Runtime defining the triggering attribute implements the generated-code contract this
/// generator writes for: its <c>Sacred.Generated.GeneratedCodeContract.Version</c> constant.
/// </summary>
internal static class RuntimeContract
{
    /// <summary>Null when the versions match; otherwise the diagnostic, at the attribute's name.</summary>
    public static DiagnosticInfo? Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var attribute = context.Attributes[0];
        var contract = attribute.AttributeClass?.ContainingAssembly.GetTypeByMetadataName(KnownTypes.GeneratedCodeContract);
        var version = contract?.GetMembers("Version").OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst)?.ConstantValue as int?;
        if (version == KnownTypes.ContractVersion)
        {
            return null;
        }

        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        var at = syntax is AttributeSyntax written ? written.Name.GetLocation() : syntax?.GetLocation();
        var found = version is null
            ? "no generated-code contract (it lacks " + KnownTypes.GeneratedCodeContract + ")"
            : "generated-code contract version " + version.Value.ToString(CultureInfo.InvariantCulture);
        return DiagnosticInfo.Create(
            DiagnosticDescriptors.RuntimeContractMismatch,
            Locations.ToInfo(at),
            found,
            KnownTypes.ContractVersion.ToString(CultureInfo.InvariantCulture));
    }
}
