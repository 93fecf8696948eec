using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// Every time we store is UTC, so say so on both sides: SQLite returns <see cref="DateTime"/> as Unspecified, and
/// PostgreSQL's <c>timestamp with time zone</c> accepts only UTC values (an Unspecified one is taken as UTC here;
/// SQLite stores the same text either way).
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
