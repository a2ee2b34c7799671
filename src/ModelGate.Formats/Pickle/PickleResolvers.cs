namespace ModelGate.Formats.Pickle;

/// <summary>
/// The "string to callable" functions a pickle can call with literal arguments to reach a callable without
/// naming it in a GLOBAL: what object the call returns, as a dotted path. Each entry cites the function's
/// behaviour in the Python standard library or NumPy.
/// </summary>
internal static class PickleResolvers
{
    /// <summary>The path of the object <paramref name="callablePath"/>(<paramref name="args"/>) returns, when a resolver with literal arguments.</summary>
    public static string? ResultPath(string? callablePath, PickleValue callable, PickleValue args)
    {
        var items = args is PickleContainer { Kind: PickleContainerKind.Tuple } t ? t.Items : ArraySegment<PickleValue>.Empty;
        switch (callablePath)
        {
            // getattr(obj, name): the attribute of a known object.
            case "builtins.getattr" or "__builtin__.getattr":
                return items is [var obj, PickleString { Truncated: false } attr, ..] && obj.Path is { } objPath ? $"{objPath}.{attr.Text}" : null;
            // importlib.import_module(name) returns the named module.
            case "importlib.import_module":
                return items is [PickleString { Truncated: false } module, ..] ? module.Text : null;
            // __import__(name) returns the top-level package unless a non-empty fromlist is given.
            case "builtins.__import__" or "__builtin__.__import__" or "importlib.__import__":
                return items is [PickleString { Truncated: false } imported, ..]
                    ? items.Count >= 4 && items[3] is PickleContainer { Count: > 0 } ? imported.Text : imported.Text.Split('.')[0]
                    : null;
            // pkgutil.resolve_name('pkg.mod:obj.attr') or 'pkg.mod.obj'.
            case "pkgutil.resolve_name":
                return items is [PickleString { Truncated: false } spec, ..] ? spec.Text.Replace(':', '.') : null;
            // numpy's _ufunc_reconstruct(module, name) imports module and returns getattr(module, name).
            case "numpy.core._ufunc_reconstruct" or "numpy._core._ufunc_reconstruct" or "numpy.core.umath._ufunc_reconstruct":
                return items is [PickleString { Truncated: false } m, PickleString { Truncated: false } n, ..] ? $"{m.Text}.{n.Text}" : null;
        }
        // operator.attrgetter('a.b')(obj) returns obj.a.b.
        if (callable is PickleCallResult { CallablePath: "operator.attrgetter" or "_operator.attrgetter" } getter
            && getter.Arguments is PickleContainer { Kind: PickleContainerKind.Tuple, Items: [PickleString { Truncated: false } name, ..] }
            && items is [var target, ..] && target.Path is { } targetPath)
            return $"{targetPath}.{name.Text}";
        return null;
    }

    /// <summary>
    /// For <c>operator.methodcaller('name', ...)(obj)</c>: the method it calls on a known object
    /// (<c>obj.name</c>), or null.
    /// </summary>
    public static string? MethodCallerTarget(PickleValue callable, PickleValue args) =>
        callable is PickleCallResult { CallablePath: "operator.methodcaller" or "_operator.methodcaller" } caller
        && caller.Arguments is PickleContainer { Kind: PickleContainerKind.Tuple, Items: [PickleString { Truncated: false } name, ..] }
        && args is PickleContainer { Kind: PickleContainerKind.Tuple, Items: [var target, ..] } && target.Path is { } targetPath
            ? $"{targetPath}.{name.Text}"
            : null;

    /// <summary>True for the functions <see cref="ResultPath"/> understands (their result, if not resolved, is a dynamic value).</summary>
    public static bool IsResolver(string? callablePath) => callablePath is
        "builtins.getattr" or "__builtin__.getattr" or "importlib.import_module" or "builtins.__import__" or "__builtin__.__import__"
        or "importlib.__import__" or "pkgutil.resolve_name" or "numpy.core._ufunc_reconstruct" or "numpy._core._ufunc_reconstruct"
        or "numpy.core.umath._ufunc_reconstruct";

    /// <summary>Splits a resolved path into module and name for a <see cref="PickleImport"/>: <c>os.system</c> → (os, system); <c>os</c> → (os, "").</summary>
    public static (string Module, string Name) Split(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot <= 0 ? (path, "") : (path[..dot], path[(dot + 1)..]);
    }
}
