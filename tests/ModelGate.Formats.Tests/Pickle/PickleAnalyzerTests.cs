using ModelGate.Formats.Pickle;

namespace ModelGate.Formats.Tests.Pickle;

public sealed class PickleAnalyzerTests
{
    [Theory]
    [InlineData("global-os-system.pkl", PickleOpcode.Global, PickleImportVia.Global, PickleCallKind.Reduce)]
    [InlineData("inst-os-system.pkl", PickleOpcode.Inst, PickleImportVia.Inst, PickleCallKind.Inst)]
    [InlineData("obj-os-system.pkl", PickleOpcode.Global, PickleImportVia.Global, PickleCallKind.Obj)]
    [InlineData("stack-global-literal.pkl", PickleOpcode.StackGlobal, PickleImportVia.StackGlobal, PickleCallKind.Reduce)]
    [InlineData("stack-global-memo.pkl", PickleOpcode.StackGlobal, PickleImportVia.StackGlobal, PickleCallKind.Reduce)]
    [InlineData("nested-reduce-in-dict.pkl", PickleOpcode.Global, PickleImportVia.Global, PickleCallKind.Reduce)]
    public void Os_system_payload_reports_import_and_call(string file, PickleOpcode importOpcode, PickleImportVia via, PickleCallKind kind)
    {
        var result = PickleTestFiles.Analyze(file);
        Assert.Null(result.Error);
        var import = Assert.Single(result.Imports);
        Assert.Equal(("os", "system", "os.system"), (import.Module, import.Name, import.FullName));
        Assert.Equal(importOpcode, import.Opcode);
        Assert.Equal(via, import.Via);
        var call = Assert.Single(result.Calls, c => c.Callable == "os.system");
        Assert.Equal(kind, call.Kind);
        Assert.Contains("echo hi", call.ArgumentsPreview, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Anomalies, a => a.Kind is PickleAnomalyKind.DynamicImport or PickleAnomalyKind.UnresolvedCallTarget);
    }

    [Fact]
    public void Newobj_ex_records_a_newobj_call_of_the_class()
    {
        var result = PickleTestFiles.Analyze("newobj-ex.pkl");
        Assert.Null(result.Error);
        var call = Assert.Single(result.Calls);
        Assert.Equal(("builtins.object", PickleOpcode.NewObjEx, PickleCallKind.NewObj), (call.Callable, call.Opcode, call.Kind));
        Assert.Equal("builtins.object", Assert.Single(result.Imports).FullName);
    }

    [Fact]
    public void Stack_global_on_a_computed_string_is_a_dynamic_import()
    {
        var result = PickleTestFiles.Analyze("stack-global-computed.pkl");
        Assert.Null(result.Error);
        Assert.Contains(result.Anomalies, a => a.Kind == PickleAnomalyKind.DynamicImport && a.Offset == 31);
        Assert.Contains(result.Imports, i => i is { Module: "?", Name: "system", Via: PickleImportVia.StackGlobal, Offset: 31 });
        Assert.Contains(result.Anomalies, a => a.Kind == PickleAnomalyKind.UnresolvedCallTarget && a.Offset == 42);
        Assert.Contains(result.Calls, c => c is { Callable: null, Offset: 42 });
    }

    [Theory]
    [InlineData("getattr-import-module.pkl", "builtins.getattr", "importlib.import_module")]
    [InlineData("attrgetter.pkl", "operator.attrgetter", "importlib.import_module")]
    [InlineData("pkgutil-resolve-name.pkl", "pkgutil.resolve_name", null)]
    public void String_to_callable_tricks_resolve_to_os_system(string file, string resolver, string? second)
    {
        var result = PickleTestFiles.Analyze(file);
        Assert.Null(result.Error);
        Assert.Contains(result.Imports, i => i.FullName == resolver && i.Via != PickleImportVia.ResolvedThrough);
        if (second is not null)
            Assert.Contains(result.Imports, i => i.FullName == second);
        Assert.Contains(result.Imports, i => i is { Module: "os", Name: "system", Via: PickleImportVia.ResolvedThrough });
        Assert.Contains(result.Calls, c => c.Callable == "os.system");
        Assert.Contains(result.Anomalies, a => a.Kind == PickleAnomalyKind.ResolvedThroughCall);
        Assert.DoesNotContain(result.Calls, c => c.Callable is null);
    }

