using System.Collections.Generic;
using System.Linq;
using Sacred.Generator.Model;
using static Sacred.Generator.Emitting.RuntimeNames;

namespace Sacred.Generator.Emitting;

/// <summary>
/// Emits the code of one experiment or ingredient: generated config records, the static helpers that parse, apply,
/// describe and invoke (the same for both kinds), captured overloads and, for experiments, the command-line entry.
/// </summary>
internal sealed class OwnerEmitter
{
    private const string Hidden = Code.Hidden;

    private readonly GenerationModel _model;
    private readonly OwnerModel _owner;
    private readonly ConfigTypeModel _config;
    private readonly ValueCode _values = new();

    private OwnerEmitter(GenerationModel model)
    {
        _model = model;
        _owner = model.Owner;
        _config = model.Config!;
    }

    public static string Emit(GenerationModel model) => new OwnerEmitter(model).Emit();

    private string Config => _config.FullName;

    private string Emit()
    {
        // In this order: record nodes and enum parsers are the ones the members before them asked for.
        var members = new List<string>();
        members.AddRange(GeneratedRecords(_config));
        members.Add(KeyConstants());
        members.Add(ConfigHolder());
        members.Add(Defaults());
        members.Add(Apply());
        members.Add(ApplyNamed());
        members.Add(Write());
        members.Add(ToNode());
        members.Add(KeyDescriptions());
        members.Add(NamedConfigDescriptions());
        members.Add(CommandDescriptions());
        members.Add(Invoke());
        members.AddRange(CapturedOverloads());
        if (_owner.Kind == OwnerKind.Experiment)
        {
            members.AddRange(ExperimentEmitter.Members(_model));
        }

        members.AddRange(RecordNodes());
        members.AddRange(RecordReaders());
        members.AddRange(EnumParsers());
        members.AddRange(ValueHelpers());
        return Code.File(_owner.Namespace, Code.Of($$"""
            partial class {{_owner.ClassName}}
            {
                {{Code.Members(members)}}
            }
            """));
    }

    private static IEnumerable<string> GeneratedRecords(ConfigTypeModel record)
    {
        if (!record.IsGenerated)
        {
            yield break;
        }

        yield return Code.Of($$"""
            [{{ConfigAttribute}}]
            public sealed partial record {{record.Name}}
            {
                {{Code.Lines(record.Members.Select(GeneratedProperty))}}
            }
            """);
        foreach (var member in record.Members.Where(m => m.Type.Kind == ValueKind.Record || m.Type.Element?.Kind == ValueKind.Record))
        {
            foreach (var nested in GeneratedRecords(member.Type.Record ?? member.Type.Element!.Record!))
            {
                yield return nested;
            }
        }
    }

    private static string GeneratedProperty(ConfigMemberModel member)
    {
        var initializer = member.Type.Kind == ValueKind.Record ? " = new();"
            : member.Default is null ? string.Empty
            : " = " + ValueLiterals.Expression(member.Default) + ";";
        return $"public {ValueCode.TypeSyntax(member.Type)} {member.PropertyName} {{ get; init; }}{initializer}";
    }

    /// <summary>Gives the user's root record <c>Config.Keys.X</c> constants, so code can name keys without strings.</summary>
    private string KeyConstants()
    {
        if (_config.IsGenerated || _config.FullName != _owner.FullName + "." + _config.Name)
        {
            return string.Empty;
        }

        return Code.Of($$"""
            partial record {{(_config.IsValueType ? "struct " : string.Empty)}}{{_config.Name}}
            {
                /// <summary>The config keys, as written on the command line and in stored configs.</summary>
                public static class Keys
                {
                    {{KeyConstants(_config, string.Empty)}}
                }
            }
            """);
    }

    private static string KeyConstants(ConfigTypeModel record, string prefix) => Code.Lines(record.Members.Select(member =>
        member.Type.Kind == ValueKind.Record
            ? Code.Of($$"""
                /// <summary>The keys under <c>{{prefix + member.Key}}</c>.</summary>
                public static class {{member.PropertyName}}
                {
                    {{KeyConstants(member.Type.Record!, prefix + member.Key + ".")}}
                }
                """)
            : Code.Of($$"""
                /// <summary><c>{{prefix + member.Key}}</c></summary>
                public const string {{member.PropertyName}} = {{CSharp.Literal(prefix + member.Key)}};
                """)));

