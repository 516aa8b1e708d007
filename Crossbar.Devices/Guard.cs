using System.Runtime.CompilerServices;

namespace Crossbar.Devices;

/// <summary>Argument checks shared by the device models; every failure names the offending parameter.</summary>
internal static class Guard
{
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be a finite number, got {Format(value)}.", name);
        }

        return value;
    }

    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > 0.0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentException($"{name} must be positive and finite, got {Format(value)}.", name);
        }

        return value;
    }

    public static double PositiveOrInfinity(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > 0.0))
        {
            throw new ArgumentException($"{name} must be positive (infinity allowed), got {Format(value)}.", name);
        }

        return value;
    }

    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0.0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentException($"{name} must be non-negative and finite, got {Format(value)}.", name);
        }

        return value;
    }

    public static double Negative(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value < 0.0) || double.IsNegativeInfinity(value))
        {
            throw new ArgumentException($"{name} must be negative and finite, got {Format(value)}.", name);
        }

        return value;
    }

    public static double Probability(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentException($"{name} must be a probability in [0, 1], got {Format(value)}.", name);
        }

        return value;
    }

    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException($"{name} must lie in [{Format(min)}, {Format(max)}], got {Format(value)}.", name);
        }

        return value;
    }

    public static double InOpenRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > min && value < max))
        {
            throw new ArgumentException($"{name} must lie in ({Format(min)}, {Format(max)}), got {Format(value)}.", name);
        }

        return value;
    }

    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"{name} must lie in [{min}, {max}], got {value}.", name);
        }

        return value;
    }

    public static string Format(double value) => value.ToString("G17", System.Globalization.CultureInfo.InvariantCulture);
}
