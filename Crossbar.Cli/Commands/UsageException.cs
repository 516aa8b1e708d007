namespace Crossbar.Cli.Commands;

/// <summary>A bad option value or combination; reported with exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }
}
