using System.Reflection;
using System.Runtime.CompilerServices;

namespace Actors.Cluster.Tests;

/// <summary>
/// Lists an assembly's public surface, one member per line, so every change to it shows up in review
/// as a change to an approved text file.
/// </summary>
public static class PublicApi
{
    public static void Verify(Assembly assembly, [CallerFilePath] string caller = "")
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(caller)!, $"{assembly.GetName().Name}.PublicApi.approved.txt");
        var actual = string.Join('\n', Describe(assembly)) + "\n";
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (actual == approved) return;
        var receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received") + ".txt";
        File.WriteAllText(receivedPath, actual);
        var added = actual.Split('\n').Except(approved.Split('\n')).Take(20);
        var removed = approved.Split('\n').Except(actual.Split('\n')).Take(20);
        Assert.Fail($"The public API of {assembly.GetName().Name} changed. If intended, copy {receivedPath} over {approvedPath}.\n"
            + $"Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
    }

    private static IEnumerable<string> Describe(Assembly assembly)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            yield return $"{Kind(type)} {Name(type)}{Bases(type)}";
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && m is not Type)
                .Select(m => "  " + Member(m))
                .Order(StringComparer.Ordinal);
            foreach (var member in members) yield return member;
        }
    }

    private static string Kind(Type t) =>
        t.IsInterface ? "interface" : t.IsEnum ? "enum" : t.IsValueType ? "struct" : t.IsAbstract && t.IsSealed ? "static class" :
        t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";

    private static string Bases(Type t)
    {
        var bases = new List<string>();
        if (t.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)) bases.Add(Name(b));
        bases.AddRange(t.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static string Member(MemberInfo m) => m switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo method => $"{(method.IsStatic ? "static " : "")}{Name(method.ReturnType)} {method.Name}{Generic(method)}({Parameters(method)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(x => x.Name == "IsExternalInit") ? " init;" : " set;") : "")} }}",
        FieldInfo f => $"{(f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => m.ToString()!,
    };

    private static string Generic(MethodInfo m) => m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type t)
    {
        if (t.IsGenericParameter) return t.Name;
        if (t.IsByRef) return Name(t.GetElementType()!) + "&";
        if (t.IsArray) return Name(t.GetElementType()!) + "[]";
        var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : t.Namespace + "." + t.Name;
        if (!t.IsGenericType) return name;
        return name[..name.IndexOf('`')] + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
    }
}