    /// <summary>
    /// What a run's config state offers this owner's captured overloads: its typed config. The experiment's
    /// generated state implements it for the experiment and each of its ingredients.
    /// </summary>
    private string ConfigHolder() => Code.Of($$"""
        /// <summary>Holds this {{(_owner.Kind == OwnerKind.Experiment ? "experiment" : "ingredient")}}'s config in a run's config state, where captured overloads find it.</summary>
        {{Hidden}}
        public interface __SacredConfigHolder
        {
            /// <summary>The config of the run.</summary>
            {{Config}} __SacredConfig { get; }
        }
        """);

    private string Defaults() => Code.Of($$"""
        {{Hidden}}
        public static {{Config}} __SacredDefaults()
        {
            var __c = new {{Config}}();
            {{Code.Lines(_model.Defaults.Select(a => $"__c = {With("__c", a.PropertyPath, ValueLiterals.Expression(a.Value))};"))}}
            return __c;
        }
        """);

    private string Apply()
    {
        var leaves = ValueCode.Leaves(_config).ToList();
        var body = leaves.Count == 0 ? $"return {UpdateStatus}.UnknownKey;" : Code.Of($$"""
            switch (key)
            {
                {{Code.Lines(leaves.Select(l => ApplyCase(l.Key, l.Path, l.Member, l.Derived)))}}
                default:
                    return {{UpdateStatus}}.UnknownKey;
            }
            """);
        return Code.Of($$"""
            {{Hidden}}
            public static {{UpdateStatus}} __SacredApply(ref {{Config}} config, string key, string value)
            {
                {{body}}
            }
            """);
    }

    private string ApplyCase(string key, IReadOnlyList<string> path, ConfigMemberModel member, bool derived)
    {
        if (derived)
        {
            return Code.Of($$"""
                case {{CSharp.Literal(key)}}:
                {
                    return {{UpdateStatus}}.DerivedKey;
                }
                """);
        }

        var setNull = !member.Type.IsNullable ? string.Empty : Code.Of($$"""
            if ({{ValueParsers}}.IsNull(value))
            {
                config = {{With("config", path, "null")}};
                return {{UpdateStatus}}.Applied;
            }
            """);
        return Code.Of($$"""
            case {{CSharp.Literal(key)}}:
            {
                {{setNull}}
                {{_values.ParseInto(member.Type, "__v")}}
                config = {{With("config", path, "__v")}};
                return {{UpdateStatus}}.Applied;
            }
            """);
    }

    private string ApplyNamed()
    {
        var body = _model.NamedConfigs.Count == 0 ? "return false;" : Code.Of($$"""
            switch (name)
            {
                {{Code.Lines(_model.NamedConfigs.Select(NamedConfigCase))}}
                default:
                    return false;
            }
            """);
        return Code.Of($$"""
            {{Hidden}}
            public static bool __SacredApplyNamed(ref {{Config}} config, string name)
            {
                {{body}}
            }
            """);
    }

    private static string NamedConfigCase(NamedConfigModel named)
    {
        var apply = named.MethodName is not null
            ? $"config = {named.MethodName}(config);"
            : Code.Lines(named.Assignments.Select(a => $"config = {With("config", a.PropertyPath, ValueLiterals.Expression(a.Value))};"));
        return Code.Of($$"""
            case {{CSharp.Literal(named.Name)}}:
                {{apply}}
                return true;
            """);
    }

    private string Write() => Code.Of($$"""
        {{Hidden}}
        public static void __SacredWrite({{ConfigObjectBuilder}} builder, {{Config}} config)
        {
            {{Code.Lines(_config.Members.Select(m => $"builder.Add({CSharp.Literal(m.Key)}, {_values.ToNode(m.Type, "config." + m.PropertyName)});"))}}
        }
        """);

    private string ToNode() => Code.Of($$"""
        {{Hidden}}
        public static {{ConfigNode}} __SacredToNode({{Config}} config)
        {
            var __b = new {{ConfigObjectBuilder}}();
            __SacredWrite(__b, config);
            return __b.Build();
        }
        """);

    private string KeyDescriptions()
    {
        var keys = ValueCode.Leaves(_config).OrderBy(l => l.Key, System.StringComparer.Ordinal).Select(leaf =>
        {
            var type = leaf.Member.Type;
            var allowed = type.Kind == ValueKind.Enum
                ? "new string[] { " + string.Join(", ", type.EnumMembers.Select(m => CSharp.Literal(EnumNaming.ToKey(m)))) + " }"
                : "null";
            return $"new({CSharp.Literal(leaf.Key)}, {CSharp.Literal(type.Display)}, {CSharp.Literal(leaf.Member.Doc)}, {CSharp.Bool(leaf.Derived)}, {allowed}),";
        });
        return Code.Of($$"""
            {{Hidden}}
            public static readonly {{ConfigKeyInfo}}[] __SacredKeys =
            {
                {{Code.Lines(keys)}}
            };
            """);
    }

