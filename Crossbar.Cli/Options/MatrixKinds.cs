using System.CommandLine;
using Crossbar.Circuit.Amc;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Options;

/// <summary>Kind of a generated matrix.</summary>
public enum MatrixKind
{
    /// <summary>Strictly diagonally dominant, signed (uniform(−1, 1) off-diagonal, margin 0.5).</summary>
    DiagonallyDominant,

    /// <summary>Symmetric positive definite with a given 2-norm condition number.</summary>
    Spd,

    /// <summary>Wishart W = XᵀX/m with m = 4N samples.</summary>
    Wishart,
}

/// <summary>The <c>--kind</c> option and the generated matrices it names, shared by the commands that take a matrix.</summary>
public static class MatrixKinds
{
    /// <summary>Samples per dimension of a generated Wishart matrix (W = XᵀX/m, m = 4N: condition ≈ 9).</summary>
    public const int WishartSamplesPerDimension = 4;

    private static readonly (string Word, MatrixKind Kind)[] Words = [("diagdom", MatrixKind.DiagonallyDominant), ("spd", MatrixKind.Spd), ("wishart", MatrixKind.Wishart)];

    /// <summary>The word of a kind (as written on the command line and in metadata).</summary>
    public static string Word(MatrixKind kind) => Words.First(w => w.Kind == kind).Word;

    /// <summary><c>--kind diagdom|spd|wishart</c>; absent is null (the command picks its default).</summary>
    public static Option<MatrixKind?> Option() => ChoiceOption.CreateOptional(
        "--kind",
        "generated matrix: diagonally dominant, SPD with --condition, or Wishart W = XᵀX/m with m = 4N [default: diagdom]",
        Words);

    /// <summary>Generates an N×N matrix of a kind.</summary>
    /// <exception cref="UsageException">Bad size or condition number.</exception>
    public static double[,] Generate(MatrixKind kind, int n, double condition, int seed)
    {
        try
        {
            return kind switch
            {
                MatrixKind.Spd => MatrixGenerators.SpdWithCondition(n, condition, seed),
                MatrixKind.Wishart => MatrixGenerators.Wishart(n, WishartSamplesPerDimension * n, seed),
                _ => MatrixGenerators.DiagonallyDominant(n, seed),
            };
        }
        catch (ArgumentException ex)
        {
            throw UsageException.From(ex);
        }
    }
}
