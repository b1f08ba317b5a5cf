using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Sacred.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. Ids are never reused; each has a docs page.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Sacred";
    private const string HelpRoot = "https://github.com/sacred-dotnet/sacred/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor NotPartial = Create(
        "SACRED001",
        "Experiment, ingredient and config types must be partial",
        "'{0}' must be declared partial so the generator can add to it");

    public static readonly DiagnosticDescriptor UnknownConfigFileKey = Create(
        "SACRED002",
        "Unknown key in a config file",
        "Unknown config key '{0}' in '{1}'{2}");

    public static readonly DiagnosticDescriptor ConfigFileValueType = Create(
        "SACRED003",
        "Config file value does not fit the key's type",
        "Value {0} for key '{1}' in '{2}' does not fit type '{3}'");

    public static readonly DiagnosticDescriptor MalformedConfigFile = Create(
        "SACRED004",
        "Config file is not valid JSON",
        "'{0}' is not valid JSON: {1} (line {2}, column {3})");

    public static readonly DiagnosticDescriptor ConfigFileNotFound = Create(
        "SACRED005",
        "Config file not found",
        "Config file '{0}' is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{0}\" /> to the project");

    public static readonly DiagnosticDescriptor UnknownParameterKey = Create(
        "SACRED006",
        "Injected parameter matches no config key",
        "Parameter '{0}' of '{1}' matches no config key ('{2}'){3}");

    public static readonly DiagnosticDescriptor ParameterTypeMismatch = Create(
        "SACRED007",
        "Injected parameter type does not fit its key",
        "Parameter '{0}' of '{1}' has type '{2}', but config key '{3}' has type '{4}'");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
        "SACRED008",
        "Config member type is not supported",
        "Config member '{0}' has type '{1}', which the command line cannot parse; use bool, int, long, float, double, decimal, string, an enum, TimeSpan, DateTime, Uri, a type T with a static TryParse(string, IFormatProvider?, out T) (IParsable<T>: Guid, DateOnly, TimeOnly, Half, byte, your own), a nullable of these, a List<T>, IList<T>, IReadOnlyList<T> or array of these or of records with a parameterless constructor, or a record");

    public static readonly DiagnosticDescriptor DuplicateKey = Create(
        "SACRED009",
        "Duplicate config key",
        "Config key '{0}' is used by both '{1}' and '{2}'");

    public static readonly DiagnosticDescriptor DerivedKeyInConfigFile = Create(
        "SACRED010",
        "Config file sets a derived value",
        "Config key '{0}' in '{1}' is derived from other values and cannot be set");

    public static readonly DiagnosticDescriptor InvalidNamedConfig = Create(
        "SACRED011",
        "Named config has the wrong signature",
        "Named config '{0}' must be 'static {1} {0}({1} c)'");

    public static readonly DiagnosticDescriptor MultipleMains = Create(
        "SACRED012",
        "More than one [Main] function",
        "'{0}' is a second [Main] function; an experiment has at most one");

    public static readonly DiagnosticDescriptor ConfigMustBeRecord = Create(
        "SACRED013",
        "Config type must be a record",
        "Config type '{0}' must be a partial record so values can be updated with 'with' expressions");

    public static readonly DiagnosticDescriptor NotAnIngredient = Create(
        "SACRED014",
        "Listed type is not an ingredient",
        "'{0}' is listed as an ingredient but has no [Ingredient] attribute");

    public static readonly DiagnosticDescriptor DuplicateName = Create(
        "SACRED015",
        "Duplicate command or named config",
        "{0} '{1}' is defined more than once");

    public static readonly DiagnosticDescriptor InvalidFunction = Create(
        "SACRED016",
        "Main, command or captured function must be static and non-generic",
        "'{0}' must be a static, non-generic method to be a {1} function");

    public static readonly DiagnosticDescriptor RuntimeContractMismatch = Create(
        "SACRED017",
        "Sacred.Runtime and Sacred.Generator do not match",
        "The referenced Sacred.Runtime implements {0}, but this Sacred.Generator writes code for generated-code contract version {1}; reference a Sacred.Runtime and a Sacred.Generator of the same release");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        NotPartial, UnknownConfigFileKey, ConfigFileValueType, MalformedConfigFile, ConfigFileNotFound,
        UnknownParameterKey, ParameterTypeMismatch, UnsupportedMemberType, DuplicateKey, DerivedKeyInConfigFile,
        InvalidNamedConfig, MultipleMains, ConfigMustBeRecord, NotAnIngredient, DuplicateName, InvalidFunction,
        RuntimeContractMismatch,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");
}