    private string NamedConfigDescriptions() => Code.Of($$"""
        {{Hidden}}
        public static readonly {{NamedConfigInfo}}[] __SacredNamedConfigs =
        {
            {{Code.Lines(_model.NamedConfigs.OrderBy(n => n.Name, System.StringComparer.Ordinal).Select(n => $"new({CSharp.Literal(n.Name)}, {CSharp.Literal(n.Doc)}),"))}}
        };
        """);

    private string CommandDescriptions() => Code.Of($$"""
        {{Hidden}}
        public static readonly {{CommandInfo}}[] __SacredCommands =
        {
            {{Code.Lines(Commands.Select(f => $"new({CSharp.Literal(f.Name)}, {CSharp.Literal(f.Doc)}, {CSharp.Literal(f.Signature)}, {CSharp.Bool(f.Kind == FunctionKind.Main)}),"))}}
        };
        """);

    private IEnumerable<FunctionModel> Commands => _model.Functions.Where(f => f.Kind != FunctionKind.Captured);

    private string Invoke()
    {
        var dispatch = !Commands.Any() ? string.Empty : Code.Of($$"""
            switch (name)
            {
                {{Code.Lines(Commands.Select(InvokeCase))}}
            }
            """);
        return Code.Of($$"""
            {{Hidden}}
            public static bool __SacredInvoke(string name, {{Config}} config, {{Run}} run, out {{ConfigNode}}? result)
            {
                result = null;
                {{dispatch}}
                return false;
            }
            """);
    }

    private string InvokeCase(FunctionModel function) => Code.Of($$"""
        case {{CSharp.Literal(function.Name)}}:
        {
            {{Call(function)}}
            return true;
        }
        """);

    /// <summary>Calls the function with its parameters injected, waits for it, and stores its result as a node.</summary>
    private string Call(FunctionModel function)
    {
        var call = function.MethodName + "(" + string.Join(", ", function.Parameters.Select(p => Argument(function, p, "config", "run"))) + ")";
        var result = function.Result is null
            ? $"{ConfigNode}.From(global::System.Convert.ToString(__r, global::System.Globalization.CultureInfo.InvariantCulture))"
            : _values.ToNode(function.Result, "__r");
        return function.Shape switch
        {
            ReturnShape.Void => call + ";",
            ReturnShape.Task or ReturnShape.ValueTask => call + ".GetAwaiter().GetResult();",
            ReturnShape.TaskOfValue or ReturnShape.ValueTaskOfValue => Code.Of($$"""
                var __r = {{call}}.GetAwaiter().GetResult();
                result = {{result}};
                """),
            _ => Code.Of($$"""
                var __r = {{call}};
                result = {{result}};
                """),
        };
    }

    private string Argument(FunctionModel function, ParameterModel parameter, string config, string run)
    {
        var functionKey = CSharp.Literal(_owner.Name + "." + function.Name);
        return parameter.Binding switch
        {
            ParameterBinding.Run => run,
            ParameterBinding.CancellationToken => run + ".CancellationToken",
            ParameterBinding.Logger => run + ".CreateLogger(" + functionKey + ")",
            ParameterBinding.Random => run + ".NextRandom(" + functionKey + ")",
            ParameterBinding.Seed => run + ".Seed",
            ParameterBinding.Config => config,
            ParameterBinding.IngredientConfig => $"(({parameter.Ingredient}.__SacredConfigHolder){run}.{RunConfigState}!).__SacredConfig",
            _ => config + "." + string.Join(".", parameter.PropertyPath),
        };
    }

    /// <summary>
    /// A parameterless overload per captured function, reading its config from the ambient run
    /// (<c>Run.Current</c>), which flows with async code and is restored after each run.
    /// </summary>
    private IEnumerable<string> CapturedOverloads()
    {
        foreach (var function in _model.Functions.Where(f => f.Kind == FunctionKind.Captured && f.Parameters.Count > 0))
        {
            var noRun = CSharp.Literal(function.MethodName + "() takes its parameters from the running experiment's config: call it while a run is active, or pass them explicitly.");
            var notIncluded = CSharp.Literal(function.MethodName + "() takes its parameters from the config of '" + _owner.Name + "', which the running experiment does not include: pass them explicitly.");
            var call = function.MethodName + "(" + string.Join(", ", function.Parameters.Select(p => Argument(function, p, "__config", "__run"))) + ")";
            yield return Code.Of($$"""
                /// <summary>Calls <c>{{function.MethodName}}</c> with every parameter taken from the running experiment.</summary>
                {{function.Accessibility}} static {{function.ReturnType}} {{function.MethodName}}()
                {
                    var __run = {{Run}}.Current ?? throw new global::System.InvalidOperationException({{noRun}});
                    var __config = __run.{{RunConfigState}} is __SacredConfigHolder __holder ? __holder.__SacredConfig : throw new global::System.InvalidOperationException({{notIncluded}});
                    {{(function.ReturnType == "void" ? call + ";" : "return " + call + ";")}}
                }
                """);
        }
    }

