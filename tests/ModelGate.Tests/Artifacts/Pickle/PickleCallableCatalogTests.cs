using ModelGate.Artifacts.Pickle;

namespace ModelGate.Tests.Artifacts.Pickle;

public sealed class PickleCallableCatalogTests
{
    [Theory]
    [InlineData("os", "system", "dangerous")]
    [InlineData("posix", "system", "dangerous")]
    [InlineData("nt", "system", "dangerous")]
    [InlineData("posixpath", "join", "dangerous")]
    [InlineData("subprocess", "Popen", "dangerous")]
    [InlineData("subprocess", "Popen.__init__", "dangerous")]
    [InlineData("builtins", "eval", "dangerous")]
    [InlineData("__builtin__", "eval", "dangerous")]
    [InlineData("builtins", "getattr", "dangerous")]
    [InlineData("builtins", "object.__getattribute__", "dangerous")]
    [InlineData("builtins", "object", "safe")]
    [InlineData("builtins", "set", "safe")]
    [InlineData("__builtin__", "set", "safe")]
    [InlineData("_io", "open", "dangerous")]
    [InlineData("_pickle", "loads", "dangerous")]
    [InlineData("copy_reg", "_reconstructor", "safe")]
    [InlineData("copyreg", "add_extension", "dangerous")]
    [InlineData("_codecs", "encode", "safe")]
    [InlineData("codecs", "open", "dangerous")]
    [InlineData("torch", "hub.load", "dangerous")]
    [InlineData("torch.hub", "load", "dangerous")]
    [InlineData("torch._utils", "_rebuild_tensor_v2", "safe")]
    [InlineData("torch.storage", "_load_from_bytes", "dangerous")]
    [InlineData("torch", "FloatStorage", "safe")]
    [InlineData("torch._C", "_jit_pass_inline", "dangerous")]
    [InlineData("torch.nn.modules.linear", "Linear", "safe")]
    [InlineData("torch.nn.modules.linear", "Linear.__getattr__", "dangerous")]
    [InlineData("collections", "OrderedDict", "safe")]
    [InlineData("numpy.core.multiarray", "_reconstruct", "safe")]
    [InlineData("numpy.core", "_ufunc_reconstruct", "dangerous")]
    [InlineData("numpy.testing._private.utils", "runstring", "dangerous")]
    [InlineData("sklearn.linear_model._logistic", "LogisticRegression", "safe")]
    [InlineData("sklearn.tree._tree", "Tree", "safe")]
    [InlineData("sklearn.utils", "_safe_indexing", "unknown")]
    [InlineData("pandas.core.frame", "DataFrame", "safe")]
    [InlineData("pandas.io.pickle", "read_pickle", "dangerous")]
    [InlineData("joblib.numpy_pickle", "NumpyArrayWrapper", "safe")]
    [InlineData("uuid", "_get_command_stdout", "dangerous")]
    [InlineData("uuid", "UUID", "safe")]
    [InlineData("_aix_support", "_read_cmd_output", "dangerous")]
    [InlineData("pydoc", "pipepager", "dangerous")]
    [InlineData("idlelib.pyshell", "ModifiedInterpreter", "dangerous")]
    [InlineData("operator", "attrgetter", "dangerous")]
    [InlineData("_operator", "methodcaller", "dangerous")]
    [InlineData("importlib", "import_module", "dangerous")]
    [InlineData("os", "", "dangerous")]
    [InlineData("mymodel.layers", "Block", "unknown")]
    public void Classifies_names_with_aliases_qualnames_and_precedence(string module, string name, string expected)
    {
        var result = PickleCallableCatalog.Default.Classify(module, name);
        var actual = result switch
        {
            CallableClass.Dangerous => "dangerous",
            CallableClass.Safe => "safe",
            _ => "unknown",
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_data_line_parses_and_carries_a_reason()
    {
        var dangerous = PickleCallableCatalog.ParseDangerous(PickleCallableCatalog.ReadResource("ModelGate.Artifacts.Pickle.dangerous-callables.txt"));
        var safe = PickleCallableCatalog.ParseSafe(PickleCallableCatalog.ReadResource("ModelGate.Artifacts.Pickle.safe-callables.txt"));
        Assert.True(dangerous.Count >= 150, $"{dangerous.Count} dangerous entries");
        Assert.All(dangerous, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.All(dangerous, e => Assert.False(string.IsNullOrWhiteSpace(e.Category)));
        Assert.All(safe, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Equal(dangerous.Count, dangerous.Select(e => e.Pattern.Text).Distinct().Count());
    }

    [Fact]
    public void Extra_entries_extend_the_catalogue_and_dangerous_still_wins()
    {
        var catalog = PickleCallableCatalog.Default.WithExtra(["mymodel.**", "os.system"], ["mymodel.evil"]);
        Assert.IsType<CallableClass.Safe>(catalog.Classify("mymodel.layers", "Block"));
        Assert.IsType<CallableClass.Dangerous>(catalog.Classify("mymodel", "evil"));
        Assert.IsType<CallableClass.Dangerous>(catalog.Classify("os", "system"));
    }
}
