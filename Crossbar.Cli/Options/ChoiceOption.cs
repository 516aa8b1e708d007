using System.CommandLine;

namespace Crossbar.Cli.Options;

/// <summary>
/// Options whose value is one of a fixed set of words mapped to an enum: an unknown word is a usage error that names the
/// option and lists the choices (exit 2), and the choices appear in the help.
/// </summary>
public static class ChoiceOption
{
    /// <summary>Creates the option.</summary>
    /// <typeparam name="T">The enum the words map to.</typeparam>
    /// <param name="name">Option name, e.g. <c>--cell</c>.</param>
    /// <param name="description">Help text (the default is appended).</param>
    /// <param name="defaultValue">Value when the option is absent.</param>
    /// <param name="choices">Each accepted word (matched case-insensitively) and its value.</param>
    /// <returns>The option; read it with <see cref="ChoiceOption{T}.ValueIn"/>.</returns>
    public static ChoiceOption<T> Create<T>(string name, string description, T defaultValue, params (string Word, T Value)[] choices)
        where T : struct, Enum
    {
        string defaultWord = choices.First(c => c.Value.Equals(defaultValue)).Word;
        var option = new ChoiceOption<T>(name, defaultValue)
        {
            HelpName = string.Join('|', choices.Select(c => c.Word)),
            Description = $"{description} [default: {defaultWord}]",
            CustomParser = result => Parse(result, name, choices),
        };
        option.CompletionSources.Add(choices.Select(c => c.Word).ToArray());
        return option;
    }

    /// <summary>Creates an option whose absence is null (the command picks its default from other options).</summary>
    /// <typeparam name="T">The enum the words map to.</typeparam>
    /// <param name="name">Option name.</param>
    /// <param name="description">Help text, default included.</param>
    /// <param name="choices">Each accepted word and its value.</param>
    /// <returns>The option.</returns>
    public static Option<T?> CreateOptional<T>(string name, string description, params (string Word, T Value)[] choices)
        where T : struct, Enum
    {
        var option = new Option<T?>(name)
        {
            HelpName = string.Join('|', choices.Select(c => c.Word)),
            Description = description,
            CustomParser = result => Parse(result, name, choices),
        };
        option.CompletionSources.Add(choices.Select(c => c.Word).ToArray());
        return option;
    }

    /// <summary>The value of the last token, null when there is none or (with an error naming the choices) when it is not one of the words.</summary>
    private static T? Parse<T>(System.CommandLine.Parsing.ArgumentResult result, string name, (string Word, T Value)[] choices)
        where T : struct, Enum
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string word = result.Tokens[^1].Value;
        foreach ((string w, T value) in choices)
        {
            if (string.Equals(w, word, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"{name}: '{word}' is not one of {string.Join(", ", choices.Select(c => c.Word))}");
        return null;
    }

    /// <summary>The word of a value, for metadata.</summary>
    public static string Word<T>(T value, params (string Word, T Value)[] choices)
        where T : struct, Enum => choices.First(c => c.Value.Equals(value)).Word;
}

/// <summary>
/// An option whose value is one of a fixed set of words (<see cref="ChoiceOption.Create"/>). Its default is applied when it is
/// read (<see cref="ValueIn"/>), not by the parser, so that help shows the default as the word one types
/// (<c>[default: 1t1r]</c>) once, rather than the enum member's name as well.
/// </summary>
/// <typeparam name="T">The enum the words map to.</typeparam>
public sealed class ChoiceOption<T> : Option<T?>
    where T : struct, Enum
{
    /// <summary>Creates the option.</summary>
    /// <param name="name">Option name.</param>
    /// <param name="defaultValue">Value when the option is absent.</param>
    public ChoiceOption(string name, T defaultValue)
        : base(name) => Default = defaultValue;

    /// <summary>Value when the option is absent.</summary>
    public T Default { get; }

    /// <summary>The value given on the command line, or <see cref="Default"/>.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The value.</returns>
    public T ValueIn(ParseResult parse) => parse.GetValue(this) ?? Default;
}
