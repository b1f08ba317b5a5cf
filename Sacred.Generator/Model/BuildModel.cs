namespace Sacred.Generator.Model;

/// <summary>
/// What a rebuild of the experiment needs beyond its compiled sources: the files of the build (paths relative to
/// the repository root), the restored packages, the project's place in the repository, its target framework and
/// the SDK that built it. <paramref name="Hash"/> names it in a store: the same text and SHA-256 as the runtime's
/// <c>ExperimentBuild.ComputeHash</c>, so a run start looks the build up without making its record.
/// </summary>
internal sealed record BuildModel(
    string Hash,
    string RepositoryRoot,
    string ProjectPath,
    string TargetFramework,
    string SdkVersion,
    EquatableArray<SourceFileModel> Files,
    EquatableArray<DependencyModel> Packages,
    EquatableArray<string> ProjectReferences);

/// <summary>One AdditionalFiles item as the build handed it over: its role (SacredBuildInput metadata) and content.</summary>
/// <param name="Path">The full path, '/'-separated.</param>
/// <param name="Role"><c>file</c>, <c>reference</c>, <c>assets</c>, or empty for the project's own AdditionalFiles.</param>
/// <param name="Md5">MD5 of the text (empty for the assets file, which is read, not recorded).</param>
/// <param name="Text">The text (empty for the assets file).</param>
/// <param name="Packages">The restored packages, for the assets file.</param>
internal sealed record BuildInputModel(string Path, string Role, string Md5, string Text, EquatableArray<DependencyModel> Packages);
