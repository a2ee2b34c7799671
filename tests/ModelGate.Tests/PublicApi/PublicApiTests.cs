using System.Reflection;
using System.Text;
using ModelGate.Formats;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.PublicApi;

/// <summary>
/// The public API is small on purpose and changes only deliberately: this snapshot of every public type
/// and member fails on any change, and the golden file's diff is what a reviewer reads.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("ModelGate.Formats", "public-api-formats.txt")]
    [InlineData("ModelGate.Engine", "public-api-engine.txt")]
    public void Public_api_matches_the_snapshot(string assemblyName, string golden)
    {
        var assembly = assemblyName == "ModelGate.Formats" ? typeof(MalformedDataException).Assembly : typeof(Scanner).Assembly;
        Golden.AssertMatches(Describe(assembly), golden);
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(Name(type)).Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Select(Member)
                .Where(m => m.Length > 0)
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
                text.Append("  ").Append(member).Append('\n');
        }
        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";

    private static string Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c.GetParameters())})",
        MethodInfo m when m.Name is "<Clone>$" => "",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}({Parameters(m.GetParameters())})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? " set;" : "")} }}",
        FieldInfo f => $"{(f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {e.Name}",
        Type nested => $"nested {Name(nested)}",
        _ => member.Name,
    };

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p => $"{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{type.Namespace}.{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }
        return type.FullName ?? type.Name;
    }
}
