namespace Sacred.Generator.Emitting;

/// <summary>How enum members appear in configs and on the command line: snake_case, like keys.</summary>
internal static class EnumNaming
{
    public static string ToKey(string member) => Parsing.KeyNaming.ToSnakeCase(member);
}