    /// <summary>A node writer per nested record type; writing one may ask for more, which follow.</summary>
    private IEnumerable<string> RecordNodes()
    {
        for (var i = 0; i < _values.Records.Count; i++)
        {
            var record = _values.Records[i];
            yield return Code.Of($$"""
                private static {{ConfigNode}} __SacredNode{{i}}({{record.FullName}} value)
                {
                    var __b = new {{ConfigObjectBuilder}}();
                    {{Code.Lines(record.Members.Select(m => $"__b.Add({CSharp.Literal(m.Key)}, {_values.ToNode(m.Type, "value." + m.PropertyName)});"))}}
                    return __b.Build();
                }
                """);
        }
    }

    /// <summary>
    /// A JSON reader per record type that is a list element (<c>[{"width": 64}]</c>): members by key, each value
    /// parsed as the command line parses it; derived members are skipped, unknown ones make the list invalid.
    /// </summary>
    private IEnumerable<string> RecordReaders()
    {
        for (var i = 0; i < _values.Readers.Count; i++)
        {
            var record = _values.Readers[i];
            yield return Code.Of($$"""
                private static bool __SacredReadRecord{{i}}(global::System.Text.Json.JsonElement element, out {{record.FullName}} value)
                {
                    value = new {{record.FullName}}();
                    if (element.ValueKind != global::System.Text.Json.JsonValueKind.Object) return false;
                    foreach (var __member in element.EnumerateObject())
                    {
                        var __text = __member.Value.GetRawText();
                        switch (__member.Name)
                        {
                            {{Code.Lines(record.Members.Select(ReaderCase))}}
                            default:
                                return false;
                        }
                    }

                    return true;
                }
                """);
        }
    }

    private string ReaderCase(ConfigMemberModel member)
    {
        if (member.IsDerived)
        {
            return Code.Of($$"""
                case {{CSharp.Literal(member.Key)}}:
                    break;
                """);
        }

        var parse = member.Type.Kind == ValueKind.Record
            ? "__SacredReadRecord" + _values.ReaderIndex(member.Type.Record!) + "(__member.Value, out var __v)"
            : _values.ParseCall(member.Type, "__text", "__v");
        var setNull = !member.Type.IsNullable ? string.Empty : Code.Of($$"""
            if ({{ValueParsers}}.IsNull(__text))
            {
                value = value with { {{member.PropertyName}} = null };
                break;
            }
            """);
        return Code.Of($$"""
            case {{CSharp.Literal(member.Key)}}:
            {
                {{setNull}}
                if (!{{parse}}) return false;
                value = value with { {{member.PropertyName}} = __v };
                break;
            }
            """);
    }

    private IEnumerable<string> EnumParsers()
    {
        for (var i = 0; i < _values.Enums.Count; i++)
        {
            var type = _values.Enums[i];
            yield return Code.Of($$"""
                private static bool __SacredParseEnum{{i}}(string text, out {{type.FullName}} value)
                {
                    var __t = text.Trim().Trim('"', '\'');
                    {{Code.Lines(type.EnumMembers.Select(m => EnumMemberMatch(type, m)))}}
                    value = default;
                    return false;
                }
                """);
            yield return Code.Of($$"""
                private static string __SacredEnumName{{i}}({{type.FullName}} value) => value switch
                {
                    {{Code.Lines(type.EnumMembers.Select(m => $"{type.FullName}.{m} => {CSharp.Literal(EnumNaming.ToKey(m))},"))}}
                    _ => value.ToString(),
                };
                """);
        }
    }

