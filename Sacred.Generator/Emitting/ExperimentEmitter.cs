using System.Collections.Generic;
using System.Linq;
using Sacred.Generator.Model;
using static Sacred.Generator.Emitting.RuntimeNames;

namespace Sacred.Generator.Emitting;

/// <summary>
/// Emits what only an experiment has: the state holding its config, its ingredients' configs and the seed; the
/// <c>ExperimentDefinition</c> the runtime's command line drives; and <c>Run(string[] args)</c>.
/// </summary>
internal static class ExperimentEmitter
{
    private const string Hidden = Code.Hidden;

    public static IEnumerable<string> Members(GenerationModel model)
    {
        var owner = model.Owner;
        yield return Code.Of($$"""
            /// <summary>Runs the experiment's command line: <c>[COMMAND] [with UPDATE...] [options]</c>.</summary>
            /// <param name="args">The command-line arguments.</param>
            /// <returns>The process exit code: 0 completed, 1 failed, 2 usage error, 130 interrupted.</returns>
            public static int Run(string[] args) => {{ExperimentHost}}.Run(new __SacredDefinition(), args);
            """);
        if (owner.AutoMain)
        {
            yield return """
                /// <summary>The program's entry point, emitted because of <c>AutoMain = true</c>.</summary>
                public static int Main(string[] args) => Run(args);
                """;
        }

        yield return Code.Of($$"""
            /// <summary>Implemented by the sources file, an implementation-only output: builds have it, IDE edits skip it.</summary>
            static partial void __SacredReadSources(ref {{ExperimentSources}}? sources);
            """);
        yield return State(model);
        yield return Definition(model);
    }

    /// <summary>
    /// The run's config state: the typed configs and the seed, mutable while the command line is applied. It
    /// hands each config to its owner's captured overloads through the owner's <c>__SacredConfigHolder</c>.
    /// </summary>
    private static string State(GenerationModel model)
    {
        var owner = model.Owner;
        var config = model.Config!.FullName;
        var holders = new[] { owner.FullName + ".__SacredConfigHolder" }
            .Concat(owner.Ingredients.Select(i => i.FullName + ".__SacredConfigHolder"));
        return Code.Of($$"""
            {{Hidden}}
            internal sealed class __SacredState : {{string.Join(", ", holders)}}
            {
                public {{config}} Root = __SacredDefaults();
                {{Code.Lines(owner.Ingredients.Select((ingredient, i) => $"public {ingredient.ConfigFullName} Ingredient{i} = {ingredient.FullName}.__SacredDefaults();"))}}
                public int Seed;

                {{config}} {{owner.FullName}}.__SacredConfigHolder.__SacredConfig => Root;
                {{Code.Lines(owner.Ingredients.Select((ingredient, i) => $"{ingredient.ConfigFullName} {ingredient.FullName}.__SacredConfigHolder.__SacredConfig => Ingredient{i};"))}}
            }
            """);
    }

