using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Configuration;

/// <summary>
/// Refuses keys inside one of our configuration sections that no options property binds to, naming the full key
/// (for example <c>Slack:SupportChanels</c>), so a typo stops start-up instead of being silently ignored.
/// </summary>
public sealed class UnknownKeyValidator<TOptions>(IConfiguration configuration, string sectionName) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var unknown = FindUnknownKeys(configuration.GetSection(sectionName), typeof(TOptions)).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(unknown.Select(key => $"{key} is not a known setting."));
    }

    /// <summary>The full paths of keys under <paramref name="section"/> that <paramref name="type"/> has no property for.</summary>
    public static IEnumerable<string> FindUnknownKeys(IConfigurationSection section, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || IsCollection(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                yield return child.Path;
                continue;
            }

            foreach (var key in FindUnknownKeysInValue(child, property.PropertyType))
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<string> FindUnknownKeysInValue(IConfigurationSection section, Type type)
    {
        if (IsLeaf(type))
        {
            return [];
        }

        var elementType = ElementTypeOf(type);
        if (elementType is not null)
        {
            return IsLeaf(elementType)
                ? []
                : section.GetChildren().SelectMany(item => FindUnknownKeys(item, elementType));
        }

        return FindUnknownKeys(section, type);
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
            || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan) || t == typeof(Uri)
            || t == typeof(Guid) || t == typeof(DateTimeOffset);
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? ElementTypeOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return IsCollection(type) && type.IsGenericType ? type.GetGenericArguments()[^1] : null;
    }
}
