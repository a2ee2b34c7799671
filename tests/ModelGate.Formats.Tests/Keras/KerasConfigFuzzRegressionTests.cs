using ModelGate.Formats.Keras;

namespace ModelGate.Formats.Tests.Keras;

/// <summary>Inputs the fuzzer found (Keras/testdata/regressions): each is refused with MalformedDataException or read.</summary>
public sealed class KerasConfigFuzzRegressionTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Keras", "testdata", "regressions");

    public static TheoryData<string> Inputs() =>
        [.. Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Fuzz_regression_is_refused_as_malformed_or_read(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name));
        var exception = Record.Exception(() => KerasConfigInspector.Inspect(bytes));
        Assert.True(exception is null or MalformedDataException, $"{name}: {exception}");
    }

    [Fact]
    public void Invalid_utf8_is_refused_at_its_offset()
    {
        var exception = Assert.Throws<MalformedDataException>(() => KerasConfigInspector.Inspect([.. "{\"class_name\": \""u8, 0xFF, .. "\"}"u8]));
        Assert.Equal(16, exception.Offset);
    }
}
