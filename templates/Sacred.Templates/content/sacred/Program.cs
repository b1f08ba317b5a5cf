// The generated entry point: the Sacred command line (run, print_config, with KEY=VALUE, -F, -m, ...).
return SacredExperiment.Experiment.Run(args);
