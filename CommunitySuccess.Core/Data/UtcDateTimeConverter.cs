using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommunitySuccess.Core.Data;

/// <summary>SQLite returns <see cref="DateTime"/> as Unspecified; every time we store is UTC, so say so on read.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
