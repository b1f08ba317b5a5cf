using System;
using Sacred.Board.Cli;

return SacredCommandLine.Run(args, Console.Out, Console.Error, Console.IsOutputRedirected);
