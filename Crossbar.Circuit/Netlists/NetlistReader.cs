using System.Buffers;
using System.Security;

namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Reads a SPICE3/ngspice deck (a documented subset) into a <see cref="Netlist"/>. Every problem,
/// including an unreadable file, is reported as a <see cref="NetlistException"/> naming the file,
/// line and column and what was expected; no other exception escapes.
/// </summary>
/// <remarks>
/// Names compare case-insensitively. Node names are stored lower case (<c>gnd</c> becomes
/// <c>0</c>); element, model and subcircuit names keep the case they were written in. Expression
/// values (<c>{...}</c>, <c>'...'</c>) are evaluated with the global <c>.param</c>s (and, inside a
/// <c>.subckt</c>, its <c>params:</c> defaults) and keep their text for the writer and the
/// flattener.
/// </remarks>
public sealed partial class NetlistReader
{
    private const int MaxIncludeDepth = 32;
    private const int MaxSubcircuitNesting = 64;

    private readonly Netlist _netlist = new();
    private readonly ParameterScope _globals = new(null);
    private readonly Dictionary<ElementCard, NetlistToken> _references = new(ReferenceEqualityComparer.Instance);
    private readonly List<NetlistToken> _sweepSources = [];
    private readonly Stack<Scope> _scopes = new();
    private readonly Dictionary<string, string> _includeTexts = new(StringComparer.Ordinal);
    private int _firstScanDepth;

    /// <summary>Text whose absence means no card can shape the global parameter scope (a vectorised multi-string search).</summary>
    private static readonly SearchValues<string> ScopeCommands = SearchValues.Create([".param", ".inc", ".func", ".lib"], StringComparison.OrdinalIgnoreCase);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nodeNames =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private NetlistReader()
    {
        _scopes.Push(new Scope(null, null, _netlist.Elements, _netlist.Models, _netlist.Subcircuits, _globals));
    }

    private Scope Current => _scopes.Peek();

    /// <summary>Reads a deck from a file; <c>.include</c> paths are relative to the including file.</summary>
    /// <param name="path">The deck file.</param>
    /// <returns>The netlist.</returns>
    /// <exception cref="NetlistException">The file cannot be read (it must be a regular file of at most 256 MiB, as
    /// must every included file), the deck is invalid, or it has no element card.</exception>
    public static Netlist ReadFile(string path) => ReadFile(path, new Dictionary<string, double>());

