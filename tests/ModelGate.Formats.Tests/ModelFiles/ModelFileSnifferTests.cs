using System.Text;
using ModelGate.Formats.ModelFiles;

namespace ModelGate.Formats.Tests.ModelFiles;

public sealed class ModelFileSnifferTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static byte[] Safetensors(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    public static TheoryData<string, byte[], string, ModelFileFormat> Prefixes() => new()
    {
        { "pickle protocol 2", Hex("80 02 7D 71 00 2E"), "model.pkl", ModelFileFormat.Pickle },
        { "pickle protocol 4 without extension", Hex("80 04 95 10 00 00 00 00 00 00 00"), "weights", ModelFileFormat.Pickle },
        { "pickle protocol 0 global", Encoding.ASCII.GetBytes("cos\nsystem\n(S'id'\ntR."), "x.bin", ModelFileFormat.Pickle },
        { "joblib pickle", Hex("80 04 95 00"), "model.joblib", ModelFileFormat.Joblib },
        { "joblib zlib-compressed", Hex("78 9C 6B 60"), "model.joblib", ModelFileFormat.Joblib },
        { "numpy npy", [0x93, .. "NUMPY"u8, 1, 0], "a.npy", ModelFileFormat.NumPy },
        { "gguf", Encoding.ASCII.GetBytes("GGUF\x03\0\0\0"), "llama.gguf", ModelFileFormat.Gguf },
        { "hdf5", [0x89, .. "HDF\r\n\x1a\n"u8, 0], "model.h5", ModelFileFormat.Hdf5 },
        { "zip", Hex("50 4B 03 04 14 00"), "model.pt", ModelFileFormat.Zip },
        { "tflite", [0x1C, 0, 0, 0, .. "TFL3"u8, 0, 0], "m.tflite", ModelFileFormat.TensorFlowLite },
        { "safetensors", Safetensors("{\"__metadata__\":{}}", 0), "model.safetensors", ModelFileFormat.Safetensors },
        { "onnx by name and protobuf key", Hex("08 07 12 07"), "model.onnx", ModelFileFormat.Onnx },
        { "saved_model.pb", Hex("08 01 12 00"), "saved_model.pb", ModelFileFormat.TensorFlowSavedModel },
        { "text is not a model", Encoding.ASCII.GetBytes("hello world"), "model.bin", ModelFileFormat.Unknown },
        { "empty", [], "model.bin", ModelFileFormat.Unknown },
        { "random .onnx name on text", Encoding.ASCII.GetBytes("\0\0\0"), "model.onnx", ModelFileFormat.Unknown },
    };

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void Formats_are_recognised_by_their_first_bytes(string because, byte[] prefix, string name, ModelFileFormat expected)
    {
        Assert.True(expected == ModelFileSniffer.Sniff(prefix, name, Math.Max(prefix.Length, 1024)), because);
    }

    [Fact]
    public void A_safetensors_header_length_beyond_the_file_is_not_safetensors()
    {
        var bytes = Safetensors("{\"a\":1}", 0);
        Assert.Equal(ModelFileFormat.Unknown, ModelFileSniffer.Sniff(bytes, "x.safetensors", 10));
    }

    [Theory]
    [InlineData("archive/data.pkl,archive/data/0,archive/version", "x.pt", ModelFileFormat.PyTorchZip)]
    [InlineData("resnet50/data.pkl,resnet50/version", "pytorch_model.bin", ModelFileFormat.PyTorchZip)]
    [InlineData("model/data.pkl,model/code/__torch__/m.py,model/constants.pkl", "scripted.pt", ModelFileFormat.TorchScript)]
    [InlineData("config.json,metadata.json,model.weights.h5", "m.keras", ModelFileFormat.KerasZip)]
    [InlineData("a.npy,b.npy", "arrays.npz", ModelFileFormat.NumPyZip)]
    [InlineData("readme.txt,model.onnx", "bundle.zip", ModelFileFormat.Zip)]
    public void Zip_based_formats_are_told_apart_by_member_names(string members, string name, ModelFileFormat expected)
    {
        Assert.Equal(expected, ModelFileSniffer.ClassifyZip(members.Split(','), name));
    }
}
