using System.Globalization;
using System.Text;

namespace ModelGate.Formats.Pickle;

/// <summary>
/// Symbolic execution of one pickle (to its STOP): the stack, the marks (CPython keeps them as a metastack),
/// the memo and symbolic values, following the semantics of CPython <c>Lib/pickle.py</c> <c>_Unpickler</c>
/// without importing or calling anything. Where the real unpickler would raise (stack underflow, missing memo
/// key, unknown opcode, truncated argument) the analysis stops with an error, keeping what it found: the
/// unpickler has executed everything before that point.
/// </summary>
internal sealed class PickleMachine
{
    private const string Format = "pickle";
    private const int PreviewChars = 120;
    private const string NumpyArrayWrapper = "joblib.numpy_pickle.NumpyArrayWrapper";

    private readonly PickleTokenReader _reader;
    private readonly PickleAnalysisOptions _options;
    private readonly PickleLimits _limits;
    private readonly int _nesting;
    private readonly List<PickleValue> _stack = [];
    private readonly List<int> _marks = [];
    private readonly PickleMemo _memo = new();

    /// <summary>Most distinct short strings shared (see <see cref="StringValue"/>).</summary>
    private const int MaxSharedStrings = 1 << 16;

    private readonly Dictionary<string, PickleString> _strings = new(StringComparer.Ordinal);
    private readonly List<PickleImport> _imports = [];
    private readonly List<PickleCall> _calls = [];
    private readonly List<PickleAnomaly> _anomalies = [];
    private readonly List<JoblibArray> _arrays = [];
    private readonly List<PickleInstruction>? _listing;
    private long _opcodeCount;
    private int _protocol = -1;
    private int _opcodeProtocol;
    private long _frameEnd = -1;
    private string? _annotation;
    private MalformedDataException? _recorded;
    private bool _recordsCapped;

    public PickleMachine(PickleTokenReader reader, PickleAnalysisOptions options, int nesting)
    {
        _reader = reader;
        _options = options;
        _limits = options.Limits;
        _nesting = nesting;
        if (options.RecordListing)
            _listing = [];
    }

    /// <summary>The value STOP popped, when the pickle completed.</summary>
    public PickleValue? Result { get; private set; }

    /// <summary>Runs to STOP, to the end of the input or to the first error.</summary>
    public PickleAnalysis Run()
    {
        var start = _reader.Position;
        var complete = false;
        MalformedDataException? error = null;
        try
        {
            complete = RunLoop();
        }
        catch (MalformedDataException ex)
        {
            error = ex;
            if (!ReferenceEquals(ex, _recorded))
                AddAnomaly(ex.Offset ?? _reader.Position, PickleAnomalyKind.BrokenPickle, ex.Reason);
        }
        var protocol = _protocol >= 0 ? _protocol : _opcodeProtocol;
        return new PickleAnalysis(protocol, start, _reader.Position, complete, _imports, _calls, _anomalies, _arrays, _listing, error, _opcodeCount);
    }

    private bool RunLoop()
    {
        while (true)
        {
            var offset = _reader.Position;
            var b = _reader.PeekByte();
            if (b < 0)
                throw Fail(offset, PickleAnomalyKind.BrokenPickle, _opcodeCount == 0 ? "input ends before the first opcode" : "input ends before STOP");
            var info = PickleOpcodeTable.Lookup((byte)b)
                ?? throw Fail(offset, PickleAnomalyKind.UnknownOpcode, $"unknown opcode 0x{b:x2}");
            if (++_opcodeCount > _limits.MaxOpcodesPerPickle)
                throw Fail(offset, PickleAnomalyKind.LimitExceeded, $"more than {_limits.MaxOpcodesPerPickle} opcodes in one pickle");
            var token = _reader.Read(info);
            _opcodeProtocol = Math.Max(_opcodeProtocol, Math.Min(info.Protocol, 1));
            _annotation = null;
            var listingIndex = _listing is not null && _listing.Count < _limits.MaxListingInstructions ? _listing.Count : -1;
            if (listingIndex >= 0)
                _listing!.Add(new PickleInstruction(offset, token.Opcode, ArgumentRepr(in token), null));
            var stop = Execute(in token);
            if (listingIndex >= 0 && _annotation is not null)
                _listing![listingIndex] = _listing[listingIndex] with { Annotation = _annotation };
            if (_stack.Count > _limits.MaxStackDepth)
                throw Fail(offset, PickleAnomalyKind.LimitExceeded, $"stack deeper than {_limits.MaxStackDepth}");
            if (stop)
                return true;
        }
    }

