using FsCheck.Xunit;
using ModelGate.Formats.Cvss;

namespace ModelGate.Formats.Tests.Cvss;

/// <summary>Hostile text: parsing either succeeds with a score in range or fails with
/// <see cref="MalformedDataException"/>.</summary>
[Properties(MaxTest = 3000)]
public class CvssFuzzTests
{
    private static readonly string[] Names =
        ["AV", "AC", "AT", "PR", "UI", "S", "C", "I", "A", "VC", "VI", "VA", "SC", "SI", "SA", "E", "RL", "RC", "CR",
         "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MS", "MC", "MI", "MA", "MVC", "MVI", "MVA", "MSC", "MSI",
         "MSA", "AU", "R", "V", "RE", "U", "Au", ""];

    private static readonly string[] Values = ["N", "A", "L", "P", "H", "R", "U", "C", "X", "S", "M", "Y", "D", "I", "F", "W", "T", "O", "Red", "Clear", "Amber", "Green", "", "n"];

    [Property]
    public void Arbitrary_text_fails_only_with_MalformedDataException_and_TryParse_agrees(string text)
    {
        if (text is null)
            return;
        AssertConsistent(text);
    }

    [Property]
    public void Vectors_built_from_real_metric_names_and_values_parse_consistently(byte[] picks, byte prefix)
    {
        if (picks is null)
            return;
        var head = (prefix % 3) switch
        {
            0 => "CVSS:3.0",
            1 => "CVSS:3.1",
            _ => "CVSS:4.0",
        };
        var components = new List<string>();
        for (var i = 0; i + 1 < picks.Length; i += 2)
            components.Add(Names[picks[i] % Names.Length] + ":" + Values[picks[i + 1] % Values.Length]);

        AssertConsistent(string.Join('/', [head, .. components]));
    }

    [Property]
    public void Valid_vectors_with_a_metric_dropped_or_repeated_stay_consistent(byte mutation, byte position, bool v4)
    {
        var vector = v4
            ? "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:M/IR:L/AR:H/MAV:A/MSI:S/S:P/U:Green"
            : "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:M/MAV:A/MS:C";
        var parts = vector.Split('/').ToList();
        var at = 1 + (position % (parts.Count - 1));
        switch (mutation % 4)
        {
            case 0: parts.RemoveAt(at); break;
            case 1: parts.Insert(at, parts[at]); break;
            case 2: (parts[at], parts[^1]) = (parts[^1], parts[at]); break;
            default: parts[at] = parts[at].ToLowerInvariant(); break;
        }

        AssertConsistent(string.Join('/', parts));
    }

    private static void AssertConsistent(string text)
    {
        var parsed = CvssVector.TryParse(text, out var viaTry, out var error);
        var thrown = Record.Exception(() => CvssVector.Parse(text));

        Assert.True(thrown is null or MalformedDataException, thrown?.ToString());
        Assert.Equal(parsed, thrown is null);
        Assert.Equal(parsed, error is null);
        if (viaTry is null)
            return;

        Assert.InRange(viaTry.BaseScore, 0.0, 10.0);
        Assert.Equal(CvssSeverityBands.For(viaTry.BaseScore), viaTry.Severity);
        var again = CvssVector.Parse(viaTry.Vector);
        Assert.Equal(viaTry.Vector, again.Vector);
        Assert.Equal(viaTry.BaseScore, again.BaseScore);
    }
}
