namespace Sacred.Generator.Model;

/// <summary>The role of a function with injected parameters.</summary>
internal enum FunctionKind
{
    Main,
    Command,
    Captured,
}

/// <summary>How a function returns, so generated code can wait for it and record its result.</summary>
internal enum ReturnShape
{
    Void,
    Value,
    Task,
    TaskOfValue,
    ValueTask,
    ValueTaskOfValue,
}

/// <summary>A main, command or captured function.</summary>
/// <param name="MethodName">The C# method name.</param>
/// <param name="Kind">Its role.</param>
/// <param name="Name">The command name (snake_case or given), or the captured function's seed key.</param>
/// <param name="Doc">The description.</param>
/// <param name="Accessibility">The method's accessibility keyword(s), for the captured overload.</param>
/// <param name="ReturnType">The declared return type, fully qualified (for captured overloads).</param>
/// <param name="Shape">How it returns.</param>
/// <param name="Result">The result's type when it has one and it converts to a config value; null otherwise.</param>
/// <param name="Signature">The signature text shown by <c>help COMMAND</c>.</param>
/// <param name="Parameters">Its parameters, in order.</param>
internal sealed record FunctionModel(
    string MethodName,
    FunctionKind Kind,
    string Name,
    string? Doc,
    string Accessibility,
    string ReturnType,
    ReturnShape Shape,
    TypeModel? Result,
    string Signature,
    EquatableArray<ParameterModel> Parameters);
