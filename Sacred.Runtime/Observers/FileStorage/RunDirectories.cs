using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using Sacred.Recording;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// Sacred's run-directory ids: 1 + the largest all-digit directory name, claimed with an exclusive mkdir and
/// retried with the next number when another run won the race (Sacred PR #473/#503), up to
/// <see cref="MaxCollisions"/> times.
/// </summary>
internal static class RunDirectories
{
    /// <summary>How many collisions are retried before giving up, as Sacred.</summary>
    public const int MaxCollisions = 1000;

    /// <summary>Creates the next numbered run directory under an existing base directory.</summary>
    /// <param name="baseDirectory">The base directory.</param>
    /// <returns>The id, i.e. the new directory's name.</returns>
    /// <exception cref="ObserverUnavailableException">The directory cannot be created.</exception>
    public static string CreateNext(string baseDirectory) => Claim(baseDirectory, LargestId(baseDirectory) + 1);

    /// <summary>Claims <paramref name="first"/>, or the next free number after it.</summary>
    /// <param name="baseDirectory">The base directory.</param>
    /// <param name="first">The first id to try.</param>
    /// <returns>The id claimed.</returns>
    public static string Claim(string baseDirectory, BigInteger first)
    {
        var id = first;
        for (var collisions = 0; ; collisions++, id++)
        {
            var name = id.ToString(CultureInfo.InvariantCulture);
            var path = Path.Combine(baseDirectory, name);
            switch (ExclusiveDirectory.TryCreate(path, out var error))
            {
                case DirectoryClaim.Created:
                    return name;
                case DirectoryClaim.AlreadyExists when collisions < MaxCollisions:
                    continue;
                case DirectoryClaim.AlreadyExists:
                    throw new ObserverUnavailableException(
                        $"cannot create a run directory in '{baseDirectory}': ids {first} to {id} were all taken while trying; " +
                        "check that the folder is not being filled by something else");
                default:
                    throw new ObserverUnavailableException($"cannot create run directory '{path}': {error}");
            }
        }
    }

    /// <summary>Creates the directory of an id fixed by <c>-i</c> or a higher-priority observer.</summary>
    /// <param name="baseDirectory">The base directory.</param>
    /// <param name="id">The id.</param>
    /// <exception cref="ObserverUnavailableException">The id is not a plain name, or its directory exists or cannot be created.</exception>
    public static void CreateGiven(string baseDirectory, string id)
    {
        if (id.Length == 0 || id is "." or ".." || id.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
        {
            throw new ObserverUnavailableException(
                $"cannot use run id '{id}' as a directory name in '{baseDirectory}'; give an id without '/', '\\' or dots only");
        }

        var path = Path.Combine(baseDirectory, id);
        switch (ExclusiveDirectory.TryCreate(path, out var error))
        {
            case DirectoryClaim.Created:
                return;
            case DirectoryClaim.AlreadyExists:
                throw new ObserverUnavailableException(
                    $"run directory '{path}' already exists, so run id '{id}' is taken; choose another id or leave it out");
            default:
                throw new ObserverUnavailableException($"cannot create run directory '{path}': {error}");
        }
    }

    /// <summary>The largest all-digit directory name under <paramref name="baseDirectory"/>, or 0.</summary>
    /// <param name="baseDirectory">The base directory.</param>
    /// <returns>The largest id.</returns>
    public static BigInteger LargestId(string baseDirectory)
    {
        var largest = BigInteger.Zero;
        foreach (var directory in Directory.EnumerateDirectories(baseDirectory))
        {
            var name = Path.GetFileName(directory.AsSpan());
            if (name.Length > 0 && !name.ContainsAnyExceptInRange('0', '9'))
            {
                largest = BigInteger.Max(largest, BigInteger.Parse(name, NumberStyles.None, CultureInfo.InvariantCulture));
            }
        }

        return largest;
    }
}