    [Fact]
    public void Build_is_recorded_as_a_call_on_the_class()
    {
        var result = PickleTestFiles.Analyze("build-instance.pkl");
        Assert.Null(result.Error);
        Assert.Collection(result.Calls,
            c => Assert.Equal(("geometry.Point", PickleCallKind.NewObj), (c.Callable, c.Kind)),
            c =>
            {
                Assert.Equal(("geometry.Point", PickleCallKind.Build, PickleOpcode.Build, 38L), (c.Callable, c.Kind, c.Opcode, c.Offset));
                Assert.Equal("{'x': 1}", c.ArgumentsPreview);
            });
    }

    [Theory]
    [InlineData("ext1.pkl", "1")]
    [InlineData("ext2.pkl", "513")]
    [InlineData("ext4.pkl", "67305985")]
    public void Extension_codes_are_anomalies_and_their_calls_unresolved(string file, string code)
    {
        var result = PickleTestFiles.Analyze(file);
        Assert.Null(result.Error);
        var anomaly = Assert.Single(result.Anomalies, a => a.Kind == PickleAnomalyKind.ExtensionCode);
        Assert.Contains(code, anomaly.Message, StringComparison.Ordinal);
        Assert.Equal(2, anomaly.Offset);
        Assert.Null(Assert.Single(result.Calls).Callable);
    }

    [Theory]
    [InlineData("memo-get-before-put.pkl", PickleAnomalyKind.MemoKeyMissing, 2)]
    [InlineData("stack-underflow.pkl", PickleAnomalyKind.StackUnderflow, 2)]
    public void Errors_the_unpickler_stops_on_are_reported_with_their_offset(string file, PickleAnomalyKind kind, long offset)
    {
        var result = PickleTestFiles.Analyze(file);
        Assert.NotNull(result.Error);
        Assert.Equal(offset, result.Error.Offset);
        Assert.Contains(result.Anomalies, a => a.Kind == kind && a.Offset == offset);
        Assert.False(Assert.Single(result.Pickles).Complete);
    }

    [Fact]
    public void Payload_followed_by_garbage_reports_the_payload_and_the_trailing_data()
    {
        var result = PickleTestFiles.Analyze("payload-then-garbage.pkl");
        Assert.Contains(result.Calls, c => c.Callable == "os.system");
        Assert.Null(result.Error);
        Assert.Equal(26, result.TrailingDataOffset);
        Assert.Equal(10, result.TrailingDataLength);
    }

    [Fact]
    public void Payload_followed_by_a_broken_pickle_that_imports_reports_both_and_the_error()
    {
        var bytes = File.ReadAllBytes(PickleTestFiles.PathOf("global-os-system.pkl")).Concat("csubprocess\nPopen\n("u8.ToArray()).ToArray();
        var result = PickleTestFiles.Analyze(bytes);
        Assert.Equal(2, result.Pickles.Count);
        Assert.Contains(result.Imports, i => i.FullName == "subprocess.Popen");
        Assert.Contains(result.Calls, c => c.Callable == "os.system");
        Assert.NotNull(result.Error);
        Assert.Null(result.TrailingDataOffset);
    }

    [Fact]
    public void Several_pickles_in_a_row_are_all_analysed()
    {
        var result = PickleTestFiles.Analyze("three-pickles-payload-third.pkl");
        Assert.Null(result.Error);
        Assert.Equal(3, result.Pickles.Count);
        Assert.All(result.Pickles, p => Assert.True(p.Complete));
        Assert.Empty(result.Pickles[0].Calls);
        Assert.Contains(result.Pickles[2].Calls, c => c.Callable == "os.system");
        Assert.Equal(result.Pickles[1].EndOffset, result.Pickles[2].StartOffset);
        Assert.False(result.IsTorchLegacy);
    }

    [Fact]
    public void Zero_bytes_after_a_pickle_are_trailing_data()
    {
        var result = PickleTestFiles.Analyze("pickle-then-zeros.pkl");
        Assert.Null(result.Error);
        Assert.Single(result.Pickles);
        Assert.Equal(64, result.TrailingDataLength);
    }

    [Fact]
    public void Legacy_torch_save_layout_is_recognised_and_stops_at_the_storages()
    {
        var result = PickleTestFiles.Analyze("torch-legacy.pt");
        Assert.Null(result.Error);
        Assert.True(result.IsTorchLegacy);
        Assert.Equal(5, result.Pickles.Count);
        Assert.Null(result.TrailingDataOffset);
        Assert.Contains(result.Imports, i => i.FullName == "torch._utils._rebuild_tensor_v2");
        Assert.Contains(result.Calls, c => c.Kind == PickleCallKind.PersistentLoad);
        Assert.DoesNotContain(result.Anomalies, a => a.Kind == PickleAnomalyKind.UnresolvedCallTarget);
    }