    /// <summary>The generic parse and format helpers the members above call, each once, only when called.</summary>
    private IEnumerable<string> ValueHelpers()
    {
        const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
        if (_values.UsesParse)
        {
            yield return Code.Of($$"""
                private static bool __SacredParse<T>(string text, out T value)
                    where T : global::System.IParsable<T>
                {
                    if ({{ValueParsers}}.TryParseString(text, out var __text) && T.TryParse(__text, {{Invariant}}, out var __value))
                    {
                        value = __value;
                        return true;
                    }

                    value = default!;
                    return false;
                }
                """);
        }

        if (_values.UsesJsonList)
        {
            yield return Code.Of($$"""
                private delegate bool __SacredJsonReader<T>(global::System.Text.Json.JsonElement element, out T value);

                /// <summary>A JSON list (<c>[{"width": 64}]</c>), each element read by <paramref name="read"/>.</summary>
                private static bool __SacredParseJsonList<T>(string text, __SacredJsonReader<T> read, out global::System.Collections.Generic.List<T> value)
                {
                    value = new global::System.Collections.Generic.List<T>();
                    try
                    {
                        using var __document = global::System.Text.Json.JsonDocument.Parse(text);
                        if (__document.RootElement.ValueKind != global::System.Text.Json.JsonValueKind.Array) return false;
                        foreach (var __element in __document.RootElement.EnumerateArray())
                        {
                            if (!read(__element, out var __item)) return false;
                            value.Add(__item);
                        }

                        return true;
                    }
                    catch (global::System.Text.Json.JsonException)
                    {
                        return false;
                    }
                }
                """);
        }

        if (_values.UsesJsonArray)
        {
            yield return Code.Of($$"""
                private static bool __SacredParseJsonArray<T>(string text, __SacredJsonReader<T> read, out T[] value)
                {
                    var __ok = __SacredParseJsonList(text, read, out var __list);
                    value = __list.ToArray();
                    return __ok;
                }
                """);
        }

        if (_values.UsesUri)
        {
            yield return Code.Of($$"""
                private static bool __SacredParseUri(string text, out global::System.Uri value)
                {
                    if ({{ValueParsers}}.TryParseString(text, out var __text) && global::System.Uri.TryCreate(__text, global::System.UriKind.RelativeOrAbsolute, out var __value))
                    {
                        value = __value;
                        return true;
                    }

                    value = null!;
                    return false;
                }
                """);
        }

        if (_values.UsesFormat)
        {
            yield return Code.Of($$"""
                private static string __SacredFormat<T>(T value, string? format)
                    where T : notnull =>
                    value is global::System.IFormattable __formattable ? __formattable.ToString(format, {{Invariant}}) : value.ToString() ?? string.Empty;
                """);
        }

        if (_values.UsesNumberNode)
        {
            yield return Code.Of($$"""
                /// <summary>A number as an integer when it is one in range, else as a float, else (too large for both) as its text.</summary>
                private static {{ConfigNode}} __SacredNumberNode(string text) =>
                    long.TryParse(text, global::System.Globalization.NumberStyles.AllowLeadingSign, {{Invariant}}, out var __integer) ? {{ConfigNode}}.From(__integer)
                    : text.IndexOfAny(new[] { '.', 'e', 'E', 'N', 'I' }) >= 0 && double.TryParse(text, global::System.Globalization.NumberStyles.Float, {{Invariant}}, out var __real) ? {{ConfigNode}}.From(__real)
                    : {{ConfigNode}}.From(text);
                """);
        }

        var values = _model.Defaults.Concat(_model.NamedConfigs.SelectMany(n => n.Assignments)).Select(a => a.Value);
        if (values.Any(ValueLiterals.NeedsConstantHelper))
        {
            yield return Code.Of($$"""
                /// <summary>A value of a config file, parsed when the experiment starts: the generator cannot run its parser.</summary>
                private static T __SacredConstant<T>(string text)
                    where T : global::System.IParsable<T> => T.Parse(text, {{Invariant}});
                """);
        }
    }

    /// <summary>An enum member matches its name or its snake_case key, ignoring case.</summary>
    private static string EnumMemberMatch(TypeModel type, string member)
    {
        var condition = $"string.Equals(__t, {CSharp.Literal(member)}, global::System.StringComparison.OrdinalIgnoreCase)";
        if (EnumNaming.ToKey(member) != member.ToLowerInvariant())
        {
            condition += $" || string.Equals(__t, {CSharp.Literal(EnumNaming.ToKey(member))}, global::System.StringComparison.OrdinalIgnoreCase)";
        }

        return Code.Of($$"""
            if ({{condition}})
            {
                value = {{type.FullName}}.{{member}};
                return true;
            }
            """);
    }

    /// <summary><c>c with { A = c.A with { B = value } }</c> for the path A, B.</summary>
    private static string With(string target, IReadOnlyList<string> path, string value)
    {
        if (path.Count == 1)
        {
            return target + " with { " + path[0] + " = " + value + " }";
        }

        var inner = target + "." + path[0];
        return target + " with { " + path[0] + " = " + With(inner, path.Skip(1).ToList(), value) + " }";
    }
}
