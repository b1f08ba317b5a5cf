using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>Parses command-line text into a value of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="text">The text as typed (it may carry surrounding white space).</param>
/// <param name="value">The parsed value, when the text is valid.</param>
/// <returns>True when the text is a valid value.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate bool ValueParser<T>(string text, out T value);
