using System;
using System.Collections.Generic;

namespace Sacred.Randomness;

/// <summary>
/// Sacred's per-function seeding: each function key has its own SplitMix64 stream seeded from the root seed and
/// the key, so calls of one function never change the seeds another function sees, and the same root seed gives
/// the same seeds in every process.
/// </summary>
internal sealed class FunctionSeeds(int rootSeed)
{
    /// <summary>Seeds lie in [1, 1e9], as Sacred's.</summary>
    public const int MaxSeed = 1_000_000_000;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private readonly Dictionary<string, ulong> _states = new(StringComparer.Ordinal);
    private readonly ulong _root = StableHash.Mix(unchecked((ulong)rootSeed) + Gamma);

    public int Next(string functionKey)
    {
        lock (_states)
        {
            if (!_states.TryGetValue(functionKey, out var state))
            {
                state = StableHash.Mix(_root ^ StableHash.Fnv1a64(functionKey));
            }

            state += Gamma;
            _states[functionKey] = state;
            return 1 + (int)(StableHash.Mix(state) % MaxSeed);
        }
    }
}
