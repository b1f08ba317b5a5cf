namespace Sacred.Generator.Model;

/// <summary>Whether a config owner is an experiment or an ingredient.</summary>
internal enum OwnerKind
{
    Experiment,
    Ingredient,
}
