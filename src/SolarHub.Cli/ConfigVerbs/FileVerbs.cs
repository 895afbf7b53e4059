using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Configuration.Legacy;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary><c>config import</c>, <c>show</c>, <c>validate</c> and <c>export</c>: the configuration as a whole.</summary>
public static class FileVerbs
{
    /// <summary>The legacy file becomes the stored configuration, in one change set, or nothing is stored.</summary>
    public static Task<int> ImportAsync(ConfigVerbRunner run, string file, bool dryRun, string? database, bool verbose, CancellationToken ct)
    {
        var read = LegacyConfigReader.ReadFile(file);
        foreach (var warning in read.Warnings) run.Err.WriteLine($"warning: {warning}");
        if (!read.IsValid)
        {
            run.ReportErrors(read.Errors);
            return Task.FromResult(run.Error($"{Path.GetFileName(file)} has {ConfigVerbRunner.Plural(read.Errors.Count, "error")}; nothing stored"));
        }
        foreach (var section in read.Config.IgnoredSections)
            run.Err.WriteLine($"note: section '{section}' is not handled by SolarHub and is not stored");

        return run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var current = await ConfigVerbRunner.GetAsync(session, ct);
            var target = LegacyImport.Target(read, current.Config);
            var answer = await run.ReplaceAsync(session, target, $"import {Path.GetFileName(file)}", ct, dryRun);
            return run.Report(answer, session);
        });
    }

    public static Task<int> ShowAsync(ConfigVerbRunner run, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            foreach (var line in ConfigTree.Render(stored, session.Database.Description)) run.Out.WriteLine(line);
            return ConfigExit.Ok;
        }, readOnly: true);

    /// <summary>Validates a legacy file, or (without one) the stored configuration.</summary>
    public static Task<int> ValidateAsync(ConfigVerbRunner run, string? file, string? database, bool verbose, CancellationToken ct)
    {
        if (file is not null)
        {
            var read = LegacyConfigReader.ReadFile(file);
            foreach (var warning in read.Warnings) run.Err.WriteLine($"warning: {warning}");
            if (!read.IsValid)
            {
                run.ReportErrors(read.Errors);
                return Task.FromResult(run.Error($"{Path.GetFileName(file)} has {ConfigVerbRunner.Plural(read.Errors.Count, "error")}"));
            }
            run.Out.WriteLine($"{Path.GetFileName(file)}: valid ({Summary(read.Config with { Arrays = read.Arrays })})");
            return Task.FromResult(ConfigExit.Ok);
        }
        return run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            var errors = StoredConfigValidator.Validate(stored.Config);
            if (errors.Count > 0)
            {
                run.ReportErrors(errors);
                return run.Error($"the stored configuration (version {stored.Version} in {session.Database.Description}) has {ConfigVerbRunner.Plural(errors.Count, "error")}");
            }
            run.Out.WriteLine($"stored configuration: valid ({Summary(stored.Config)}; version {stored.Version} in {session.Database.Description})");
            return ConfigExit.Ok;
        }, readOnly: true);
    }

    public static Task<int> ExportAsync(ConfigVerbRunner run, string? output, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            var result = LegacyYamlWriter.Write(stored.Config);
            foreach (var warning in result.Warnings) run.Err.WriteLine($"warning: {warning}");
            if (output is null || output == "-")
            {
                run.Out.Write(result.Yaml);
                return ConfigExit.Ok;
            }
            try
            {
                var full = Path.GetFullPath(output);
                if (Path.GetDirectoryName(full) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(full, result.Yaml, ct);
                run.Err.WriteLine($"exported version {stored.Version} ({Summary(stored.Config)}) to {full}");
                return ConfigExit.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return run.Error($"--output: cannot write {output}: {e.Message}", ConfigExit.Failed);
            }
        }, readOnly: true);

    private static string Summary(HubConfig config) =>
        $"{ConfigVerbRunner.Plural(config.Banks.Count, "bank")}, {ConfigVerbRunner.Plural(config.Banks.Sum(b => b.Adapters.Count), "adapter")}, " +
        $"{ConfigVerbRunner.Plural(config.BatteryArrays.Count, "battery array")}";
}
