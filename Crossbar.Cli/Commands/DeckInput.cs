using Crossbar.Circuit.Netlists;

namespace Crossbar.Cli.Commands;

/// <summary>A deck given to <c>crossbar run</c>: a file, or the text read from standard input (<c>-</c>).</summary>
internal sealed class DeckInput
{
    private readonly string? _text;

    private DeckInput(string name, string? path, string? text)
    {
        Name = name;
        Path = path;
        _text = text;
    }

    /// <summary>Name of the deck's subfolder when several decks run: the file name without extension, or <c>stdin</c>.</summary>
    public string Name { get; }

    /// <summary>Full path of the deck file, or null for standard input.</summary>
    public string? Path { get; }

    /// <summary>The name used in messages and titles.</summary>
    public string DisplayName => Path is null ? "<stdin>" : System.IO.Path.GetFileName(Path);

    /// <summary>Size of the deck in bytes (characters for standard input), 0 when the file is missing.</summary>
    public long Length => Path is null ? _text!.Length : File.Exists(Path) ? new FileInfo(Path).Length : 0;

    /// <summary>The decks of the command line: <c>-</c> at most once (standard input is read here), distinct subfolder names when several.</summary>
    /// <exception cref="UsageException">Two <c>-</c>, or two decks with the same name.</exception>
    public static List<DeckInput> All(IReadOnlyList<string> arguments)
    {
        var decks = new List<DeckInput>();
        foreach (string argument in arguments)
        {
            if (argument == RunCommand.StandardInput)
            {
                if (decks.Any(d => d.Path is null))
                {
                    throw new UsageException("- (standard input) can be given only once");
                }

                decks.Add(new DeckInput("stdin", null, Console.In.ReadToEnd()));
            }
            else
            {
                string path = System.IO.Path.GetFullPath(argument);
                decks.Add(new DeckInput(System.IO.Path.GetFileNameWithoutExtension(path), path, null));
            }
        }

        if (decks.Count > 1 && decks.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new UsageException($"two decks would write the subfolder '{twice.Key}' ({string.Join(", ", twice.Select(d => d.Path ?? RunCommand.StandardInput))}): give decks distinct file names");
        }

        return decks;
    }

    /// <summary>Reads the netlist, with <c>.step</c> parameters pinned.</summary>
    public Netlist Read(IReadOnlyDictionary<string, double> pinned) => Path is null
        ? NetlistReader.ReadText(_text!, "<stdin>", pinned)
        : pinned.Count == 0 ? NetlistReader.ReadFile(Path) : NetlistReader.ReadFile(Path, pinned);

    /// <summary>SHA-256 of the deck's bytes (of its UTF-8 text for standard input), lower-case hex.</summary>
    public string Sha256() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        Path is null ? System.Text.Encoding.UTF8.GetBytes(_text!) : File.ReadAllBytes(Path)));
}