    private static string Definition(GenerationModel model)
    {
        var owner = model.Owner;
        var ingredients = owner.Ingredients.Select((ingredient, i) => (Ingredient: ingredient, Index: i, Prefix: CSharp.Literal(ingredient.Name + "."), Skip: ingredient.Name.Length + 1)).ToList();
        var members = new List<string>
        {
            Code.Of($$"""
                private static readonly {{ConfigKeyInfo}}[] AllKeys = Combine(
                    __SacredKeys,
                    new {{ConfigKeyInfo}}[] { new("seed", "int", "the random seed for this experiment", false, null) },
                    {{Code.Lines(ingredients.Select(i => $"Prefix({i.Ingredient.FullName}.__SacredKeys, {i.Prefix}),"))}}
                    global::System.Array.Empty<{{ConfigKeyInfo}}>());
                """),
            $"private static readonly {CommandInfo}[] AllCommands = CommandList();",
            $"public override string Name => {CSharp.Literal(owner.Name)};",
            $"public override string? Description => {CSharp.Literal(owner.Doc)};",
            $"public override global::System.Collections.Generic.IReadOnlyList<{ConfigKeyInfo}> Keys => AllKeys;",
            $"public override global::System.Collections.Generic.IReadOnlyList<{CommandInfo}> Commands => AllCommands;",
            $"public override global::System.Collections.Generic.IReadOnlyList<{NamedConfigInfo}> NamedConfigs {{ get; }} = NamedConfigList();",
            Code.Of($$"""
                public override {{ExperimentSources}} Sources
                {
                    get
                    {
                        {{ExperimentSources}}? __sources = null;
                        __SacredReadSources(ref __sources);
                        return __sources ?? new(string.Empty, string.Empty, global::System.Array.Empty<{{SourceFileInfo}}>(), global::System.Array.Empty<{{DependencyInfo}}>());
                    }
                }
                """),
            owner.RecordsToMongo
                ? $"public override {MongoObserverFactoryContract}? MongoObservers => global::Sacred.Mongo.MongoObserverFactory.Instance;"
                : string.Empty,
            "public override __SacredState CreateDefaults() => new __SacredState();",
            "public override void SetSeed(__SacredState state, int seed) => state.Seed = seed;",
            Code.Of($$"""
                public override {{UpdateStatus}} TryApply(__SacredState state, string key, string value)
                {
                    if (key == "seed")
                    {
                        if (!{{ValueParsers}}.TryParseInt32(value, out var __seed)) return {{UpdateStatus}}.InvalidValue;
                        state.Seed = __seed;
                        return {{UpdateStatus}}.Applied;
                    }
                    {{Code.Lines(ingredients.Select(i => Code.Of($$"""
                        if (key.StartsWith({{i.Prefix}}, global::System.StringComparison.Ordinal))
                        {
                            return {{i.Ingredient.FullName}}.__SacredApply(ref state.Ingredient{{i.Index}}, key.Substring({{i.Skip}}), value);
                        }
                        """)))}}
                    return __SacredApply(ref state.Root, key, value);
                }
                """),
            Code.Of($$"""
                public override bool TryApplyNamedConfig(__SacredState state, string name)
                {
                    {{Code.Lines(ingredients.Select(i => Code.Of($$"""
                        if (name.StartsWith({{i.Prefix}}, global::System.StringComparison.Ordinal))
                        {
                            return {{i.Ingredient.FullName}}.__SacredApplyNamed(ref state.Ingredient{{i.Index}}, name.Substring({{i.Skip}}));
                        }
                        """)))}}
                    return __SacredApplyNamed(ref state.Root, name);
                }
                """),
            Code.Of($$"""
                public override {{ConfigNode}} ToNode(__SacredState state)
                {
                    var __b = new {{ConfigObjectBuilder}}();
                    __SacredWrite(__b, state.Root);
                    __b.Add("seed", {{ConfigNode}}.From(state.Seed));
                    {{Code.Lines(ingredients.Select(i => $"__b.Add({CSharp.Literal(i.Ingredient.Name)}, {i.Ingredient.FullName}.__SacredToNode(state.Ingredient{i.Index}));"))}}
                    return __b.Build();
                }
                """),
            Code.Of($$"""
                public override {{ConfigNode}}? Invoke(string command, __SacredState state, {{Run}} run)
                {
                    {{(owner.SeedsTorch ? SeedTorch : string.Empty)}}
                    {{Code.Lines(ingredients.Select(i => Code.Of($$"""
                        if (command.StartsWith({{i.Prefix}}, global::System.StringComparison.Ordinal) && {{i.Ingredient.FullName}}.__SacredInvoke(command.Substring({{i.Skip}}), state.Ingredient{{i.Index}}, run, out var __ingredientResult{{i.Index}}))
                        {
                            return __ingredientResult{{i.Index}};
                        }
                        """)))}}
                    if (__SacredInvoke(command, state.Root, run, out var __result)) return __result;
                    throw new global::System.ArgumentException("Unknown command '" + command + "'.", nameof(command));
                }
                """),
            Code.Of($$"""
                private static {{CommandInfo}}[] CommandList()
                {
                    var __list = new global::System.Collections.Generic.List<{{CommandInfo}}>(__SacredCommands);
                    {{Code.Lines(ingredients.Select(i => $"foreach (var __c in {i.Ingredient.FullName}.__SacredCommands) __list.Add(__c with {{ Name = {i.Prefix} + __c.Name, IsMain = false }});"))}}
                    return __list.ToArray();
                }
                """),
            Code.Of($$"""
                private static {{NamedConfigInfo}}[] NamedConfigList()
                {
                    var __list = new global::System.Collections.Generic.List<{{NamedConfigInfo}}>(__SacredNamedConfigs);
                    {{Code.Lines(ingredients.Select(i => $"foreach (var __n in {i.Ingredient.FullName}.__SacredNamedConfigs) __list.Add(__n with {{ Name = {i.Prefix} + __n.Name }});"))}}
                    return __list.ToArray();
                }
                """),
            ingredients.Count == 0 ? string.Empty : Code.Of($$"""
                private static {{ConfigKeyInfo}}[] Prefix({{ConfigKeyInfo}}[] keys, string prefix)
                {
                    var __result = new {{ConfigKeyInfo}}[keys.Length];
                    for (var __i = 0; __i < keys.Length; __i++) __result[__i] = keys[__i] with { Key = prefix + keys[__i].Key };
                    return __result;
                }
                """),
            Code.Of($$"""
                private static {{ConfigKeyInfo}}[] Combine(params {{ConfigKeyInfo}}[][] parts)
                {
                    var __list = new global::System.Collections.Generic.List<{{ConfigKeyInfo}}>();
                    foreach (var __part in parts) __list.AddRange(__part);
                    __list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                    return __list.ToArray();
                }
                """),
        };
        return Code.Of($$"""
            /// <summary>The experiment as the runtime's command line sees it; internal for benchmarks and tools in this assembly.</summary>
            {{Hidden}}
            internal sealed class __SacredDefinition : {{ExperimentDefinition}}<__SacredState>
            {
                {{Code.Members(members)}}
            }
            """);
    }

    private const string SeedTorch = """
        // The project references TorchSharp: seed torch's global generator with the run's seed, as Sacred seeds torch.
        global::TorchSharp.torch.manual_seed(run.Seed);
        """;
}
