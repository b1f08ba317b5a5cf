using System.Text;

namespace Sacred.Randomness;

/// <summary>Hashes that are the same in every process and on every platform, unlike <c>string.GetHashCode</c>.</summary>
internal static class StableHash
{
    /// <summary>64-bit FNV-1a of the text's UTF-8 bytes.</summary>
    public static ulong Fnv1a64(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }

    /// <summary>The SplitMix64 finalizer: spreads every input bit over the whole output.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
