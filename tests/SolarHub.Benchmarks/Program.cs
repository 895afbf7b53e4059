using BenchmarkDotNet.Running;

// Full run:  dotnet run -c Release --project tests/SolarHub.Benchmarks -- --filter '*'
// Quick look: add --job short (or --job dry to check that everything runs).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