    /// <summary>Reads a deck from a file with some global parameters fixed, as <see cref="ReadText(string, string, IReadOnlyDictionary{string, double})"/> does.</summary>
    /// <param name="path">The deck file.</param>
    /// <param name="pinned">Parameter values by name.</param>
    /// <returns>The netlist.</returns>
    /// <exception cref="NetlistException">As for <see cref="ReadFile(string)"/>.</exception>
    public static Netlist ReadFile(string path, IReadOnlyDictionary<string, double> pinned)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(pinned);
        string text;
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
            text = DeckFile.ReadAllText(fullPath);
        }
        catch (Exception ex) when (IsIoError(ex))
        {
            throw new NetlistException(new SourceLocation(path, 0, 0), $"cannot read netlist file '{path}': {ex.Message}");
        }

        var netlist = pinned.Count == 0
            ? Read(text, path, Path.GetDirectoryName(fullPath) ?? ".", fullPath)
            : Read(text, path, Path.GetDirectoryName(fullPath) ?? ".", fullPath, int.MaxValue, pinned);
        if (netlist.Elements.Count == 0 && netlist.Arrays.Count == 0)
        {
            throw new NetlistException(new SourceLocation(path, 0, 0), "no circuit (no element cards)");
        }

        return netlist;
    }

    /// <summary>
    /// Reads a deck with some global parameters fixed: each <c>.param</c> of a pinned name keeps the pinned value, and
    /// everything that depends on it is evaluated with it (how <c>.step param</c> runs a deck once per value). A pinned
    /// name the deck does not define is added as a <c>.param</c>.
    /// </summary>
    /// <param name="text">The deck.</param>
    /// <param name="fileName">As for <see cref="ReadText(string, string)"/>.</param>
    /// <param name="pinned">Parameter values by name.</param>
    /// <exception cref="NetlistException">The deck is invalid.</exception>
    public static Netlist ReadText(string text, string fileName, IReadOnlyDictionary<string, double> pinned)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pinned);
        string directory = fileName.StartsWith('<') || fileName.Length == 0
            ? Directory.GetCurrentDirectory()
            : Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Directory.GetCurrentDirectory();
        return Read(text, fileName, directory, fileName.StartsWith('<') ? null : Path.GetFullPath(fileName), int.MaxValue, pinned);
    }

    /// <summary>Reads a deck from text; the first line is the title.</summary>
    /// <param name="text">The deck.</param>
    /// <param name="fileName">Name used in locations; relative <c>.include</c> paths resolve against its
    /// directory, or the current directory for names like <c>&lt;text&gt;</c>.</param>
    /// <returns>The netlist.</returns>
    /// <exception cref="NetlistException">The deck is invalid.</exception>
    public static Netlist ReadText(string text, string fileName = "<text>") => ReadText(text, fileName, ConcurrentMinimumLength);

    /// <summary>As <see cref="ReadText(string, string)"/>, reading decks from <paramref name="concurrentMinimumLength"/>
    /// characters on two threads (tests compare both ways of reading on small decks).</summary>
    internal static Netlist ReadText(string text, string fileName, int concurrentMinimumLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        string directory;
        try
        {
            directory = fileName.StartsWith('<') || fileName.Length == 0
                ? Directory.GetCurrentDirectory()
                : Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Directory.GetCurrentDirectory();
        }
        catch (Exception ex) when (IsIoError(ex))
        {
            directory = ".";
        }

        return Read(text, fileName, directory, null, concurrentMinimumLength);
    }

    /// <summary>The name under which expressions read the circuit temperature in °C (ngspice's <c>temper</c>).</summary>
    public const string TemperatureName = "temper";

    /// <summary>The circuit temperature of a deck that sets none, in °C (SPICE's 27 °C).</summary>
    private const double DefaultCelsius = 27;

    /// <summary>
    /// The deck's circuit temperature in °C for <see cref="TemperatureName"/>: the last <c>.temp</c> value or
    /// <c>.options temp=</c> of the deck text (wherever it stands, as the deck has one temperature), else 27 °C; a
    /// <c>.temp</c> in an included file is not seen here. A value that is not a plain number is left to the card's own
    /// reading, which reports it.
    /// </summary>
    private static double DeckTemperature(string text, string fileName)
    {
        double celsius = DefaultCelsius;
        NetlistLexer.Split(text, fileName, hasTitle: true, null, IsTemperatureCard, card =>
        {
            var tokens = card.Tokens;
            if (tokens[0].IsWordLike(".temp"))
            {
                if (tokens.Count > 1 && SpiceNumber.TryParse(tokens[1].Span, out double value))
                {
                    celsius = value;
                }

                return;
            }

            for (var i = 1; i + 2 < tokens.Count; i++)
            {
                if (tokens[i].IsWordLike("temp") && tokens[i + 1].Kind == TokenKind.EqualsSign && SpiceNumber.TryParse(tokens[i + 2].Span, out double value))
                {
                    celsius = value;
                }
            }
        });
        return celsius;
    }

    private static bool IsTemperatureCard(ReadOnlySpan<char> word)
    {
        var end = word.IndexOfAny(NetlistLexer.WordEnds);
        var head = end < 0 ? word : word[..end];
        return head.Equals(".temp", StringComparison.OrdinalIgnoreCase) || head.Equals(".options", StringComparison.OrdinalIgnoreCase)
            || head.Equals(".option", StringComparison.OrdinalIgnoreCase) || head.Equals(".opt", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads in two scans of the text. The first makes only the cards that shape the global
    /// parameter scope (<c>.param</c>, <c>.subckt</c>/<c>.ends</c>, <c>.include</c>) and evaluates
    /// the top-level <c>.param</c>s, so that values anywhere may use parameters defined later, as
    /// in SPICE; a text with neither <c>.param</c> nor <c>.inc</c> in it skips it. The second reads
    /// every card as soon as the lexer completes it: cards are short-lived, so a deck of 10⁵ lines
    /// never holds 10⁵ token lists at once. A long deck's second scan is shared with a second
    /// thread (<see cref="TryReadConcurrently"/>).
    /// </summary>
    private static Netlist Read(string text, string fileName, string directory, string? fullPath, int concurrentMinimumLength = ConcurrentMinimumLength, IReadOnlyDictionary<string, double>? pinned = null)
    {
        var reader = new NetlistReader();
        foreach (var (name, value) in pinned ?? new Dictionary<string, double>())
        {
            reader._globals.Pin(name, value);
        }

        reader._netlist.Title = NetlistLexer.Title(text);
        reader._globals.Set(TemperatureName, text.Contains("temp", StringComparison.OrdinalIgnoreCase) ? DeckTemperature(text, fileName) : DefaultCelsius);

        var chain = fullPath is null ? new List<string>() : [fullPath];
        if (MayShapeParameterScope(text))
        {
            NetlistLexer.Split(text, fileName, hasTitle: true, null, ShapesParameterScope, card => reader.ReadGlobalParameter(card, directory, chain));
        }

        var expected = text.AsSpan().Count('\n');
        reader._netlist.Elements.EnsureCapacity(expected);
        reader.Current.ElementNames.EnsureCapacity(expected);
        if (!reader.TryReadConcurrently(text, fileName, directory, chain, concurrentMinimumLength))
        {
            NetlistLexer.Split(text, fileName, hasTitle: true, reader._netlist.Warnings, null, card => reader.ReadCardOrInclude(card, directory, chain));
        }
        if (reader._scopes.Count > 1)
        {
            var open = reader.Current;
            throw new NetlistException(open.Start!, $"unterminated .subckt '{open.Definition!.Name}': expected .ends before the end of the deck");
        }

        NetlistValidator.Validate(reader._netlist, reader._references, reader._sweepSources);
        foreach (var (name, value) in pinned ?? new Dictionary<string, double>())
        {
            if (!reader._netlist.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                reader._netlist.Parameters.Insert(0, new ParameterCard(name.ToLowerInvariant(), value));
            }
        }

        return reader._netlist;
    }

    private static bool IsIoError(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException;

    /// <summary>Whether the text has a <c>.param</c> or <c>.include</c> anywhere: without one the first scan finds nothing to do.</summary>
    private static bool MayShapeParameterScope(string text) => text.AsSpan().IndexOfAny(ScopeCommands) >= 0;

    /// <summary>Whether a card starting with <paramref name="word"/> matters to the first scan.</summary>
    private static bool ShapesParameterScope(ReadOnlySpan<char> word)
    {
        var end = word.IndexOfAny(NetlistLexer.WordEnds);
        var head = end < 0 ? word : word[..end];
        return head.Length > 0 && head[0] == '.'
            && (head.Equals(".param", StringComparison.OrdinalIgnoreCase) || head.Equals(".func", StringComparison.OrdinalIgnoreCase)
                || head.Equals(".subckt", StringComparison.OrdinalIgnoreCase)
                || head.Equals(".ends", StringComparison.OrdinalIgnoreCase) || IsInclude(head) || IsLibrary(head));
    }

    private static bool IsInclude(ReadOnlySpan<char> head) =>
        head.Equals(".include", StringComparison.OrdinalIgnoreCase) || head.Equals(".inc", StringComparison.OrdinalIgnoreCase);

    private static bool IsLibrary(ReadOnlySpan<char> head) => head.Equals(".lib", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a card brings in another file's cards: <c>.include file</c>, or <c>.lib file section</c> (a
    /// <c>.lib</c> with one word after it defines a section, which only a library file may do).</summary>
    private static bool IsFileReference(NetlistCard card)
    {
        var head = card.Tokens[0];
        return head.IsWord && (IsInclude(head.Span) || (IsLibrary(head.Span) && card.Tokens.Count > 2));
    }

    /// <summary>First scan: a top-level <c>.param</c> is evaluated, a top-level <c>.func</c> defined, <c>.subckt</c>/<c>.ends</c> track the depth, includes are followed.</summary>
    private void ReadGlobalParameter(NetlistCard card, string directory, List<string> chain)
    {
        var head = card.Tokens[0];
        if (head.IsWordLike(".subckt"))
        {
            _firstScanDepth++;
        }
        else if (head.IsWordLike(".ends"))
        {
            _firstScanDepth--;
        }
        else if (_firstScanDepth == 0 && head.IsWordLike(".param"))
        {
            ReadParameterCard(card, _globals, (name, value) => _netlist.Parameters.Add(new ParameterCard(name, _globals.Pinned(name) is { } pin ? pin : value)));
        }
        else if (_firstScanDepth == 0 && head.IsWordLike(".func"))
        {
            ReadFunction(card, _globals);
        }
        else if (IsFileReference(card))
        {
            var (text, path, link) = OpenInclude(card, directory, chain);
            chain.Add(link);
            var included = Path.GetDirectoryName(path) ?? directory;
            NetlistLexer.Split(text, path, hasTitle: false, null, ShapesParameterScope, c => ReadGlobalParameter(c, included, chain));
            chain.RemoveAt(chain.Count - 1);
        }
    }

    /// <summary>Second scan: reads a card, or every card of an included file in its place.</summary>
    private void ReadCardOrInclude(NetlistCard card, string directory, List<string> chain)
    {
        if (!IsFileReference(card))
        {
            ReadCard(card);
            return;
        }

        var (text, path, link) = OpenInclude(card, directory, chain);
        chain.Add(link);
        var included = Path.GetDirectoryName(path) ?? directory;
        NetlistLexer.Split(text, path, hasTitle: false, _netlist.Warnings, null, c => ReadCardOrInclude(c, included, chain));
        chain.RemoveAt(chain.Count - 1);
    }

    /// <summary>
    /// Checks an <c>.include file</c> or <c>.lib file section</c> card (names bare, in double or in single quotes, as
    /// ngspice takes them) and returns the text to read (for <c>.lib</c>,
    /// the section alone: <see cref="LibrarySection"/>), the file's full path and its link in the include chain (the
    /// path, with the section for <c>.lib</c>). Each file is read from disk once per deck.
    /// </summary>
    private (string Text, string FullPath, string Link) OpenInclude(NetlistCard card, string directory, List<string> chain)
    {
        var head = card.Tokens[0];
        var library = IsLibrary(head.Span);
        var command = library ? ".lib" : ".include";
        if (card.Tokens.Count < 2 || card.Tokens[1].Kind is not (TokenKind.Word or TokenKind.Quoted or TokenKind.Expression) || card.Tokens[1].Text.Length == 0)
        {
            throw new NetlistException(card.Tokens.Count < 2 ? card.End : card.Tokens[1].Location, $"expected a file name after {command}");
        }

        var section = default(NetlistToken);
        if (library)
        {
            section = card.Tokens[2];
            if (section.Kind is not (TokenKind.Word or TokenKind.Quoted or TokenKind.Expression) || section.Text.Length == 0)
            {
                throw new NetlistException(section.Location, $".lib: expected a section name after the file name, found '{section.Display}'");
            }
        }

        var extra = library ? 3 : 2;
        if (card.Tokens.Count > extra)
        {
            throw new NetlistException(card.Tokens[extra].Location, library
                ? $"unexpected '{card.Tokens[extra].Display}': expected '.lib file section'"
                : $"unexpected '{card.Tokens[2].Display}' after the .include file name");
        }

        var nameToken = card.Tokens[1];
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(Path.Combine(directory, nameToken.Text));
        }
        catch (Exception ex) when (IsIoError(ex))
        {
            throw new NetlistException(nameToken.Location, $"bad {command} file name '{nameToken.Text}': {ex.Message}");
        }

        var link = !library ? fullPath : $"{fullPath} (section {section.Text.ToLowerInvariant()})";
        if (chain.Contains(link, StringComparer.Ordinal))
        {
            throw new NetlistException(head.Location, $"recursive {command}: {string.Join(" -> ", chain)} -> {link}");
        }

        if (chain.Count >= MaxIncludeDepth)
        {
            throw new NetlistException(head.Location, $"{command} nested more than {MaxIncludeDepth} files deep");
        }

        if (!_includeTexts.TryGetValue(fullPath, out var text))
        {
            try
            {
                text = DeckFile.ReadAllText(fullPath);
            }
            catch (Exception ex) when (IsIoError(ex))
            {
                throw new NetlistException(nameToken.Location, $"cannot read {(library ? "library" : "include")} file '{nameToken.Text}' ({fullPath}): {ex.Message}");
            }

            _includeTexts[fullPath] = text;
        }

        if (library)
        {
            text = LibrarySection.Extract(text, section.Text, fullPath)
                ?? throw new NetlistException(section.Location, $".lib: library file '{nameToken.Text}' has no section '{section.Text}' (expected '.lib {section.Text}' ... '.endl')");
        }

        return (text, fullPath, link);
    }

    private void ReadCard(NetlistCard card)
    {
        var head = card.Tokens[0];
        if (head.Kind != TokenKind.Word)
        {
            throw new NetlistException(head.Location, $"expected an element name or a dot-command, found '{head.Display}'");
        }

        if (head.Text[0] == '.')
        {
            ReadDotCard(card);
        }
        else
        {
            ReadElement(card);
        }
    }

    private ParamValue ReadValue(NetlistToken token, string what)
    {
        switch (token.Kind)
        {
            case TokenKind.Expression:
                var location = token.Location with { Column = token.Location.Column + 1 };
                return Current.Parameters.Evaluate(token.Text, location);
            case TokenKind.Word when SpiceNumber.TryParse(token.Span, out var value):
                return value;
            case TokenKind.Word:
                throw new NetlistException(token.Location, $"bad number '{token.Text}' for {what}: expected a number such as 1k, 2.2u, 1e-3 or a {{expression}}");
            default:
                throw new NetlistException(token.Location, $"expected {what} (a number or {{expression}}), found '{token.Display}'");
        }
    }

    private static bool IsValue(NetlistToken token) =>
        token.Kind == TokenKind.Expression || (token.Kind == TokenKind.Word && SpiceNumber.TryParse(token.Span, out _));

    private static bool IsAssignment(TokenList tokens, int i) =>
        i + 1 < tokens.Count && tokens[i].IsWord && tokens[i + 1].Kind == TokenKind.EqualsSign;

    /// <summary>Reads <c>name=value</c> pairs to the end of the card (an empty list, not a new one, when there are none).</summary>
    private IReadOnlyList<KeyValuePair<string, ParamValue>> ReadAssignments(NetlistCard card, int i)
    {
        if (i >= card.Tokens.Count)
        {
            return [];
        }

        var parameters = new List<KeyValuePair<string, ParamValue>>();
        ReadAssignments(card, i, parameters, null);
        return parameters;
    }

    /// <summary>
    /// The <c>name=value</c> instance parameters each element letter takes; an X instance takes any (they are its
    /// subcircuit's parameters). AD AS PD PS NRD NRS of a MOSFET are read and have no effect: the level-1 model here
    /// has no junction capacitances or series resistances (a model that sets them is refused).
    /// </summary>
    private static readonly Dictionary<char, string[]> InstanceParameters = new()
    {
        ['R'] = ["tc1", "tc2", "tc", "m", "ac"],
        ['C'] = ["ic", "m"],
        ['L'] = ["ic", "m"],
        ['D'] = ["area", "m"],
        ['M'] = ["w", "l", "m", "ad", "as", "pd", "ps", "nrd", "nrs"],
        ['E'] = [],
        ['G'] = [],
        ['F'] = [],
        ['H'] = [],
    };

    /// <summary>Refuses an instance parameter the element does not take, at its token (never silently ignored).</summary>
    private static void CheckInstanceParameter(NetlistToken element, NetlistToken parameter)
    {
        if (InstanceParameters.TryGetValue(char.ToUpperInvariant(element.Text[0]), out string[]? known) && !known.Contains(parameter.Lower))
        {
            var takes = known.Length == 0 ? "no name=value parameters" : $"only {string.Join(' ', known)}";
            throw new NetlistException(parameter.Location, $"{element.Text}: unknown instance parameter '{parameter.Text}' (this element takes {takes})");
        }
    }

    /// <summary>Reads <c>name=value</c> pairs (and bare flags from <paramref name="flags"/>) to the end of the card.</summary>
    private void ReadAssignments(
        NetlistCard card, int i, List<KeyValuePair<string, ParamValue>> parameters, List<string>? flagsOut, params string[] flags)
    {
        var tokens = card.Tokens;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (IsAssignment(tokens, i))
            {
                if (i + 2 >= tokens.Count)
                {
                    throw new NetlistException(tokens[i + 1].End, $"missing value after '{token.Text}='");
                }

                CheckInstanceParameter(tokens[0], token);
                parameters.Add(new(token.Lower, ReadValue(tokens[i + 2], $"parameter '{token.Lower}'")));
                i += 3;
            }
            else if (token.IsWord && flagsOut is not null && flags.Contains(token.Lower))
            {
                flagsOut.Add(token.Lower);
                i++;
            }
            else
            {
                var expected = flags.Length == 0 ? "name=value" : $"name=value or {string.Join(" or ", flags)}";
                throw new NetlistException(token.Location, $"unexpected '{token.Display}': expected {expected}");
            }
        }
    }

    private static string NodeName(string text)
    {
        var lower = text.ToLowerInvariant();
        return lower == "gnd" ? "0" : lower;
    }

    /// <summary>The node name of a token (lower case, <c>gnd</c> as <c>0</c>), one string per distinct node.</summary>
    private string NodeName(NetlistToken token)
    {
        var text = token.Span;
        if (text.ContainsAnyExceptInRange((char)0, (char)0x7F) || text.ContainsAnyInRange('A', 'Z'))
        {
            // Not already lower-case ASCII (the usual case, looked up as it is): fold it first.
            Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
            text.ToLowerInvariant(buffer);
            return InternNode(buffer);
        }

        return InternNode(text);
    }

    /// <summary>The one string for a lower-case node name (<c>gnd</c> as <c>0</c>).</summary>
    private string InternNode(ReadOnlySpan<char> lower)
    {
        if (lower.SequenceEqual("gnd"))
        {
            return "0";
        }

        if (!_nodeNames.TryGetValue(lower, out var name))
        {
            name = lower.ToString();
            _nodeNames.Dictionary.Add(name, name);
        }

        return name;
    }

    /// <summary>A definition scope being read: the top level or one <c>.subckt</c>.</summary>
    private sealed class Scope(
        SubcircuitDefinition? definition,
        SourceLocation? start,
        List<ElementCard> elements,
        Dictionary<string, ModelCard> models,
        Dictionary<string, SubcircuitDefinition> subcircuits,
        ParameterScope parameters)
    {
        public SubcircuitDefinition? Definition { get; } = definition;

        /// <summary>Where the <c>.subckt</c> card is (cards themselves are not kept: the lexer reuses them).</summary>
        public SourceLocation? Start { get; } = start;

        public List<ElementCard> Elements { get; } = elements;

        public Dictionary<string, ModelCard> Models { get; } = models;

        public Dictionary<string, SubcircuitDefinition> Subcircuits { get; } = subcircuits;

        public ParameterScope Parameters { get; } = parameters;

        public HashSet<string> ElementNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string Where => Definition is null ? string.Empty : $" in subcircuit '{Definition.Name}'";
    }
}
