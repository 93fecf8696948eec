using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// SQLite hands every <see cref="DateTime"/> back as <see cref="DateTimeKind.Unspecified"/>; the inbox converts
/// times into users' zones, which silently goes wrong unless the value says it is UTC.
/// </summary>
internal static class UtcDateTimes
{
    private static readonly ValueConverter<DateTime, DateTime> Converter = new(
        value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>Marks every <see cref="DateTime"/> property of the entity as stored and read back in UTC.</summary>
    public static void StoreDateTimesAsUtc<T>(this EntityTypeBuilder<T> builder)
        where T : class
    {
        foreach (var property in builder.Metadata.GetDeclaredProperties())
        {
            if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
            {
                property.SetValueConverter(Converter);
            }
        }
    }
}
