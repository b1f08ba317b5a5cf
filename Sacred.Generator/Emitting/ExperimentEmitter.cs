using System.Linq;
using Sacred.Generator.Model;

namespace Sacred.Generator.Emitting;

/// <summary>
/// Emits what only an experiment has: the state holding its config, its ingredients' configs and the seed; the
/// <c>ExperimentDefinition</c> the runtime's command line drives; and <c>Run(string[] args)</c>.
/// </summary>
internal static class ExperimentEmitter
{
    private const string Node = "global::Sacred.Configuration.ConfigNode";
    private const string Status = "global::Sacred.Cli.UpdateStatus";

    public static void Emit(SourceWriter w, GenerationModel model)
    {
        var owner = model.Owner;
        var config = model.Config!.FullName;
        var ingredients = owner.Ingredients;

        w.Line("/// <summary>Runs the experiment's command line: <c>[COMMAND] [with UPDATE...] [options]</c>.</summary>");
        w.Line("/// <param name=\"args\">The command-line arguments.</param>");
        w.Line("/// <returns>The process exit code: 0 completed, 1 failed, 2 usage error, 130 interrupted.</returns>");
        w.Line("public static int Run(string[] args) => global::Sacred.Cli.ExperimentHost.Run(new __SacredDefinition(), args);");
        w.Line();
        if (owner.AutoMain)
        {
            w.Line("/// <summary>The program's entry point, emitted because of <c>AutoMain = true</c>.</summary>");
            w.Line("public static int Main(string[] args) => Run(args);");
            w.Line();
        }

        w.Line("/// <summary>Implemented by the sources file, an implementation-only output: builds have it, IDE edits skip it.</summary>");
        w.Line("static partial void __SacredReadSources(ref global::Sacred.Cli.ExperimentSources? sources);");
        w.Line();
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("internal sealed class __SacredState"))
        {
            w.Line("public " + config + " Root = __SacredDefaults();");
            for (var i = 0; i < ingredients.Count; i++)
            {
                w.Line("public " + ingredients[i].ConfigFullName + " Ingredient" + i + " = " + ingredients[i].FullName + ".__SacredDefaults();");
            }

            w.Line("public int Seed;");
        }

