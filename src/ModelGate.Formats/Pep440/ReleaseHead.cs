using System.Runtime.CompilerServices;

namespace ModelGate.Formats.Pep440;

/// <summary>The first four release numbers, gathered on the stack while parsing.</summary>
[InlineArray(PythonVersion.PackedReleaseSegments)]
internal struct ReleaseHead
{
    private VersionNumber _element;
}
