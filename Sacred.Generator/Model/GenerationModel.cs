namespace Sacred.Generator.Model;

/// <summary>An owner with its config files applied: what the emitter turns into code.</summary>
/// <param name="Owner">The parsed experiment or ingredient.</param>
/// <param name="Config">The schema, from the <c>[Config]</c> record or inferred from the first config file.</param>
/// <param name="Defaults">Values from <c>[ConfigFile]</c> files, applied over the defaults in order.</param>
/// <param name="NamedConfigs">Named configs, JSON ones with their values.</param>
/// <param name="Functions">Functions with every parameter bound.</param>
internal sealed record GenerationModel(
    OwnerModel Owner,
    ConfigTypeModel? Config,
    EquatableArray<ConfigAssignmentModel> Defaults,
    EquatableArray<NamedConfigModel> NamedConfigs,
    EquatableArray<FunctionModel> Functions);
