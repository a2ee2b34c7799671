using System.Globalization;

namespace ModelGate.Formats.Pickle;

/// <summary>The annotated listing printed by <c>modelgate model --explain</c>.</summary>
public static class PickleDisassembly
{
    /// <summary>Most instructions written in total; the rest are summarised in one line.</summary>
    public const int MaxInstructions = 100_000;

    /// <summary>
    /// Writes one header per pickle (index, protocol, offsets), one line per instruction (offset, opcode,
    /// argument, <c># annotation</c>), then the pickle's anomalies and error. Analyse with
    /// <see cref="PickleAnalysisOptions.RecordListing"/> for instruction lines.
    /// </summary>
    public static void Write(PickleFileAnalysis analysis, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(writer);
        var written = 0;
        for (var i = 0; i < analysis.Pickles.Count; i++)
        {
            var pickle = analysis.Pickles[i];
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# pickle {i}: protocol {pickle.Protocol}, offsets {pickle.StartOffset}..{pickle.EndOffset}, {pickle.OpcodeCount} opcodes{(pickle.Complete ? "" : ", incomplete")}"));
            var listing = pickle.Listing ?? [];
            foreach (var instruction in listing)
            {
                if (written >= MaxInstructions)
                    break;
                WriteInstruction(writer, instruction);
                written++;
            }
            var omitted = pickle.OpcodeCount - Math.Min(listing.Count, Math.Max(0, written == MaxInstructions ? 0 : listing.Count));
            if (pickle.Listing is not null && omitted > 0)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… {omitted} more instructions not listed"));
            foreach (var anomaly in pickle.Anomalies)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"! {anomaly.Offset,10}: {anomaly.Kind}: {anomaly.Message}"));
            if (pickle.Error is { } error)
                writer.WriteLine($"! error: {error.Message}");
        }
        if (analysis.IsTorchLegacy)
            writer.WriteLine("# legacy torch.save layout: raw storage bytes follow the last pickle");
        if (analysis.TrailingDataOffset is long offset)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# trailing data: {analysis.TrailingDataLength} bytes at offset {offset}"));
        if (analysis.Error is { } fileError && analysis.Pickles.All(p => !ReferenceEquals(p.Error, fileError)))
            writer.WriteLine($"! error: {fileError.Message}");
    }

    private static void WriteInstruction(TextWriter writer, PickleInstruction instruction)
    {
        var name = PickleOpcodeTable.NameOf(instruction.Opcode);
        var line = string.Create(CultureInfo.InvariantCulture, $"{instruction.Offset,10}: {name,-16} {instruction.Argument}");
        if (instruction.Annotation is not null)
            line = $"{line.TrimEnd(),-60} # {instruction.Annotation}";
        writer.WriteLine(line.TrimEnd());
    }
}
