using System.Linq;
using Microsoft.CodeAnalysis;

namespace Sacred.Generator.Parsing;

/// <summary>
/// Decides at compile time whether generated code seeds torch, so that the runtime needs no reflection to find it.
/// </summary>
internal static class TorchSharpReference
{
    /// <summary>
    /// True when a referenced assembly named TorchSharp (not the project itself) has the public static
    /// <c>TorchSharp.torch.manual_seed(long)</c> the generated call binds to.
    /// </summary>
    public static bool HasManualSeed(Compilation compilation)
    {
        var torch = compilation.GetTypeByMetadataName(KnownTypes.Torch);
        return torch is not null
            && torch.ContainingAssembly.Name == KnownTypes.TorchSharpAssembly
            && !SymbolEqualityComparer.Default.Equals(torch.ContainingAssembly, compilation.Assembly)
            && torch.DeclaredAccessibility == Accessibility.Public
            && torch.GetMembers("manual_seed").OfType<IMethodSymbol>().Any(method =>
                method.IsStatic
                && method.DeclaredAccessibility == Accessibility.Public
                && method.Parameters.Length == 1
                && method.Parameters[0].Type.SpecialType == SpecialType.System_Int64);
    }
}
