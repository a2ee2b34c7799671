using System.Text;
using ModelGate.Formats.Pickle;

namespace ModelGate.Formats.Tests.Pickle;

/// <summary>Recognising a pickle from its first bytes, without a magic number for protocols 0 and 1.</summary>
public sealed class PickleProbeTests
{
    public static TheoryData<string, byte[], bool> Prefixes() => new()
    {
        { "protocol 2 list", [0x80, 0x02, 0x5D, 0x71, 0x00, 0x2E], true },
        { "protocol 4 frame, None, STOP", [0x80, 0x04, 0x95, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x4E, 0x2E], true },
        { "protocol 0 dict", Encoding.ASCII.GetBytes("(dp0\nS'a'\np1\nI1\ns."), true },
        { "protocol 0 global and reduce", Encoding.ASCII.GetBytes("cos\nsystem\n(S'true'\ntR."), true },
        { "protocol 1 list", [0x5D, 0x71, 0x00, 0x28, 0x4B, 0x01, 0x4B, 0x02, 0x65, 0x2E], true },
        { "tensor bytes that happen to start like PROTO 2", [0x80, 0x02, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00], false },
        { "PROTO 9", [0x80, 0x09, 0x4E, 0x2E], false },
        { "a word", Encoding.ASCII.GetBytes("hello"), false },
        { "a copyright line", Encoding.ASCII.GetBytes("(c) 2024 Example Corp\nAll rights reserved.\n"), false },
        { "a sentence", Encoding.ASCII.GetBytes("Some text that is not a pickle at all."), false },
        { "one byte", [0x80], false },
    };

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void Prefixes_are_recognised_as_pickles_only_when_their_opcodes_decode(string because, byte[] prefix, bool expected) =>
        Assert.True(expected == PickleProbe.LooksLikePickle(prefix), because);
}
