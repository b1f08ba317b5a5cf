namespace Sacred.Generator.Model;

/// <summary>The compilation's own source files and its package and project references.</summary>
internal sealed record SourcesModel(
    string ProjectDirectory,
    EquatableArray<SourceFileModel> Files,
    EquatableArray<DependencyModel> Dependencies);

/// <summary>A compiled source file: path relative to the project directory, MD5 of its text, and the text.</summary>
internal sealed record SourceFileModel(string Path, string Md5, string Text);

/// <summary>A NuGet package (id and version) or referenced project (assembly name and version).</summary>
internal sealed record DependencyModel(string Name, string Version);

/// <summary>An experiment that gets the sources record: where it lives and its main file.</summary>
internal sealed record ExperimentTarget(string Namespace, string ClassName, string FilePath);
