using System.Collections.Generic;
using Sacred.Generator.Model;

namespace Sacred.Generator.Binding;

/// <summary>Where <see cref="JsonValueBinder"/> reports why a JSON value does not fit, at the narrowest place.</summary>
internal interface IBindingReport
{
    /// <summary>A value that cannot become <paramref name="type"/>, at the value.</summary>
    void Misfit(JsonValueModel value, string key, TypeModel type);

    /// <summary>A member name the record does not have, at the name; <paramref name="candidates"/> for "did you mean".</summary>
    void UnknownKey(JsonPropertyModel property, string key, IEnumerable<string> candidates);

    /// <summary>A member that is computed from others, at the name.</summary>
    void DerivedKey(JsonPropertyModel property, string key);
}