    private bool Execute(in PickleToken t)
    {
        switch (t.Opcode)
        {
            case PickleOpcode.Mark:
                _marks.Add(_stack.Count);
                break;
            case PickleOpcode.Stop:
                Result = Pop(t);
                if (_stack.Count > 0 || _marks.Count > 0)
                    AddAnomaly(t.Offset, PickleAnomalyKind.LeftoverStack, $"{_stack.Count} values and {_marks.Count} marks left at STOP");
                return true;
            case PickleOpcode.Pop:
                // Lib/pickle.py load_pop: pops a value, or the last mark when nothing sits above it.
                if (_stack.Count > Fence)
                    _stack.RemoveAt(_stack.Count - 1);
                else
                    PopMark(t);
                break;
            case PickleOpcode.PopMark:
                PopMark(t);
                break;
            case PickleOpcode.Dup:
                Push(Peek(t));
                break;
            case PickleOpcode.Int:
                Push(t.Boolean is bool flag ? (flag ? PickleScalar.True : PickleScalar.False) : IntValue(in t));
                break;
            case PickleOpcode.BinInt or PickleOpcode.BinInt1 or PickleOpcode.BinInt2 or PickleOpcode.Long or PickleOpcode.Long1 or PickleOpcode.Long4:
                Push(IntValue(in t));
                break;
            case PickleOpcode.Float or PickleOpcode.BinFloat:
                Push(PickleScalar.Float(t.Float));
                break;
            case PickleOpcode.None:
                Push(PickleScalar.None);
                break;
            case PickleOpcode.NewTrue:
                Push(PickleScalar.True);
                break;
            case PickleOpcode.NewFalse:
                Push(PickleScalar.False);
                break;
            case PickleOpcode.String or PickleOpcode.BinString or PickleOpcode.ShortBinString or PickleOpcode.Unicode
                or PickleOpcode.BinUnicode or PickleOpcode.ShortBinUnicode or PickleOpcode.BinUnicode8:
                Push(StringValue(t.Text ?? "", t.Truncated));
                break;
            case PickleOpcode.BinBytes or PickleOpcode.ShortBinBytes or PickleOpcode.BinBytes8:
                Push(new PickleBytes(t.Bytes ?? [], t.Length, isByteArray: false));
                break;
            case PickleOpcode.ByteArray8:
                Push(new PickleBytes(t.Bytes ?? [], t.Length, isByteArray: true));
                break;
            case PickleOpcode.EmptyTuple:
                Push(NewContainer(PickleContainerKind.Tuple));
                break;
            case PickleOpcode.EmptyList:
                Push(NewContainer(PickleContainerKind.List));
                break;
            case PickleOpcode.EmptyDict:
                Push(NewContainer(PickleContainerKind.Dict));
                break;
            case PickleOpcode.EmptySet:
                Push(NewContainer(PickleContainerKind.Set));
                break;
            case PickleOpcode.Tuple:
                Push(Collect(PickleContainerKind.Tuple, PopMark(t)));
                break;
            case PickleOpcode.List:
                Push(Collect(PickleContainerKind.List, PopMark(t)));
                break;
            case PickleOpcode.FrozenSet:
                Push(Collect(PickleContainerKind.FrozenSet, PopMark(t)));
                break;
            case PickleOpcode.Dict:
                var dict = NewContainer(PickleContainerKind.Dict);
                AddPairs(dict, PopMark(t));
                Push(dict);
                break;
            case PickleOpcode.Tuple1 or PickleOpcode.Tuple2 or PickleOpcode.Tuple3:
                var n = t.Opcode - PickleOpcode.Tuple1 + 1;
                var items = new PickleValue[n];
                for (var i = n - 1; i >= 0; i--)
                    items[i] = Pop(t);
                Push(Collect(PickleContainerKind.Tuple, items));
                break;
            case PickleOpcode.Append:
                var appended = Pop(t);
                (Peek(t) as PickleContainer)?.Add(appended);
                break;
            case PickleOpcode.Appends or PickleOpcode.AddItems:
                var added = PopMark(t);
                if (Peek(t) is PickleContainer target)
                {
                    foreach (var item in added)
                        target.Add(item);
                }
                break;
            case PickleOpcode.SetItem:
                var value = Pop(t);
                var key = Pop(t);
                (Peek(t) as PickleContainer)?.AddPair(key, value);
                break;
            case PickleOpcode.SetItems:
                var pairs = PopMark(t);
                if (Peek(t) is PickleContainer mapping)
                    AddPairs(mapping, pairs);
                break;
            case PickleOpcode.Get or PickleOpcode.BinGet or PickleOpcode.LongBinGet:
                if (!_memo.TryGetValue(t.Integer, out var memoValue))
                    throw Fail(t.Offset, PickleAnomalyKind.MemoKeyMissing, $"memo key {t.Integer} was never stored");
                Push(memoValue);
                if (_listing is not null)
                    Annotate($"memo[{t.Integer}] -> {memoValue.Describe(60)}");
                break;
            case PickleOpcode.Put or PickleOpcode.BinPut or PickleOpcode.LongBinPut:
                if (t.Integer < 0)
                    throw Fail(t.Offset, PickleAnomalyKind.BrokenPickle, "negative PUT argument");
                Memoize(t, t.Integer);
                break;
            case PickleOpcode.Memoize:
                Memoize(t, _memo.Count);
                break;
            case PickleOpcode.Global:
                var global = new PickleGlobal(t.Text ?? "", t.Text2 ?? "");
                AddImport(global.Module, global.Name, t, PickleImportVia.Global);
                Push(global);
                break;
            case PickleOpcode.StackGlobal:
                StackGlobal(t);
                break;
            case PickleOpcode.Inst:
                var instArgs = Collect(PickleContainerKind.Tuple, PopMark(t));
                var cls = new PickleGlobal(t.Text ?? "", t.Text2 ?? "");
                AddImport(cls.Module, cls.Name, t, PickleImportVia.Inst);
                Push(Call(t, PickleCallKind.Inst, cls, instArgs));
                break;
            case PickleOpcode.Obj:
                var objItems = PopMark(t);
                if (objItems.Count == 0)
                    throw Fail(t.Offset, PickleAnomalyKind.StackUnderflow, "OBJ without a class above the mark");
                Push(Call(t, PickleCallKind.Obj, objItems[0], Collect(PickleContainerKind.Tuple, objItems.Skip(1).ToList())));
                break;
            case PickleOpcode.Reduce:
                var reduceArgs = Pop(t);
                Push(Call(t, PickleCallKind.Reduce, Pop(t), reduceArgs));
                break;
            case PickleOpcode.NewObj:
                var newArgs = Pop(t);
                Push(Call(t, PickleCallKind.NewObj, Pop(t), newArgs));
                break;
            case PickleOpcode.NewObjEx:
                var kwargs = Pop(t);
                var exArgs = Pop(t);
                Push(Call(t, PickleCallKind.NewObj, Pop(t), exArgs, kwargs));
                break;
            case PickleOpcode.Build:
                Build(t);
                break;
            case PickleOpcode.PersId:
                Push(PersistentLoad(t, new PickleString(t.Text ?? "", t.Truncated)));
                break;
            case PickleOpcode.BinPersId:
                Push(PersistentLoad(t, Pop(t)));
                break;
            case PickleOpcode.Ext1 or PickleOpcode.Ext2 or PickleOpcode.Ext4:
                AddAnomaly(t.Offset, PickleAnomalyKind.ExtensionCode, $"extension registry code {t.Integer} names a callable only at load time (copyreg)");
                Push(new PickleUnknown($"extension code {t.Integer}"));
                if (_listing is not null)
                    Annotate($"extension code {t.Integer}: cannot be resolved statically");
                break;
            case PickleOpcode.Proto:
                if (_opcodeCount != 1)
                    AddAnomaly(t.Offset, PickleAnomalyKind.UnexpectedProto, "PROTO after the first opcode");
                if (t.Integer > 5)
                    throw Fail(t.Offset, PickleAnomalyKind.UnexpectedProto, $"unsupported pickle protocol {t.Integer}");
                _protocol = Math.Max(_protocol, (int)t.Integer);
                break;
            case PickleOpcode.Frame:
                // Protocol 4 framing (PEP 3154): the frame length is checked loosely, never relied on.
                if (_frameEnd > t.Offset)
                    AddAnomaly(t.Offset, PickleAnomalyKind.FrameMismatch, $"FRAME starts {_frameEnd - t.Offset} bytes before the previous frame ends");
                if (_reader.Remaining is long remaining && t.Integer > remaining)
                    AddAnomaly(t.Offset, PickleAnomalyKind.FrameMismatch, $"FRAME of {t.Integer} bytes runs past the end of the input ({remaining} bytes left)");
                _frameEnd = t.End > long.MaxValue - t.Integer ? long.MaxValue : t.End + t.Integer;
                break;
            case PickleOpcode.NextBuffer:
                AddAnomaly(t.Offset, PickleAnomalyKind.OutOfBandBuffer, "NEXT_BUFFER takes an out-of-band buffer from the loader");
                Push(new PickleUnknown("out-of-band buffer"));
                break;
            case PickleOpcode.ReadonlyBuffer:
                Peek(t);
                break;
            default:
                throw Fail(t.Offset, PickleAnomalyKind.UnknownOpcode, $"unhandled opcode {t.Opcode}");
        }
        return false;
    }

