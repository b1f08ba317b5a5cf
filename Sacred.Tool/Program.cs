using System;
using Sacred.Tool.Cli;

return SacredCommandLine.Run(args, Console.Out, Console.Error, Console.IsOutputRedirected);
