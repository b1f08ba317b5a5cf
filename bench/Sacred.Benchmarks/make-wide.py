#!/usr/bin/env python3
"""Writes Wide.cs: an experiment with 200 config keys (20 nested sections x 10 keys) for the config benchmarks."""
lines = ['// A 200-key nested config (20 sections x 10 keys), the shape the config benchmarks measure.',
         '// Regenerate with bench/Sacred.Benchmarks/make-wide.py.',
         'using Sacred;', '', 'namespace Sacred.Benchmarks;', '',
         '/// <summary>An experiment with 200 config keys in 20 nested sections.</summary>',
         '[Experiment("wide")]', 'public static partial class Wide', '{',
         '    public enum Mode', '    {', '        Fast,', '        Careful,', '    }', '',
         '    [Config]', '    public sealed partial record Config', '    {']
for i in range(20):
    lines.append(f'        public Section{i:02d} S{i:02d} {{ get; init; }} = new();')
lines += ['    }', '']
types = ['int', 'double', 'string', 'bool', 'Mode', 'long', 'double', 'int', 'string', 'double']
defaults = {'int': lambda k: str(k), 'double': lambda k: f'{k}.5', 'string': lambda k: f'"v{k}"',
            'bool': lambda k: 'true', 'Mode': lambda k: 'Mode.Fast', 'long': lambda k: '10000000000'}
for i in range(20):
    lines += ['    [Config]', f'    public sealed partial record Section{i:02d}', '    {']
    for k, t in enumerate(types):
        lines.append(f'        public {t} Key{k} {{ get; init; }} = {defaults[t](k)};')
    lines += ['    }', '']
lines += ['    [Main]', '    static int Train(int seed) => seed;', '}', '']
open('Wide.cs', 'w').write('\n'.join(lines))
