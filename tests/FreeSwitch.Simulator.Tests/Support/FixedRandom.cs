namespace FreeSwitch.Simulator.Tests.Support;

/// <summary>A <see cref="Random"/> that always gives the same value (clamped into the range asked for), so a test decides where a random walk starts.</summary>
internal sealed class FixedRandom(int value) : Random
{
    public override int Next() => value;

    public override int Next(int maxValue) => Math.Clamp(value, 0, Math.Max(0, maxValue - 1));

    public override int Next(int minValue, int maxValue) => Math.Clamp(value, minValue, Math.Max(minValue, maxValue - 1));
}
