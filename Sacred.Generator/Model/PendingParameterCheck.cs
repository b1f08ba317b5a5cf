namespace Sacred.Generator.Model;

/// <summary>
/// A parameter that could not be bound while parsing because the schema comes from a JSON file; it is bound
/// (or reported) once the file is read.
/// </summary>
/// <param name="FunctionName">The method name.</param>
/// <param name="ParameterName">The parameter name.</param>
/// <param name="Key">The key it asks for (prefix included).</param>
/// <param name="TypeDisplay">The parameter's type as written.</param>
/// <param name="TypeFullName">The parameter's type, fully qualified.</param>
/// <param name="Location">The parameter's location.</param>
internal sealed record PendingParameterCheck(
    string FunctionName,
    string ParameterName,
    string Key,
    string TypeDisplay,
    string TypeFullName,
    LocationInfo? Location);