        w.Line();
        w.Line("/// <summary>The experiment as the runtime's command line sees it; internal for benchmarks and tools in this assembly.</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("internal sealed class __SacredDefinition : global::Sacred.Cli.ExperimentDefinition<__SacredState>"))
        {
            w.Line("private static readonly global::Sacred.Cli.ConfigKeyInfo[] AllKeys = Combine(");
            w.Line("    __SacredKeys,");
            w.Line("    new global::Sacred.Cli.ConfigKeyInfo[] { new(\"seed\", \"int\", \"the random seed for this experiment\", false, null) },");
            foreach (var ingredient in ingredients)
            {
                w.Line("    Prefix(" + ingredient.FullName + ".__SacredKeys, " + CSharp.Literal(ingredient.Name + ".") + "),");
            }

            w.Line("    global::System.Array.Empty<global::Sacred.Cli.ConfigKeyInfo>());");
            w.Line();
            w.Line("private static readonly global::Sacred.Cli.CommandInfo[] AllCommands = CommandList();");
            w.Line();
            w.Line("public override string Name => " + CSharp.Literal(owner.Name) + ";");
            w.Line();
            w.Line("public override string? Description => " + CSharp.Literal(owner.Doc) + ";");
            w.Line();
            w.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Sacred.Cli.ConfigKeyInfo> Keys => AllKeys;");
            w.Line();
            w.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Sacred.Cli.CommandInfo> Commands => AllCommands;");
            w.Line();
            w.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Sacred.Cli.NamedConfigInfo> NamedConfigs { get; } = NamedConfigList();");
            w.Line();
            using (w.Block("public override global::Sacred.Cli.ExperimentSources Sources"))
            {
                using (w.Block("get"))
                {
                    w.Line("global::Sacred.Cli.ExperimentSources? __sources = null;");
                    w.Line("__SacredReadSources(ref __sources);");
                    w.Line("return __sources ?? new(string.Empty, string.Empty, global::System.Array.Empty<global::Sacred.Cli.SourceFileInfo>(), global::System.Array.Empty<global::Sacred.Cli.DependencyInfo>());");
                }
            }
            w.Line();
            w.Line("public override __SacredState CreateDefaults() => new __SacredState();");
            w.Line();
            w.Line("public override void SetSeed(__SacredState state, int seed) => state.Seed = seed;");
            w.Line();
            using (w.Block("public override " + Status + " TryApply(__SacredState state, string key, string value)"))
            {
                using (w.Block("if (key == \"seed\")"))
                {
                    w.Line("if (!global::Sacred.Configuration.ValueParsers.TryParseInt32(value, out var __seed)) return " + Status + ".InvalidValue;");
                    w.Line("state.Seed = __seed;");
                    w.Line("return " + Status + ".Applied;");
                }

                for (var i = 0; i < ingredients.Count; i++)
                {
                    var prefix = CSharp.Literal(ingredients[i].Name + ".");
                    using (w.Block("if (key.StartsWith(" + prefix + ", global::System.StringComparison.Ordinal))"))
                    {
                        w.Line("return " + ingredients[i].FullName + ".__SacredApply(ref state.Ingredient" + i + ", key.Substring(" + (ingredients[i].Name.Length + 1) + "), value);");
                    }
                }

                w.Line("return __SacredApply(ref state.Root, key, value);");
            }

            w.Line();
            using (w.Block("public override bool TryApplyNamedConfig(__SacredState state, string name)"))
            {
                for (var i = 0; i < ingredients.Count; i++)
                {
                    var prefix = CSharp.Literal(ingredients[i].Name + ".");
                    using (w.Block("if (name.StartsWith(" + prefix + ", global::System.StringComparison.Ordinal))"))
                    {
                        w.Line("return " + ingredients[i].FullName + ".__SacredApplyNamed(ref state.Ingredient" + i + ", name.Substring(" + (ingredients[i].Name.Length + 1) + "));");
                    }
                }

                w.Line("return __SacredApplyNamed(ref state.Root, name);");
            }

            w.Line();
            using (w.Block("public override " + Node + " ToNode(__SacredState state)"))
            {
                w.Line("var __b = new global::Sacred.Configuration.ConfigObjectBuilder();");
                w.Line("__SacredWrite(__b, state.Root);");
                w.Line("__b.Add(\"seed\", " + Node + ".From(state.Seed));");
                for (var i = 0; i < ingredients.Count; i++)
                {
                    w.Line("__b.Add(" + CSharp.Literal(ingredients[i].Name) + ", " + ingredients[i].FullName + ".__SacredToNode(state.Ingredient" + i + "));");
                }

                w.Line("return __b.Build();");
            }

            w.Line();
            using (w.Block("public override " + Node + "? Invoke(string command, __SacredState state, global::Sacred.Run run)"))
            {
                if (owner.SeedsTorch)
                {
                    w.Line("// The project references TorchSharp: seed torch's global generator with the run's seed, as Sacred seeds torch.");
                    w.Line("global::TorchSharp.torch.manual_seed(run.Seed);");
                }

                w.Line("__SacredCurrent = state.Root;");
                for (var i = 0; i < ingredients.Count; i++)
                {
                    w.Line(ingredients[i].FullName + ".__SacredCurrent = state.Ingredient" + i + ";");
                }

                for (var i = 0; i < ingredients.Count; i++)
                {
                    var prefix = CSharp.Literal(ingredients[i].Name + ".");
                    using (w.Block("if (command.StartsWith(" + prefix + ", global::System.StringComparison.Ordinal)"
                        + " && " + ingredients[i].FullName + ".__SacredInvoke(command.Substring(" + (ingredients[i].Name.Length + 1) + "), state.Ingredient" + i + ", run, out var __ingredientResult" + i + "))"))
                    {
                        w.Line("return __ingredientResult" + i + ";");
                    }
                }

                w.Line("if (__SacredInvoke(command, state.Root, run, out var __result)) return __result;");
                w.Line("throw new global::System.ArgumentException(\"Unknown command '\" + command + \"'.\", nameof(command));");
            }

            w.Line();
            using (w.Block("private static global::Sacred.Cli.CommandInfo[] CommandList()"))
            {
                w.Line("var __list = new global::System.Collections.Generic.List<global::Sacred.Cli.CommandInfo>(__SacredCommands);");
                foreach (var ingredient in ingredients)
                {
                    w.Line("foreach (var __c in " + ingredient.FullName + ".__SacredCommands) __list.Add(__c with { Name = " + CSharp.Literal(ingredient.Name + ".") + " + __c.Name, IsMain = false });");
                }

                w.Line("return __list.ToArray();");
            }

            w.Line();
            using (w.Block("private static global::Sacred.Cli.NamedConfigInfo[] NamedConfigList()"))
            {
                w.Line("var __list = new global::System.Collections.Generic.List<global::Sacred.Cli.NamedConfigInfo>(__SacredNamedConfigs);");
                foreach (var ingredient in ingredients)
                {
                    w.Line("foreach (var __n in " + ingredient.FullName + ".__SacredNamedConfigs) __list.Add(__n with { Name = " + CSharp.Literal(ingredient.Name + ".") + " + __n.Name });");
                }

                w.Line("return __list.ToArray();");
            }

            if (ingredients.Count > 0)
            {
                w.Line();
                using (w.Block("private static global::Sacred.Cli.ConfigKeyInfo[] Prefix(global::Sacred.Cli.ConfigKeyInfo[] keys, string prefix)"))
                {
                    w.Line("var __result = new global::Sacred.Cli.ConfigKeyInfo[keys.Length];");
                    w.Line("for (var __i = 0; __i < keys.Length; __i++) __result[__i] = keys[__i] with { Key = prefix + keys[__i].Key };");
                    w.Line("return __result;");
                }
            }

            w.Line();
            using (w.Block("private static global::Sacred.Cli.ConfigKeyInfo[] Combine(params global::Sacred.Cli.ConfigKeyInfo[][] parts)"))
            {
                w.Line("var __list = new global::System.Collections.Generic.List<global::Sacred.Cli.ConfigKeyInfo>();");
                w.Line("foreach (var __part in parts) __list.AddRange(__part);");
                w.Line("__list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));");
                w.Line("return __list.ToArray();");
            }
        }

        w.Line();
    }
}