    private int Fence => _marks.Count > 0 ? _marks[^1] : 0;

    private void Push(PickleValue value) => _stack.Add(value);

    private PickleValue Pop(in PickleToken t)
    {
        if (_stack.Count <= Fence)
            throw Fail(t.Offset, PickleAnomalyKind.StackUnderflow, $"{PickleOpcodeTable.NameOf(t.Opcode)} pops from an empty stack");
        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private PickleValue Peek(in PickleToken t) =>
        _stack.Count > Fence ? _stack[^1] : throw Fail(t.Offset, PickleAnomalyKind.StackUnderflow, $"{PickleOpcodeTable.NameOf(t.Opcode)} needs a value on an empty stack");

    private List<PickleValue> PopMark(in PickleToken t)
    {
        if (_marks.Count == 0)
            throw Fail(t.Offset, PickleAnomalyKind.StackUnderflow, $"{PickleOpcodeTable.NameOf(t.Opcode)} without a MARK");
        var mark = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private PickleContainer NewContainer(PickleContainerKind kind) => new(kind, _limits.MaxContainerItemsKept);

    private PickleContainer Collect(PickleContainerKind kind, IReadOnlyList<PickleValue> items)
    {
        var container = NewContainer(kind);
        foreach (var item in items)
            container.Add(item);
        return container;
    }

    private static void AddPairs(PickleContainer dict, List<PickleValue> items)
    {
        for (var i = 0; i + 1 < items.Count; i += 2)
            dict.AddPair(items[i], items[i + 1]);
    }

    /// <summary>
    /// A str value, shared with earlier equal ones: the memo keeps every value alive, and data pickles
    /// (a DataFrame's object column) repeat the same few strings millions of times. Sharing is safe because
    /// values are never mutated; the cache is bounded so unique strings cannot grow it without limit.
    /// </summary>
    private PickleString StringValue(string text, bool truncated)
    {
        if (truncated || text.Length > 64)
            return new PickleString(text, truncated);
        if (_strings.TryGetValue(text, out var shared))
            return shared;
        var value = new PickleString(text, truncated);
        if (_strings.Count < MaxSharedStrings)
            _strings.Add(text, value);
        return value;
    }

    private static PickleScalar IntValue(in PickleToken t) =>
        t.BigInteger is { } big ? new PickleScalar(big) : PickleScalar.Int(t.Integer);

    private void Memoize(in PickleToken t, long key)
    {
        var value = Peek(t);
        if (!_memo.ContainsKey(key) && _memo.Count >= _limits.MaxMemoEntries)
            throw Fail(t.Offset, PickleAnomalyKind.LimitExceeded, $"more than {_limits.MaxMemoEntries} memo entries");
        _memo.Set(key, value);
        if (_listing is not null)
            Annotate($"memo[{key}] <- {value.Describe(60)}");
    }

    private void StackGlobal(in PickleToken t)
    {
        var name = Pop(t);
        var module = Pop(t);
        if (module is PickleString { Truncated: false } m && name is PickleString { Truncated: false } n)
        {
            AddImport(m.Text, n.Text, t, PickleImportVia.StackGlobal);
            Push(new PickleGlobal(m.Text, n.Text));
            return;
        }
        var moduleText = module is PickleString ms ? ms.Text : "?";
        var nameText = name is PickleString ns ? ns.Text : "?";
        AddAnomaly(t.Offset, PickleAnomalyKind.DynamicImport,
            $"STACK_GLOBAL on computed values: module {module.Describe(60)}, name {name.Describe(60)}");
        AddImport(moduleText, nameText, t, PickleImportVia.StackGlobal);
        Push(new PickleUnknown($"dynamic import {moduleText}.{nameText}"));
    }

    private PickleCallResult Call(in PickleToken t, PickleCallKind kind, PickleValue callable, PickleValue args, PickleValue? kwargs = null)
    {
        var callablePath = callable.Path;
        var preview = kwargs is null ? args.Describe(PreviewChars) : Truncate($"{args.Describe(PreviewChars)}, **{kwargs.Describe(PreviewChars)}");
        if (callablePath is null)
        {
            var target = PickleResolvers.MethodCallerTarget(callable, args);
            if (target is not null)
            {
                AddResolved(t, target, "operator.methodcaller");
                callablePath = target;
            }
            else if (callable is PickleCallResult { CallablePath: "operator.attrgetter" or "_operator.attrgetter" or "operator.itemgetter" or "_operator.itemgetter" or "operator.methodcaller" or "_operator.methodcaller" } getter)
            {
                // Calling the object an operator getter returned: named after the function that made it.
                callablePath = getter.CallablePath;
            }
            else
            {
                AddAnomaly(t.Offset, PickleAnomalyKind.UnresolvedCallTarget, $"{PickleOpcodeTable.NameOf(t.Opcode)} calls {callable.Describe(80)}, which cannot be resolved statically");
            }
        }
        AddCall(new PickleCall(callablePath, t.Offset, t.Opcode, kind, preview));
        var resultPath = PickleResolvers.ResultPath(callablePath, callable, args);
        if (resultPath is not null)
            AddResolved(t, resultPath, callablePath ?? "operator.attrgetter");
        var result = new PickleCallResult(callable, args, callablePath, resultPath);
        if (_listing is not null)
            Annotate($"calls {Truncate(result.Describe(PreviewChars))}" + (resultPath is null ? "" : $" -> {resultPath}"));
        return result;
    }

    private void AddResolved(in PickleToken t, string path, string resolver)
    {
        var (module, name) = PickleResolvers.Split(path);
        AddImport(module, name, t, PickleImportVia.ResolvedThrough);
        AddAnomaly(t.Offset, PickleAnomalyKind.ResolvedThroughCall, $"{resolver} resolves a string to {path}");
    }

    private PicklePersistent PersistentLoad(in PickleToken t, PickleValue id)
    {
        AddCall(new PickleCall(null, t.Offset, t.Opcode, PickleCallKind.PersistentLoad, id.Describe(PreviewChars)));
        var value = new PicklePersistent(id);
        if (_listing is not null)
            Annotate($"persistent_load({id.Describe(80)})");
        return value;
    }

    private void Build(in PickleToken t)
    {
        var state = Pop(t);
        var obj = Peek(t);
        var classPath = ClassOf(obj);
        if (obj is PickleGlobal g)
            AddAnomaly(t.Offset, PickleAnomalyKind.BuildOnGlobal, $"BUILD sets attributes of the global {g.Path}");
        if (classPath is null)
            AddAnomaly(t.Offset, PickleAnomalyKind.UnresolvedCallTarget, $"BUILD on {obj.Describe(80)}, whose class cannot be resolved statically");
        AddCall(new PickleCall(classPath, t.Offset, t.Opcode, PickleCallKind.Build, state.Describe(PreviewChars)));
        if (_listing is not null)
            Annotate($"builds {classPath ?? "?"} with {state.Describe(80)}");
        if (obj is PickleCallResult call)
        {
            call.State = state;
            if (_options.JoblibArrays && classPath == NumpyArrayWrapper && state is PickleContainer { Kind: PickleContainerKind.Dict } wrapperState)
                SkipJoblibArray(t, wrapperState);
        }
    }

    // The class a BUILD applies to: the called class for NEWOBJ/OBJ/INST; for copyreg._reconstructor(cls, base, state)
    // and copyreg.__newobj__(cls, *args) (protocol 0-1 and 2 spellings), their first argument; else the factory called.
    private static string? ClassOf(PickleValue obj) => obj switch
    {
        PickleCallResult { CallablePath: "copyreg._reconstructor" or "copy_reg._reconstructor" or "copyreg.__newobj__" or "copy_reg.__newobj__" or "copyreg.__newobj_ex__" } c
            when c.Arguments is PickleContainer { Items: [var first, ..] } && first.Path is { } p => p,
        PickleCallResult c => c.CallablePath,
        PickleGlobal g => g.Path,
        PickleContainer c => c.Kind switch
        {
            PickleContainerKind.Tuple => "builtins.tuple",
            PickleContainerKind.List => "builtins.list",
            PickleContainerKind.Dict => "builtins.dict",
            PickleContainerKind.Set => "builtins.set",
            _ => "builtins.frozenset",
        },
        PickleString => "builtins.str",
        PickleBytes b => b.IsByteArray ? "builtins.bytearray" : "builtins.bytes",
        _ => null,
    };

    /// <summary>
    /// joblib/numpy_pickle.py: after the BUILD of a NumpyArrayWrapper, <c>read_array</c> reads the array from the
    /// file itself: for object dtypes a complete nested pickle (<c>pickle.load</c>); otherwise, when the state has
    /// <c>numpy_array_alignment_bytes</c> (joblib 0.12+), one padding-length byte and that many padding bytes, then
    /// product(shape) × itemsize raw bytes.
    /// </summary>
    private void SkipJoblibArray(in PickleToken t, PickleContainer state)
    {
        var shape = new List<long>();
        var shapeValue = state.Lookup("shape");
        if (shapeValue is PickleContainer { Kind: PickleContainerKind.Tuple } shapeTuple && shapeTuple.Items.Count == shapeTuple.Count)
        {
            foreach (var dim in shapeTuple.Items)
            {
                if (dim is not PickleScalar { Integer: long d } || d < 0)
                    throw Fail(t.Offset, PickleAnomalyKind.JoblibArrayUnsized, $"joblib array shape {shapeTuple.Describe(60)} is not a tuple of sizes");
                shape.Add(d);
            }
        }
        else
        {
            throw Fail(t.Offset, PickleAnomalyKind.JoblibArrayUnsized, $"joblib array shape {shapeValue?.Describe(60) ?? "missing"} cannot be read");
        }
        var dtypeValue = state.Lookup("dtype");
        var dtype = dtypeValue is PickleCallResult { CallablePath: "numpy.dtype", Arguments: PickleContainer { Items: [PickleString { Truncated: false } s, ..] } } ? s.Text : null;
        if (dtype is null)
            throw Fail(t.Offset, PickleAnomalyKind.JoblibArrayUnsized, $"joblib array dtype {dtypeValue?.Describe(60) ?? "missing"} cannot be sized");
        _frameEnd = -1; // NumpyPickler commits the current frame before writing the array (protocol 4+).
        if (JoblibDtype.HasObjects(dtype))
        {
            SkipJoblibObjectArray(t, shape, dtype);
            return;
        }
        var itemSize = JoblibDtype.ItemSize(dtype)
            ?? throw Fail(t.Offset, PickleAnomalyKind.JoblibArrayUnsized, $"cannot size array of dtype '{dtype}'");
        if (state.HasKey("numpy_array_alignment_bytes"))
        {
            var padding = _reader.ReadByte("joblib array padding length");
            _reader.Skip(padding, "joblib array padding");
        }
        long byteLength;
        try
        {
            byteLength = itemSize;
            foreach (var dim in shape)
                byteLength = checked(byteLength * dim);
        }
        catch (OverflowException)
        {
            throw Fail(t.Offset, PickleAnomalyKind.JoblibArrayUnsized, "joblib array size overflows 64 bits");
        }
        var dataOffset = _reader.Position;
        _reader.Skip(byteLength, $"joblib array of {byteLength} bytes");
        _arrays.Add(new JoblibArray(dataOffset, shape, dtype, byteLength, HasObjects: false));
        if (_listing is not null)
            Annotate($"joblib array {dtype} ({string.Join(", ", shape)}) : {byteLength} bytes at {dataOffset} skipped");
    }

    private void SkipJoblibObjectArray(in PickleToken t, List<long> shape, string dtype)
    {
        if (_nesting + 1 > _limits.MaxNestedPickleDepth)
            throw Fail(t.Offset, PickleAnomalyKind.LimitExceeded, $"pickles nested deeper than {_limits.MaxNestedPickleDepth}");
        var nested = new PickleMachine(_reader, _options, _nesting + 1);
        var analysis = nested.Run();
        _imports.AddRange(analysis.Imports);
        _calls.AddRange(analysis.Calls);
        _anomalies.AddRange(analysis.Anomalies);
        _arrays.Add(new JoblibArray(analysis.StartOffset, shape, dtype, analysis.EndOffset - analysis.StartOffset, HasObjects: true));
        _arrays.AddRange(analysis.JoblibArrays);
        if (_listing is not null && analysis.Listing is not null)
        {
            foreach (var instruction in analysis.Listing)
            {
                if (_listing.Count >= _limits.MaxListingInstructions)
                    break;
                _listing.Add(instruction with { Annotation = instruction.Annotation is null ? "(nested joblib pickle)" : $"(nested) {instruction.Annotation}" });
            }
        }
        _opcodeCount += analysis.OpcodeCount;
        if (analysis.Error is not null)
        {
            _recorded = analysis.Error;
            throw analysis.Error;
        }
        if (_listing is not null)
            Annotate($"joblib object array {dtype}: nested pickle at {analysis.StartOffset}..{analysis.EndOffset}");
    }

    private void AddImport(string module, string name, in PickleToken t, PickleImportVia via)
    {
        if (_imports.Count >= _limits.MaxRecordsPerPickle)
        {
            CapRecords(t.Offset);
            return;
        }
        _imports.Add(new PickleImport(module, name, t.Offset, t.Opcode, via));
        if (via != PickleImportVia.ResolvedThrough && _listing is not null)
            Annotate($"imports {module}.{name}");
    }

    private void AddCall(PickleCall call)
    {
        if (_calls.Count >= _limits.MaxRecordsPerPickle)
        {
            CapRecords(call.Offset);
            return;
        }
        _calls.Add(call);
    }

    private void CapRecords(long offset)
    {
        if (_recordsCapped)
            return;
        _recordsCapped = true;
        AddAnomaly(offset, PickleAnomalyKind.LimitExceeded, $"more than {_limits.MaxRecordsPerPickle} imports or calls; the rest are not recorded");
    }

    private void AddAnomaly(long offset, PickleAnomalyKind kind, string message)
    {
        if (_anomalies.Count < _limits.MaxAnomaliesPerPickle)
            _anomalies.Add(new PickleAnomaly(offset, kind, message));
    }

    private MalformedDataException Fail(long offset, PickleAnomalyKind kind, string message)
    {
        AddAnomaly(offset, kind, message);
        _recorded = new MalformedDataException(Format, message, offset);
        return _recorded;
    }

    private void Annotate(string text)
    {
        _annotation = _annotation is null ? text : $"{_annotation}; {text}";
    }

    private static string Truncate(string text) => text.Length <= PreviewChars ? text : string.Concat(text.AsSpan(0, PreviewChars - 3), "...");

    internal static string? ArgumentRepr(in PickleToken t)
    {
        var info = PickleOpcodeTable.Get(t.Opcode);
        switch (info.Argument)
        {
            case PickleArgumentKind.None:
                return null;
            case PickleArgumentKind.Float8 or PickleArgumentKind.FloatNl:
                return t.Float.ToString("R", CultureInfo.InvariantCulture);
            case PickleArgumentKind.StringNlNoEscapePair:
                return $"{t.Text} {t.Text2}";
            case PickleArgumentKind.Bytes1 or PickleArgumentKind.Bytes4 or PickleArgumentKind.Bytes8 or PickleArgumentKind.ByteArray8:
                var sb = new StringBuilder();
                PickleRepr.AppendBytes(sb, t.Bytes ?? [], t.Length, 80);
                return sb.ToString();
        }
        if (t.Text is not null)
            return PickleRepr.Quoted(t.Text, t.Truncated, 80);
        if (t.Boolean is bool b)
            return b ? "True" : "False";
        return t.BigInteger ?? t.Integer.ToString(CultureInfo.InvariantCulture);
    }
}
