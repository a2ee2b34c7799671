using System.Globalization;
using System.Numerics;
using System.Text;

namespace ModelGate.Formats.Pep440;

/// <summary>
/// One numeric component of a version (epoch, release segment, pre/post/dev number).
/// PEP 440, Public version identifiers: "All numeric components MUST be non-negative integers represented as
/// sequences of ASCII digits" with no upper bound, and "MUST be interpreted and ordered according to their
/// numeric value". Up to 19 significant digits the value is held in a <see cref="ulong"/>; longer values keep
/// their digits (leading zeros removed), so any value with 20 or more digits is larger than every small one.
/// </summary>
internal readonly struct VersionNumber : IEquatable<VersionNumber>, IComparable<VersionNumber>
{
    /// <summary>Every 19-digit decimal number fits in an unsigned 64-bit integer.</summary>
    private const int MaxSmallDigits = 19;

    private readonly ulong _small;
    private readonly string? _digits;

    private VersionNumber(ulong small, string? digits)
    {
        _small = small;
        _digits = digits;
    }

    public static VersionNumber Zero => default;

    public bool IsZero => _digits is null && _small == 0;

    /// <summary>The value when it fits in 64 bits (all numbers of up to 19 digits).</summary>
    public bool TryGetUInt64(out ulong value)
    {
        value = _small;
        return _digits is null;
    }

    /// <summary>Builds a number from a run of ASCII digits (at least one). Leading zeros are ignored
    /// (PEP 440, Integer normalization: <c>int()</c> semantics).</summary>
    public static VersionNumber FromDigits(ReadOnlySpan<char> digits)
    {
        var i = 0;
        while (i < digits.Length - 1 && digits[i] == '0')
            i++;
        var significant = digits[i..];
        if (significant.Length > MaxSmallDigits)
            return new VersionNumber(0, significant.ToString());

        ulong value = 0;
        foreach (var c in significant)
            value = (value * 10) + (ulong)(c - '0');
        return new VersionNumber(value, null);
    }

    public static VersionNumber FromUInt64(ulong value) => new(value, null);

    public BigInteger ToBigInteger() =>
        _digits is null ? new BigInteger(_small) : BigInteger.Parse(_digits, NumberStyles.None, CultureInfo.InvariantCulture);

    public int CompareTo(VersionNumber other)
    {
        if (_digits is null)
            return other._digits is null ? _small.CompareTo(other._small) : -1;
        if (other._digits is null)
            return 1;
        if (_digits.Length != other._digits.Length)
            return _digits.Length.CompareTo(other._digits.Length);
        return string.CompareOrdinal(_digits, other._digits);
    }

    public bool Equals(VersionNumber other) =>
        _digits is null ? other._digits is null && _small == other._small : string.Equals(_digits, other._digits, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is VersionNumber other && Equals(other);

    public override int GetHashCode() => _digits is null ? _small.GetHashCode() : StringComparer.Ordinal.GetHashCode(_digits);

    public override string ToString() => _digits ?? _small.ToString(CultureInfo.InvariantCulture);

    public void AppendTo(StringBuilder builder)
    {
        if (_digits is not null)
            builder.Append(_digits);
        else
            builder.Append(_small);
    }

    public static bool operator ==(VersionNumber left, VersionNumber right) => left.Equals(right);

    public static bool operator !=(VersionNumber left, VersionNumber right) => !left.Equals(right);

    public static bool operator <(VersionNumber left, VersionNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(VersionNumber left, VersionNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(VersionNumber left, VersionNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(VersionNumber left, VersionNumber right) => left.CompareTo(right) >= 0;
}
