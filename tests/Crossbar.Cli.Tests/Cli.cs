using System.Globalization;

namespace Crossbar.Cli.Tests;

/// <summary>Runs <c>Program.Main</c> in-process, capturing stdout and stderr, and reads its CSV files.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        TextWriter oldOut = Console.Out;
        TextWriter oldError = Console.Error;
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = Program.Main(args);
            return new Result(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    /// <summary>A fresh temporary directory, removed by <see cref="Cleanup"/>.</summary>
    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "crossbar-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void Cleanup(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static string[] Lines(string path) => File.ReadAllLines(path);

    /// <summary>The top-level object of a run.json.</summary>
    public static System.Text.Json.JsonElement RunJson(string path)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>The <c>parameters</c> of a run.json as text: strings as they are, numbers and booleans as written.</summary>
    public static Dictionary<string, string> Parameters(string path)
        => RunJson(path).GetProperty("parameters").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());

    /// <summary>One column of a CSV file with a header, as numbers.</summary>
    public static double[] Column(string path, string column)
    {
        string[] lines = Lines(path);
        int index = Array.IndexOf(lines[0].Split(','), column);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"{path} has no column {column}");
        return lines.Skip(1).Select(l => double.Parse(l.Split(',')[index], CultureInfo.InvariantCulture)).ToArray();
    }

    public static void WriteMatrix(string path, double[,] a)
    {
        var lines = new List<string>();
        for (int i = 0; i < a.GetLength(0); i++)
        {
            lines.Add(string.Join(",", Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j].ToString("R", CultureInfo.InvariantCulture))));
        }

        File.WriteAllLines(path, lines);
    }

    public static void WriteVector(string path, double[] v)
        => File.WriteAllLines(path, v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
}
