using System.Text.RegularExpressions;

namespace Sacred.Observers;

/// <summary>
/// A MongoDB address as it may be recorded or shown: the password of a connection string
/// (<c>mongodb://user:secret@host/db</c>) replaced by <c>***</c>. The run's <c>meta.options</c> (in every store), its
/// log lines and the worker's messages hold only this form; the password is used to connect and never written down.
/// </summary>
public static partial class MongoAddressRedaction
{
    /// <summary>What stands in for a password.</summary>
    public const string Mask = "***";

    /// <summary>The address with its password, if any, replaced by <see cref="Mask"/>; null stays null.</summary>
    /// <param name="address">A <c>mongodb://</c> or <c>mongodb+srv://</c> connection string, or Sacred's <c>host:port:db</c> form (which holds no password).</param>
    /// <returns>The address safe to record.</returns>
    public static string? Redact(string? address) =>
        address is null ? null : UserInfo().Replace(address, "${scheme}${user}:" + Mask + "@", 1);

    [GeneratedRegex(@"^(?<scheme>\s*mongodb(?:\+srv)?://)(?<user>[^:@/?#]*):(?<password>[^@/?#]*)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