    [Theory]
    [InlineData("joblib-arrays-protocol-2.joblib")]
    [InlineData("joblib-arrays-protocol-4.joblib")]
    [InlineData("joblib-arrays-protocol-5.joblib")]
    public void Joblib_arrays_of_every_dtype_are_skipped_exactly(string file)
    {
        var result = PickleTestFiles.Analyze(file);
        Assert.Null(result.Error);
        Assert.Null(result.TrailingDataOffset);
        var pickle = Assert.Single(result.Pickles);
        Assert.True(pickle.Complete);
        var arrays = pickle.JoblibArrays.GroupBy(a => a.DType).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(10, pickle.JoblibArrays.Count);
        Assert.Equal(40, arrays["f8"].ByteLength);
        Assert.Equal([2L, 3L], arrays["i4"].Shape);
        Assert.Equal(24, arrays["i4"].ByteLength);
        Assert.Equal(24, arrays["U3"].ByteLength);
        Assert.Equal(16, arrays["c16"].ByteLength);
        Assert.Equal(8, arrays["M8"].ByteLength);
        Assert.Equal(2, arrays["S2"].ByteLength);
        Assert.Equal(2, arrays["b1"].ByteLength);
        Assert.All(pickle.JoblibArrays, a => Assert.False(a.HasObjects));
        Assert.Contains(pickle.JoblibArrays, a => a.Shape.Count == 0 && a.ByteLength == 8);
        Assert.Contains(pickle.JoblibArrays, a => a.Shape.SequenceEqual([0L, 4L]) && a.ByteLength == 0);
        Assert.Empty(pickle.Anomalies);
    }

    [Fact]
    public void Joblib_without_alignment_padding_is_skipped_exactly()
    {
        var result = PickleTestFiles.Analyze("joblib-no-alignment.joblib");
        Assert.Null(result.Error);
        Assert.Equal(32, Assert.Single(result.JoblibArrays).ByteLength);
        Assert.True(Assert.Single(result.Pickles).Complete);
    }

    [Fact]
    public void Joblib_arrays_off_breaks_after_the_first_array()
    {
        var result = PickleTestFiles.Analyze("joblib-arrays-protocol-2.joblib", new PickleAnalysisOptions { JoblibArrays = false });
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Joblib_object_array_nested_pickle_is_analysed()
    {
        var clean = PickleTestFiles.Analyze("joblib-object-array.joblib");
        Assert.Null(clean.Error);
        Assert.Contains(clean.JoblibArrays, a => a.HasObjects && a.DType == "O8");
        Assert.Contains(clean.Imports, i => i.FullName == "numpy.core.multiarray._reconstruct");

        var payload = PickleTestFiles.Analyze("joblib-object-array-payload.joblib");
        Assert.Null(payload.Error);
        Assert.True(Assert.Single(payload.Pickles).Complete);
        Assert.Contains(payload.Calls, c => c.Callable == "os.system");
        Assert.Contains(payload.JoblibArrays, a => a is { HasObjects: false, DType: "i8", ByteLength: 16 });
    }

    [Fact]
    public void Listing_annotates_imports_calls_and_memo()
    {
        var result = PickleTestFiles.Analyze("stack-global-memo.pkl", new PickleAnalysisOptions { RecordListing = true });
        var listing = result.Pickles[0].Listing!;
        Assert.Equal(result.Pickles[0].OpcodeCount, listing.Count);
        Assert.Contains(listing, i => i.Annotation == "memo[0] <- 'os'");
        Assert.Contains(listing, i => i.Opcode == PickleOpcode.StackGlobal && i.Annotation == "imports os.system");
        Assert.Contains(listing, i => i.Opcode == PickleOpcode.Reduce && i.Annotation!.StartsWith("calls os.system('echo hi')", StringComparison.Ordinal));

        var text = new StringWriter();
        PickleDisassembly.Write(result, text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("# pickle 0: protocol 4", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("STACK_GLOBAL", StringComparison.Ordinal) && l.EndsWith("# imports os.system", StringComparison.Ordinal));
    }
}
