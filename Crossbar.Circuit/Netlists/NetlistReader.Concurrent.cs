using System.Runtime.ExceptionServices;

namespace Crossbar.Circuit.Netlists;

/// <summary>Reading a long deck on two threads.</summary>
public sealed partial class NetlistReader
{
    /// <summary>Decks shorter than this (characters; about 1,500 element lines) are read on one thread.</summary>
    internal const int ConcurrentMinimumLength = 64 * 1024;

    /// <summary>In a helper: the first token of the card being read, default between cards (for the error order on failure).</summary>
    private NetlistToken _helperCardName;

    /// <summary>A reader for a range of element lines, on another thread: its own element list,
    /// names and node strings; the global parameters shared, read only.</summary>
    private NetlistReader(ParameterScope globals)
    {
        _globals = globals;
        _scopes.Push(new Scope(null, null, _netlist.Elements, _netlist.Models, _netlist.Subcircuits, globals));
    }

    /// <summary>
    /// The second scan when <see cref="NetlistLexer.TryFindElementRange"/> finds a range of
    /// element lines in the second half of the deck: a helper reader makes those elements on a
    /// thread-pool thread while this one reads the lines before them; their elements are then
    /// appended in file order, and this reader goes on after the range. The outcome is the one
    /// reader's: the same cards, values, node names, warnings, and the first error in file order
    /// (an error before the range wins; an element of the range whose name is already taken before
    /// it is reported before a later error inside the range; after an <c>.end</c> before the
    /// range, nothing in it counts).
    /// </summary>
    /// <returns>False when the deck has no such range (the caller reads it on one thread).</returns>
    private bool TryReadConcurrently(string text, string fileName, string directory, List<string> chain, int minimumLength)
    {
        if (Environment.ProcessorCount < 2 || !NetlistLexer.TryFindElementRange(text, minimumLength, out var middle, out var rest))
        {
            return false;
        }

        var helper = new NetlistReader(_globals);
        var before = new NetlistLexer.TextRange(0, middle.Start, 1);
        helper._netlist.Elements.EnsureCapacity(text.AsSpan(middle.Start, middle.End - middle.Start).Count('\n'));
        var work = Task.Run(() => NetlistLexer.Split(text, fileName, hasTitle: false, middle, helper._netlist.Warnings, null, helper.ReadHelperCard));
        bool ended;
        try
        {
            ended = NetlistLexer.Split(text, fileName, hasTitle: true, before, _netlist.Warnings, null, card => ReadCardOrInclude(card, directory, chain));
        }
        catch
        {
            Finish(work);
            throw;
        }

        var helperError = Finish(work);
        if (ended)
        {
            return true;
        }

        if (_scopes.Count > 1)
        {
            // An included file left a .subckt open: the range's elements belong to it, not to
            // the top level the helper read them into. Read the rest on this thread.
            NetlistLexer.Split(
                text, fileName, hasTitle: false, middle with { End = text.Length }, _netlist.Warnings, null, card => ReadCardOrInclude(card, directory, chain));
            return true;
        }

        AppendElementsOf(helper);
        if (helperError is not null)
        {
            // The card the helper failed on: reading in order would first have found its name
            // taken before the range (only the element-letter checks come before that one).
            var failed = helper._helperCardName;
            if (failed.Kind == TokenKind.Word && failed.Span.Length > 0 && SupportedLetters.Contains(char.ToUpperInvariant(failed.Span[0]), StringComparison.Ordinal)
                && Current.ElementNames.Contains(failed.Text))
            {
                throw DuplicateName(failed.Location, failed.Text);
            }

            ExceptionDispatchInfo.Throw(helperError);
        }

        NetlistLexer.Split(text, fileName, hasTitle: false, rest, _netlist.Warnings, null, card => ReadCardOrInclude(card, directory, chain));
        return true;
    }

    /// <summary>The helper's card reader: notes the card's first token while reading it (a failure
    /// in the lexer, between cards, leaves none).</summary>
    private void ReadHelperCard(NetlistCard card)
    {
        _helperCardName = card.Tokens[0];
        ReadCard(card);
        _helperCardName = default;
    }

    /// <summary>Waits for the helper; its error, if any.</summary>
    private static Exception? Finish(Task work)
    {
        try
        {
            work.Wait();
            return null;
        }
        catch (AggregateException ex)
        {
            return ex.InnerExceptions.Count == 1 ? ex.InnerException : ex;
        }
    }

    /// <summary>Appends the helper's elements (read so far) after this reader's, checking each name
    /// against the names before the range as reading them in order would have.</summary>
    private void AppendElementsOf(NetlistReader helper)
    {
        var names = Current.ElementNames;
        foreach (var element in helper._netlist.Elements)
        {
            if (!names.Add(element.Name))
            {
                throw DuplicateName(element.Location, element.Name);
            }
        }

        _netlist.Elements.AddRange(helper._netlist.Elements);
        foreach (var (element, token) in helper._references)
        {
            _references[element] = token;
        }

        _netlist.Warnings.AddRange(helper._netlist.Warnings);
    }
}
