using System.Text;

namespace Crossbar.Cli.Output;

/// <summary>
/// A console writer that sends what a sweep point writes to that point's own buffer (per async flow) and everything
/// else to the writer it replaced, so parallel points' messages neither interleave nor reach the terminal.
/// </summary>
public sealed class ConsoleRouter : TextWriter
{
    private static readonly AsyncLocal<TextWriter?> Capture = new();

    private readonly TextWriter _inner;

    private ConsoleRouter(TextWriter inner) => _inner = inner;

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    private TextWriter Target => Capture.Value ?? _inner;

    /// <summary>Routes stdout and stderr until the result is disposed (which puts the previous writers back).</summary>
    public static IDisposable Install()
    {
        TextWriter output = Console.Out;
        TextWriter error = Console.Error;
        Console.SetOut(new ConsoleRouter(output));
        Console.SetError(new ConsoleRouter(error));
        return new Restore(output, error);
    }

    /// <summary>Sends this async flow's console output to <paramref name="buffer"/> until the result is disposed.</summary>
    public static IDisposable CaptureInto(TextWriter buffer)
    {
        TextWriter? previous = Capture.Value;
        Capture.Value = buffer;
        return new Uncapture(previous);
    }

    /// <inheritdoc/>
    public override void Write(char value) => Target.Write(value);

    /// <inheritdoc/>
    public override void Write(string? value) => Target.Write(value);

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Target.WriteLine(value);

    /// <inheritdoc/>
    public override void Flush() => Target.Flush();

    private sealed class Restore(TextWriter output, TextWriter error) : IDisposable
    {
        public void Dispose()
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    }

    private sealed class Uncapture(TextWriter? previous) : IDisposable
    {
        public void Dispose() => Capture.Value = previous;
    }
}
